/** AWS Lambda entry: API Gateway HTTP API (v2) and Function URL events. */
import { handle } from 'hono/aws-lambda';
import { createApp } from './app.js';
import { loadConfig } from './config.js';

export const handler = handle(createApp(loadConfig(process.env)));
