import { createHash } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImageEvent } from '../contract/image-events.js';
import { AwsJsonError, startAwsJsonApi, type AwsJsonApi } from '../signer/test-support/aws-json-api.js';
import { createNotifier } from './notifier.js';
import { loadNotifierConfig } from './notifier-config.js';
import { secretsManagerSecrets } from './secrets-manager-secrets.js';
import { sampleEvent } from './test-support/sample-event.js';
import { startWebhookReceiver, type WebhookReceiver } from './test-support/webhook-receiver.js';
import type { WebhookLogEntry } from './webhook-queue.js';
import { generateWebhookSecret } from './webhook-secrets.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webhook-AbCdEf';

/** An SQS message as EventBridge's SQS target writes it: the image event is `detail`. */
function message(event: ImageEvent | unknown, receiveCount = 1, messageId = crypto.randomUUID()) {
  const detail = event as { type?: string };
  return {
    messageId,
    receiptHandle: `handle-${messageId}`,
    body: JSON.stringify({
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': detail?.type,
      source: 'image-uploader',
      account: '123456789012',
      time: new Date().toISOString(),
      region: 'eu-west-1',
      resources: [],
      detail: event,
    }),
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:webhooks',
    awsRegion: 'eu-west-1',
  };
}
const batch = (...records: ReturnType<typeof message>[]): SQSEvent => ({ Records: records });

