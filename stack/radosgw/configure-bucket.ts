/**
 * Creates the bucket on a fresh radosgw, gives it the CORS rule the browser needs and, when a
 * push endpoint is given, wires `ObjectCreated` notifications for the originals prefix to it.
 */
import {
  CreateBucketCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ORIGINALS_PREFIX } from '../../contract/object-keys.js';
import { s3ClientConfig } from '../../contract/s3-client-config.js';
import { signFormPost } from './sign-form-post.js';

/** What {@link configureBucket} sets up. */
export interface ConfigureBucketOptions {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  /** Origins allowed to PUT/GET/HEAD from a browser; `ETag` is exposed to them. */
  corsOrigins: readonly string[];
  /** HTTP URL that receives radosgw's push notifications; none are set up when omitted. */
  pushEndpoint?: string;
}

/** Name of the SNS-style topic that carries the bucket's notifications. */
export const TOPIC_NAME = 'image-uploader-originals';

/**
 * Creates the bucket (an existing one of ours is fine), then its CORS rule and notifications.
 * @throws the SDK's error, or an `Error` when radosgw refuses the topic.
 */
export async function configureBucket(options: ConfigureBucketOptions): Promise<void> {
  const { endpoint, region, accessKeyId, secretAccessKey, bucket } = options;
  const client = new S3Client(
    s3ClientConfig({ endpoint, region, credentials: { accessKeyId, secretAccessKey }, forcePathStyle: true }),
  );
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: { name?: string }) => {
      if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
    });
    if (options.corsOrigins.length > 0) {
      await client.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: {
            CORSRules: options.corsOrigins.map((origin) => ({
              AllowedOrigins: [origin],
              AllowedMethods: ['PUT', 'GET', 'HEAD'],
              AllowedHeaders: ['*'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 3000,
            })),
          },
        }),
      );
    }
    if (options.pushEndpoint) {
      const topicArn = await createTopic({ ...options, pushEndpoint: options.pushEndpoint });
      await client.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket: bucket,
          NotificationConfiguration: {
            TopicConfigurations: [
              {
                Id: 'thumbnails',
                TopicArn: topicArn,
                Events: ['s3:ObjectCreated:*'],
                // radosgw matches the rule name `prefix` exactly (AWS accepts either case).
                Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: ORIGINALS_PREFIX }] } },
              },
            ],
          },
        }),
      );
    }
  } finally {
    client.destroy();
  }
}

/**
 * Creates (or updates) the non-persistent topic: radosgw then pushes each notification to the
 * endpoint while it answers the upload, so delivery is immediate.
 * https://docs.ceph.com/en/pacific/radosgw/notifications/#create-a-topic
 */
async function createTopic(options: ConfigureBucketOptions & { pushEndpoint: string }): Promise<string> {
  const request = signFormPost({
    endpoint: options.endpoint,
    region: options.region,
    service: 'sns',
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    form: {
      Action: 'CreateTopic',
      Name: TOPIC_NAME,
      'Attributes.entry.1.key': 'push-endpoint',
      'Attributes.entry.1.value': options.pushEndpoint,
    },
  });
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  const arn = /<TopicArn>([^<]+)<\/TopicArn>/.exec(text)?.[1];
  if (!response.ok || !arn) throw new Error(`radosgw refused CreateTopic (status ${response.status})`);
  return arn;
}
