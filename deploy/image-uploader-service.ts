import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ServiceAlarms } from './alarms.js';
import { resolveConfig } from './config.js';
import type { ImageUploaderConfig, ResolvedConfig } from './config.js';
import { ImageCdn } from './image-cdn.js';
import { allowPublishing, createImageEventBus } from './image-event-bus.js';
import { DEFAULT_LAMBDA_DIR } from './paths.js';
import { createQuotaTable } from './quota-table.js';
import { SignerFunction } from './signer-function.js';
import { ThumbnailerFunction } from './thumbnailer-function.js';
import { createUploadBucket } from './upload-bucket.js';
import { WebhookNotifier } from './webhook-notifier.js';

/** The functions' code: the zips of `npm run build:lambda`, or your own. */
export interface ServiceCode {
  signer: lambda.Code;
  thumbnailer: lambda.Code;
  /** The webhook notifier; needed only with `events.webhookUrl`. */
  notifier?: lambda.Code;
}

/** Props of {@link ImageUploaderService}. */
export interface ImageUploaderServiceProps {
  config: ImageUploaderConfig;
  /**
   * Folder with `signer.zip`, `thumbnailer.zip` and `notifier.zip` from `npm run build:lambda`.
   * @default `dist/lambda` in this repository
   */
  lambdaDir?: string;
  /** Code to use instead of the zips in `lambdaDir` (tests, or your own build). */
  code?: ServiceCode;
  /**
   * ARN of the web ACL made by `ImageUploaderWafStack`: required when `cdn.waf` asks for a new one
   * (the default), since that must live in us-east-1. `ImageUploaderStack` passes it for you.
   */
  webAclArn?: string;
}

/**
 * The whole image-uploader backend as one construct, for operators who already have a CDK app:
 * the private bucket, the CloudFront distribution in front of it and of the signer, the
 * thumbnailer on the bucket's `uploads/` events with its dead-letter queue, the EventBridge bus
 * both put image events on, the webhook notifier (with `events.webhookUrl`), and the alarms.
 *
 * @example
 * const service = new ImageUploaderService(stack, 'Images', {
 *   config: { siteOrigins: ['https://example.com'], issuers: [{ issuer: 'https://accounts.google.com', audience: 'ID' }] },
 * });
 * new CfnOutput(stack, 'SignerUrl', { value: service.signerUrl });
 */
export class ImageUploaderService extends Construct {
  readonly config: Readonly<ResolvedConfig>;
  readonly bucket: s3.IBucket;
  /** Each owner's usage and reservations, and the shared rate limit (`QUOTA_TABLE`). */
  readonly quotaTable: dynamodb.Table;
  readonly signer: SignerFunction;
  readonly thumbnailer: ThumbnailerFunction;
  /** The bus with `image.ready`, `image.rejected` and `image.deleted` (source `image-uploader`). */
  readonly eventBus: events.IEventBus;
  /** The webhook delivery, with `events.webhookUrl`. */
  readonly webhook?: WebhookNotifier;
  readonly alarms: ServiceAlarms;
  readonly cdn: ImageCdn;
  /** Paste into the widget's `endpoint`: the CDN URL, or the HTTP API's with `endpoint: 'http-api'`. */
  readonly signerUrl: string;

