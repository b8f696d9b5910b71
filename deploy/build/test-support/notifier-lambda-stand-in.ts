/**
 * Stand-in for `events/notifier-lambda.ts` until it lands, so the build of `notifier.zip` can be
 * tested: an SQS batch handler with the same libraries (Secrets Manager, SQS, standardwebhooks).
 * Not deployed: `npm run build:lambda` always bundles the real entry.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';

const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({});

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  if (event.Records.length === 0) return { batchItemFailures: [] };
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: process.env.WEBHOOK_SECRET_ARN }));
  const webhook = new Webhook((JSON.parse(secret.SecretString ?? '{}') as { secret: string }).secret);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const signature = webhook.sign(record.messageId, new Date(), record.body);
    const response = await fetch(process.env.WEBHOOK_URL!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-signature': signature },
      body: record.body,
    });
    if (response.ok) continue;
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: process.env.QUEUE_URL,
        ReceiptHandle: record.receiptHandle,
        VisibilityTimeout: 60,
      }),
    );
    failures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures: failures };
}
