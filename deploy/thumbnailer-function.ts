import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ORIGINALS_PREFIX, PUBLIC_PREFIX, THUMBNAILS_PREFIX } from '../contract/object-keys.js';
import { THUMBNAILER_QUOTA_ACTIONS } from '../quota/quota-table.js';
import type { ResolvedConfig } from './config.js';
import { acknowledgePrefixWildcards, allowKeyUse, createFunctionRole } from './function-role.js';
import { allowQuotaUse } from './quota-table.js';
import { createServiceFunction } from './service-function.js';
import type { UploadBucket } from './upload-bucket.js';

/** Props of {@link ThumbnailerFunction}. */
export interface ThumbnailerFunctionProps {
  config: Readonly<ResolvedConfig>;
  storage: UploadBucket;
  /** The quota table (`QUOTA_TABLE`): the thumbnailer settles or releases each reservation. */
  quotaTable: dynamodb.ITable;
  code: lambda.Code;
}

/**
 * The thumbnailer: a Node.js 22 Lambda invoked asynchronously by S3 for every object created
 * under `uploads/`, retried twice, then parked in an SQS dead-letter queue.
 */
export class ThumbnailerFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Events that failed every attempt. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: ThumbnailerFunctionProps) {
    super(scope, id);
    const { config, storage } = props;
    const { bucket } = storage;
    const execution = createFunctionRole(this, 'Execution', config.logRetentionDays);
    ({ role: this.role, logGroup: this.logGroup } = execution);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndRejectOriginals',
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${ORIGINALS_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteThumbnails',
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [bucket.arnForObjects(`${THUMBNAILS_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PublishThumbnails',
        // Public uploads: the copies the CDN serves, `public/{id}/{width}.{fmt}`.
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${PUBLIC_PREFIX}*`)],
      }),
    );
    allowKeyUse(this.role, storage.key);
    allowQuotaUse(this.role, props.quotaTable, THUMBNAILER_QUOTA_ACTIONS);
    acknowledgePrefixWildcards(
      this.role,
      [ORIGINALS_PREFIX, THUMBNAILS_PREFIX, PUBLIC_PREFIX].map((prefix) =>
        bucket.arnForObjects(`${prefix}*`),
      ),
      'The thumbnailer reads any new original under uploads/ and writes its thumbnails under thumbnails/ ' +
        '(and public/ for public images); a prefix is the narrowest grant.',
    );

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter (on-failure) destination of the thumbnailer.',
    });

    this.function = createServiceFunction(this, execution, {
      description: 'image-uploader thumbnailer: resizes new uploads into thumbnails',
      architecture: config.architecture,
      code: props.code,
      // 1769 MB is where Lambda gives one full vCPU; sharp/libvips is CPU-bound.
      memorySize: config.thumbnailer.memoryMb,
      timeout: Duration.seconds(config.thumbnailer.timeoutSeconds),
      // Ceilings: at most `thumbnailer.concurrency` instances; a burst waits in Lambda's event
      // queue (throttled events are retried for up to maxEventAge), then goes to the DLQ.
      ...(config.thumbnailer.concurrency !== undefined && {
        reservedConcurrentExecutions: config.thumbnailer.concurrency,
      }),
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
      environment: {
        // glibc keeps one malloc arena per thread; libvips' thread pool would otherwise fragment memory.
        MALLOC_ARENA_MAX: '2',
        THUMBNAIL_WIDTHS: config.thumbnailer.widths.join(','),
        QUOTA_TABLE: props.quotaTable.tableName,
        ...config.thumbnailer.environment,
      },
    });

    // Only originals trigger it: the thumbnails it writes under thumbnails/ must not (no loops).
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(this.function), {
      prefix: ORIGINALS_PREFIX,
    });
  }
}