  /** @throws {TypeError} naming the setting when the config is invalid or the zips are missing. */
  constructor(scope: Construct, id: string, props: ImageUploaderServiceProps) {
    super(scope, id);
    this.config = resolveConfig(props.config);
    if (this.config.issuers.length === 0) {
      Validations.of(this).addWarning(
        'NoIssuers',
        'No issuers are configured: the signer would trust nobody and refuses to start. Set `issuers` before deploying.',
      );
    }
    const { webhook } = this.config.events;
    const code =
      props.code ??
      codeFromDir(props.lambdaDir ?? DEFAULT_LAMBDA_DIR, this.config.architecture, Boolean(webhook));
    const storage = createUploadBucket(this, this.config);
    this.bucket = storage.bucket;
    this.quotaTable = createQuotaTable(this, this.config);
    const { quotaTable } = this;
    this.signer = new SignerFunction(this, 'Signer', {
      config: this.config,
      storage,
      quotaTable,
      code: code.signer,
    });
    const webAclArn =
      this.config.cdn.waf.mode === 'existing' ? this.config.cdn.waf.webAclArn : props.webAclArn;
    if (this.config.cdn.waf.mode === 'create' && !webAclArn) {
      throw new TypeError(
        'Expected webAclArn (from ImageUploaderWafStack) or cdn.waf set to { webAclArn } or false',
      );
    }
    this.cdn = new ImageCdn(this, 'Cdn', {
      config: this.config,
      bucket: this.bucket,
      ...(this.signer.functionUrl && { signerUrl: this.signer.functionUrl }),
      ...(this.config.cdn.waf.mode !== 'off' && webAclArn && { webAclArn }),
    });
    this.signer.deliverThrough(this.cdn);
    this.thumbnailer = new ThumbnailerFunction(this, 'Thumbnailer', {
      config: this.config,
      storage,
      quotaTable,
      code: code.thumbnailer,
    });
    // The ready event's public URLs; unlike the signer, the thumbnailer is not behind the
    // distribution, so it can name it without a cycle.
    this.thumbnailer.function.addEnvironment('IMAGE_BASE_URL', this.cdn.url);

    const bus = createImageEventBus(this, this.config.events.bus);
    this.eventBus = bus.bus;
    allowPublishing(this.signer.function, this.signer.role, bus, ['image.deleted']);
    allowPublishing(this.thumbnailer.function, this.thumbnailer.role, bus, ['image.ready', 'image.rejected']);
    if (webhook) {
      if (!code.notifier) throw new TypeError('Expected code.notifier with events.webhookUrl');
      this.webhook = new WebhookNotifier(this, 'Webhook', {
        config: this.config,
        webhook,
        bus: bus.bus,
        code: code.notifier,
      });
    }

    this.alarms = new ServiceAlarms(this, 'Alarms', {
      signer: this.signer.function,
      thumbnailer: this.thumbnailer.function,
      deadLetterQueue: this.thumbnailer.deadLetterQueue,
      ...(this.webhook && {
        webhook: {
          notifier: this.webhook.function,
          queue: this.webhook.queue,
          deadLetterQueue: this.webhook.deadLetterQueue,
        },
      }),
      ...(this.config.alarmTopicArn && { alarmTopicArn: this.config.alarmTopicArn }),
    });
    this.signerUrl = this.signer.functionUrl ? this.cdn.url : this.signer.url;
    for (const fn of [this.signer.function, this.thumbnailer.function]) {
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'Node.js 22 is the runtime the bundles are built for (esbuild target node22) and tested on.',
      });
    }
    acknowledgeNotificationsHandler(Stack.of(this));
  }
}

/**
 * Reads the zips that `npm run build:lambda` wrote (`notifier.zip` only when a webhook needs it),
 * checking they were built for `architecture`.
 */
function codeFromDir(dir: string, architecture: 'arm64' | 'x86_64', withNotifier: boolean): ServiceCode {
  const names = ['signer', 'thumbnailer', ...(withNotifier ? ['notifier'] : [])];
  const missing = names.map((name) => `${name}.zip`).filter((zip) => !existsSync(join(dir, zip)));
  if (missing.length > 0) {
    throw new TypeError(
      `Expected lambdaDir (${dir}) to hold ${missing.join(' and ')}: run npm run build:lambda`,
    );
  }
  const infoFile = join(dir, 'build-info.json');
  if (existsSync(infoFile)) {
    const built = (JSON.parse(readFileSync(infoFile, 'utf8')) as { architecture?: string }).architecture;
    if (built && built !== architecture) {
      throw new TypeError(
        `Expected architecture ${architecture} to match the zips in ${dir}, built for ${built}`,
      );
    }
  }
  const asset = (name: string): lambda.Code => lambda.Code.fromAsset(join(dir, `${name}.zip`));
  return {
    signer: asset('signer'),
    thumbnailer: asset('thumbnailer'),
    ...(withNotifier && { notifier: asset('notifier') }),
  };
}

/**
 * S3 notifications are configured by a CDK-provided singleton function (one per stack) whose
 * role and runtime are not ours to choose; record why its findings are accepted.
 */
function acknowledgeNotificationsHandler(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    const reason =
      'CDK-provided handler that applies the bucket notification configuration at deploy time; ' +
      'its role and runtime are set by aws-cdk-lib and it never touches objects.';
    for (const id of NOTIFICATIONS_HANDLER_FINDINGS) Validations.of(child).acknowledge({ id, reason });
  }
}

const NOTIFICATIONS_HANDLER_FINDINGS = [
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-IAM5[Resource::*]',
];
