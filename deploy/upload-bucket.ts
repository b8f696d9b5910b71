import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ResolvedConfig } from './config.js';

/** The bucket that holds originals and thumbnails, and its KMS key when it has one. */
export interface UploadBucket {
  bucket: s3.IBucket;
  /** Set when objects are encrypted with a customer-managed key the functions must be allowed to use. */
  key?: kms.IKey;
}

/**
 * Creates the private upload bucket (or imports the configured existing one).
 * New buckets: Block Public Access, SSE-S3 or SSE-KMS, TLS-only policy, CORS for the site origins
 * exposing `ETag` (multipart completion needs each part's ETag), and a lifecycle rule that aborts
 * incomplete multipart uploads after one day.
 * @param scope where the bucket goes
 * @param config the resolved deployment config
 */
export function createUploadBucket(scope: Construct, config: Readonly<ResolvedConfig>): UploadBucket {
  const { existingBucketName, encryption, retainOnDelete } = config.bucket;
  if (existingBucketName) {
    return { bucket: s3.Bucket.fromBucketName(scope, 'Bucket', existingBucketName) };
  }
  const removalPolicy = retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
  const key =
    encryption === 'kms'
      ? new kms.Key(scope, 'BucketKey', {
          description: 'Encrypts image-uploader originals and thumbnails',
          enableKeyRotation: true,
          removalPolicy,
        })
      : undefined;
  const bucket = new s3.Bucket(scope, 'Bucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    ...(key
      ? { encryption: s3.BucketEncryption.KMS, encryptionKey: key, bucketKeyEnabled: true }
      : { encryption: s3.BucketEncryption.S3_MANAGED }),
    enforceSSL: true,
    cors: [
      {
        allowedOrigins: [...config.siteOrigins],
        // PUT for single uploads and parts; GET/HEAD for presigned thumbnail and original reads.
        allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
        // The signature decides which headers count; the browser only needs its preflight to pass.
        allowedHeaders: ['*'],
        exposedHeaders: ['ETag'],
        maxAge: 3600,
      },
    ],
    lifecycleRules: [
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
    removalPolicy,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Server access logs need a second bucket and are rarely read; every object key is issued by the signer ' +
      'to an authenticated user. Operators who need object-level audit enable CloudTrail S3 data events.',
  });
  return { bucket, ...(key && { key }) };
}
