import { Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE, IMAGE_EVENT_TYPES } from '../contract/image-events.js';
import type { ResolvedConfig } from './config.js';
import type { ResolvedWebhook } from './events-config.js';
import { createFunctionRole } from './function-role.js';
import { createServiceFunction } from './service-function.js';

/** Props of {@link WebhookNotifier}. */
export interface WebhookNotifierProps {
  config: Readonly<ResolvedConfig>;
  webhook: ResolvedWebhook;
  /** The bus the signer and the thumbnailer put the image events on. */
  bus: events.IEventBus;
  /** `notifier.zip` (its `index.handler` is `events/notifier-lambda.ts`'s `handler`). */
  code: lambda.Code;
}

/** The notifier's timeout: one batch of up to ten deliveries, each with its own per-attempt timeout. */
const NOTIFIER_TIMEOUT = Duration.seconds(30);
/** Messages per invocation; each is delivered (and reported) on its own. */
const BATCH_SIZE = 10;

/**
 * Signed webhooks on AWS: an EventBridge rule sends every image event on the bus to an SQS queue,
 * whose messages a small Lambda signs (Standard Webhooks) and POSTs to the configured URL.
 *
 * Retries go through the queue: a failed delivery is reported as a batch item failure after the
 * notifier set the message's visibility timeout to the backoff, so SQS hands it out again then;
 * after `maxAttempts` receives the redrive policy moves it to the dead-letter queue (alarmed).
 * Events EventBridge could not put on the queue land in the same dead-letter queue.
 */
export class WebhookNotifier extends Construct {
  readonly rule: events.Rule;
  readonly queue: sqs.Queue;
  /** Events that failed every attempt (or that EventBridge could not queue). */
  readonly deadLetterQueue: sqs.Queue;
  /** The signing secret: `{"secret":"…"}`, with `"previousSecret"` while rotating. */
  readonly secret: secretsmanager.ISecret;
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebhookNotifierProps) {
    super(scope, id);
    const { config, webhook } = props;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the webhook queue and of the rule target.',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A message expires this long after it was first queued, wherever it is (the DLQ keeps the
      // original enqueue time): the most SQS allows, so a long retry schedule never loses one.
      retentionPeriod: Duration.days(14),
      // AWS's advice for Lambda event sources: at least six times the function timeout, so a
      // batch still being retried by Lambda is not handed out twice. Backoff is set per message.
      visibilityTimeout: Duration.seconds(6 * NOTIFIER_TIMEOUT.toSeconds()),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: webhook.maxAttempts },
    });

    this.rule = new events.Rule(this, 'Rule', {
      description: 'image-uploader events to the webhook notifier',
      eventBus: props.bus,
      eventPattern: { source: [EVENT_SOURCE], detailType: [...IMAGE_EVENT_TYPES] },
    });
    // The queue policy lets this rule, and only it, send (aws:SourceArn); EventBridge retries
    // a failed send for a day, then parks the event in the dead-letter queue.
    this.rule.addTarget(
      new targets.SqsQueue(this.queue, {
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: Duration.hours(24),
        retryAttempts: 185,
      }),
    );

    this.secret = webhook.secretArn
      ? secretsmanager.Secret.fromSecretCompleteArn(this, 'Secret', webhook.secretArn)
      : createSecret(this);

    const execution = createFunctionRole(this, 'Notifier', config.logRetentionDays);
    ({ role: this.role, logGroup: this.logGroup } = execution);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWebhookSecret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secret.secretArn],
      }),
    );
    this.function = createServiceFunction(this, execution, {
      description: 'image-uploader webhook notifier: signs image events and POSTs them to the webhook',
      architecture: config.architecture,
      code: props.code,
      memorySize: 256,
      timeout: NOTIFIER_TIMEOUT,
      // With the event source's maximum concurrency below, SQS never invokes more than this: no
      // throttled batches, which would count as receives and reach the DLQ early.
      reservedConcurrentExecutions: webhook.concurrency,
      environment: {
        WEBHOOK_URL: webhook.url,
        WEBHOOK_SECRET_ARN: this.secret.secretArn,
        QUEUE_URL: this.queue.queueUrl,
        MAX_ATTEMPTS: String(webhook.maxAttempts),
      },
    });
    // Adds sqs:ReceiveMessage, ChangeMessageVisibility, DeleteMessage, GetQueueAttributes and
    // GetQueueUrl on this queue only.
    this.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: BATCH_SIZE,
        reportBatchItemFailures: true,
        maxConcurrency: webhook.concurrency,
      }),
    );
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the bundles are built for (esbuild target node22) and tested on.',
    });
  }
}

/**
 * A new secret in the notifier's format: `{"secret":"<32 letters and digits>"}`. 32 characters of
 * the base64 alphabet decode to 24 bytes (the Standard Webhooks minimum), about 190 random bits.
 */
function createSecret(scope: Construct): secretsmanager.Secret {
  const secret = new secretsmanager.Secret(scope, 'Secret', {
    description:
      'image-uploader webhook signing secret (Standard Webhooks): {"secret":"…"}; add "previousSecret" to rotate',
    generateSecretString: {
      secretStringTemplate: '{}',
      generateStringKey: 'secret',
      excludePunctuation: true,
      passwordLength: 32,
    },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The receiver must learn a new webhook secret before the notifier signs with it alone, so rotation is ' +
      'a documented manual step (set previousSecret), not a Lambda that would break receivers.',
  });
  return secret;
}
