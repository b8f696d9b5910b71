/** The webhook notifier entry the build tests bundle: the real `events/notifier-lambda.ts`. */
import { join } from 'node:path';
import { REPO_ROOT } from '../../paths.js';

const REAL_ENTRY = join(REPO_ROOT, 'events', 'notifier-lambda.ts');

/** Path of the entry module to bundle as `notifier.zip` in tests. */
export const NOTIFIER_TEST_ENTRY = REAL_ENTRY;

/** What the notifier reads at cold start (see deploy/webhook-notifier.ts); assign before importing it. */
export const NOTIFIER_TEST_ENV: Readonly<Record<string, string>> = {
  AWS_REGION: 'eu-west-1',
  WEBHOOK_URL: 'https://app.example.com/webhooks/images',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:image-webhook-AbCdEf',
  QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/image-webhook',
  MAX_ATTEMPTS: '8',
};