describe('notifier Lambda', () => {
  const [secret, previousSecret] = [generateWebhookSecret(), generateWebhookSecret()];
  let aws: AwsJsonApi;
  // On the local API too: the SQS client sends to the queue URL's host unless given an endpoint.
  let QUEUE_URL: string;
  let DLQ_URL: string;
  let secretString: string;
  let receiver: WebhookReceiver;
  let logs: WebhookLogEntry[];
  const env = (more: Record<string, string> = {}) => ({
    WEBHOOK_URL: receiver.url,
    WEBHOOK_SECRET_ARN: SECRET_ARN,
    QUEUE_URL,
    MAX_ATTEMPTS: '5',
    WEBHOOK_TIMEOUT_MS: '1000',
    ...more,
  });
  const clients = () => ({
    sqs: new SQSClient({ endpoint: aws.endpoint, region: 'eu-west-1', credentials }),
    secrets: secretsManagerSecrets(SECRET_ARN, {
      client: new SecretsManagerClient({ endpoint: aws.endpoint, region: 'eu-west-1', credentials }),
    }),
  });
  const notifier = (more: Record<string, string> = {}) =>
    createNotifier(loadNotifierConfig(env(more)), { ...clients(), log: (entry) => logs.push(entry) });
  const calls = (operation: string) =>
    aws.requests.filter((request) => request.target.endsWith(`.${operation}`));

  beforeAll(async () => {
    // Real HTTP servers speaking the AWS JSON protocols: SQS (1.0) and Secrets Manager (1.1).
    aws = await startAwsJsonApi({
      'secretsmanager.GetSecretValue': (input) => {
        if (input.SecretId !== SECRET_ARN)
          throw new AwsJsonError('ResourceNotFoundException', 'no such secret');
        return { ARN: SECRET_ARN, Name: 'webhook', SecretString: secretString };
      },
      'AmazonSQS.ChangeMessageVisibility': () => ({}),
      'AmazonSQS.SendMessage': (input) => ({
        MessageId: crypto.randomUUID(),
        MD5OfMessageBody: createHash('md5').update(String(input.MessageBody)).digest('hex'),
      }),
    });
    QUEUE_URL = `${aws.endpoint}/123456789012/webhooks`;
    DLQ_URL = `${aws.endpoint}/123456789012/webhooks-dlq`;
  });
  afterAll(() => aws.close());
  beforeEach(async () => {
    aws.requests.length = 0;
    secretString = JSON.stringify({ secret, previousSecret });
    receiver = await startWebhookReceiver(previousSecret);
    logs = [];
  });
  afterEach(() => receiver.close());

  it('signs and POSTs each event of a batch, verifiable with the previous secret during a rotation', async () => {
    const events = [await sampleEvent(), await sampleEvent('"other"')];
    const answer = await notifier()(batch(...events.map((event) => message(event))));
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(receiver.received.map((request) => request.verified)).toEqual([true, true]);
    expect(receiver.received.map((request) => request.headers['webhook-id']).sort()).toEqual(
      events.map((event) => event.id).sort(),
    );
    expect(calls('ChangeMessageVisibility')).toEqual([]);
  });

  it('reads the secret once per container', async () => {
    const handler = notifier();
    await handler(batch(message(await sampleEvent())));
    await handler(batch(message(await sampleEvent())));
    expect(calls('GetSecretValue')).toHaveLength(1);
    expect(receiver.received).toHaveLength(2);
  });

  it('accepts a plain secret, with or without whsec_ (a CDK-generated 32-character password)', async () => {
    const password = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'; // 24 bytes as base64
    secretString = password;
    await receiver.close();
    receiver = await startWebhookReceiver(`whsec_${password}`);
    expect(await notifier()(batch(message(await sampleEvent())))).toEqual({ batchItemFailures: [] });
    expect(receiver.received[0]!.verified).toBe(true);
  });

  it('fails the whole batch when the secret cannot be read, and reads it again next time', async () => {
    const handler = createNotifier(loadNotifierConfig(env({ WEBHOOK_SECRET_ARN: `${SECRET_ARN}-gone` })), {
      ...clients(),
      secrets: secretsManagerSecrets(`${SECRET_ARN}-gone`, {
        client: new SecretsManagerClient({ endpoint: aws.endpoint, region: 'eu-west-1', credentials }),
      }),
      log: (entry) => logs.push(entry),
    });
    await expect(handler(batch(message(await sampleEvent())))).rejects.toThrow();
    await expect(handler(batch(message(await sampleEvent())))).rejects.toThrow();
    expect(calls('GetSecretValue')).toHaveLength(2);
    expect(receiver.received).toEqual([]);
  });

  describe('retries through the queue', () => {
    it.each([
      ['answers 500', 500],
      ['times out', 'hang'],
      ['closes the connection', 'drop'],
    ] as const)('reports a message whose receiver %s, visible again after the backoff', async (_, answer) => {
      receiver.answers.push(answer);
      const failing = message(await sampleEvent(), 3);
      const delivered = message(await sampleEvent('"other"'));
      const result = await notifier()(batch(failing, delivered));
      expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });
      const [change, ...more] = calls('ChangeMessageVisibility');
      expect(more).toEqual([]);
      expect(change!.input).toMatchObject({ QueueUrl: QUEUE_URL, ReceiptHandle: failing.receiptHandle });
      // The 3rd attempt failed: the next waits up to 5 s · 6² = 180 s (full jitter).
      expect(change!.input.VisibilityTimeout).toBeGreaterThanOrEqual(0);
      expect(change!.input.VisibilityTimeout).toBeLessThanOrEqual(180);
      expect(logs).toContainEqual(
        expect.objectContaining({ message: 'webhook failed; will retry', attempt: 3 }),
      );
    });

    it('sends a message whose last attempt failed to the dead-letter queue (redrive), released at once', async () => {
      receiver.answers.push(503);
      const last = message(await sampleEvent(), 5);
      expect(await notifier()(batch(last))).toEqual({
        batchItemFailures: [{ itemIdentifier: last.messageId }],
      });
      expect(calls('ChangeMessageVisibility').map((call) => call.input.VisibilityTimeout)).toEqual([0]);
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 'error', reason: 'HTTP 503', attempt: 5 }),
      );
    });

    it('takes a 410 Gone as done: no more attempts', async () => {
      receiver.answers.push(410);
      expect(await notifier()(batch(message(await sampleEvent(), 2)))).toEqual({ batchItemFailures: [] });
      expect(calls('ChangeMessageVisibility')).toEqual([]);
      expect(receiver.received).toHaveLength(1);
    });
  });

  describe('an unreadable message', () => {
    const unreadable = () => [
      message({ type: 'image.ready', id: 'evt_1' }),
      { ...message(undefined), body: 'not json' },
    ];

    it('goes to DEAD_LETTER_QUEUE_URL at once, logged, and is not POSTed', async () => {
      const records = unreadable();
      expect(await notifier({ DEAD_LETTER_QUEUE_URL: DLQ_URL })(batch(...records))).toEqual({
        batchItemFailures: [],
      });
      expect(calls('SendMessage').map((call) => call.input)).toEqual(
        records.map((record) => expect.objectContaining({ QueueUrl: DLQ_URL, MessageBody: record.body })),
      );
      expect(receiver.received).toEqual([]);
      expect(logs.filter((entry) => entry.level === 'error')).toHaveLength(2);
    });

    it('without one, is released at once on every receive until the redrive policy moves it', async () => {
      const records = unreadable();
      const result = await notifier()(batch(...records));
      expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
        records.map((r) => r.messageId),
      );
      expect(calls('ChangeMessageVisibility').map((call) => call.input.VisibilityTimeout)).toEqual([0, 0]);
      expect(receiver.received).toEqual([]);
    });
  });

  it('the Lambda entry reads its settings from the environment and runs the same handler', async () => {
    const settings = {
      ...env(),
      AWS_ENDPOINT_URL_SQS: aws.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: aws.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    };
    const saved = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
    Object.assign(process.env, settings);
    try {
      const { handler } = await import('./notifier-lambda.js');
      receiver.answers.push(500);
      const failing = message(await sampleEvent(), 1);
      expect(await handler(batch(failing))).toEqual({
        batchItemFailures: [{ itemIdentifier: failing.messageId }],
      });
      expect(calls('GetSecretValue')).toHaveLength(1);
      expect(calls('ChangeMessageVisibility')).toHaveLength(1);
      expect(receiver.received[0]!.verified).toBe(true);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('refuses a missing or malformed setting at start, naming it', () => {
    expect(() => loadNotifierConfig({ ...env(), WEBHOOK_URL: '' })).toThrow(/WEBHOOK_URL/);
    expect(() => loadNotifierConfig({ ...env(), QUEUE_URL: undefined })).toThrow(/QUEUE_URL/);
    expect(() => loadNotifierConfig({ ...env(), MAX_ATTEMPTS: '0' })).toThrow(/MAX_ATTEMPTS/);
  });
});
