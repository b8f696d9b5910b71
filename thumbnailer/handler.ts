/**
 * The Lambda entry: `handler` is built once per cold start from `process.env`. Logic lives in
 * create-handler.ts; this file only connects it to Lambda.
 *
 * Set `MALLOC_ARENA_MAX=2` on the function: glibc's per-thread malloc arenas otherwise fragment
 * memory under libvips' threads (sharp's advice for Linux).
 */
import { loadConfig } from './config.js';
import { createHandler } from './create-handler.js';

export { createHandler } from './create-handler.js';

/** The Lambda handler for S3, SQS and EventBridge object-created events. */
export const handler = createHandler(loadConfig(process.env));
