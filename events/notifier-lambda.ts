/** The notifier Lambda (notifier.ts): SQS messages that are EventBridge image events → webhooks. */
import { createNotifier } from './notifier.js';
import { loadNotifierConfig } from './notifier-config.js';

export const handler = createNotifier(loadNotifierConfig(process.env));
