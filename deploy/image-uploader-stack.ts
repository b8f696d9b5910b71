import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { resolveConfig } from './config.js';
import { ImageUploaderService } from './image-uploader-service.js';
import type { ImageUploaderServiceProps } from './image-uploader-service.js';
import { ImageUploaderWafStack } from './waf-stack.js';
import { WebAclArn } from './web-acl-arn.js';

/** Props of {@link ImageUploaderStack}. */
export type ImageUploaderStackProps = StackProps & Omit<ImageUploaderServiceProps, 'webAclArn'>;

/**
 * One environment-agnostic stack with the whole backend, and the values the widget and a site
 * need as outputs: `SignerUrl` (the element's `endpoint`), `CdnUrl` (the image base URL),
 * `DistributionId`, `BucketName`, `QuotaTableName`, `EventBusName` (the image events), `OwnerIdSecretArn`, and with a webhook
 * `WebhookSecretArn` and `WebhookDeadLetterQueueArn`.
 *
 * With `cdn.waf` asking for a new web ACL (the default) it also adds, next to itself in the same
 * app, the small us-east-1 stack holding it ({@link ImageUploaderWafStack}, named `{id}Waf`),
 * deployed first: `cdk deploy --all`.
 */
export class ImageUploaderStack extends Stack {
  readonly service: ImageUploaderService;
  /** The us-east-1 stack with the web ACL, when this stack made one. */
  readonly wafStack?: ImageUploaderWafStack;

  constructor(scope: Construct, id: string, props: ImageUploaderStackProps) {
    const { config, lambdaDir, code, ...stackProps } = props;
    super(scope, id, {
      description: 'image-uploader: browser-to-S3 uploads with a signer, a thumbnailer and a CDN',
      ...stackProps,
    });
    const resolved = resolveConfig(config);
    const { waf } = resolved.cdn;
    if (waf.mode === 'create') {
      const account = stackProps.env?.account;
      this.wafStack = new ImageUploaderWafStack(scope, `${id}Waf`, {
        rateLimit: waf.rateLimit,
        ...(account && { account }),
      });
    }
    this.service = new ImageUploaderService(this, 'ImageUploader', {
      config,
      ...(lambdaDir && { lambdaDir }),
      ...(code && { code }),
      ...(this.wafStack && {
        webAclArn: new WebAclArn(this, 'WebAclArn', this.wafStack, resolved.logRetentionDays).arn,
      }),
    });
    const { cdn } = this.service;
    new CfnOutput(this, 'SignerUrl', {
      description: "The signer's base URL: set it as the <image-uploader> endpoint.",
      value: this.service.signerUrl,
    });
    new CfnOutput(this, 'CdnUrl', {
      description: 'The CDN: public images are {CdnUrl}/public/{id}/{width}.{webp|jpg} (IMAGE_BASE_URL).',
      value: cdn.url,
    });
    new CfnOutput(this, 'DistributionId', {
      description: 'The CloudFront distribution (invalidations, logs, metrics).',
      value: cdn.distribution.distributionId,
    });
    if (this.service.config.cdn.domain) {
      new CfnOutput(this, 'DistributionDomainName', {
        description: 'Point a CNAME (or a Route 53 alias) for cdn.domainName here.',
        value: cdn.distribution.distributionDomainName,
      });
    }
    if (cdn.bucketPolicyStatement) {
      new CfnOutput(this, 'CdnBucketPolicyStatement', {
        description: 'Add this statement to the existing bucket policy: the CDN reads public/ through it.',
        value: this.toJsonString(cdn.bucketPolicyStatement.toStatementJson()),
      });
    }
    new CfnOutput(this, 'BucketName', {
      description: 'The private bucket holding uploads/, thumbnails/ and public/.',
      value: this.service.bucket.bucketName,
    });
    new CfnOutput(this, 'QuotaTableName', {
      description: "The DynamoDB table with each owner's usage, reservations and rate limit (QUOTA_TABLE).",
      value: this.service.quotaTable.tableName,
    });
    new CfnOutput(this, 'EventBusName', {
      description:
        'The EventBridge bus with image.ready, image.rejected and image.deleted (source image-uploader).',
      value: this.service.eventBus.eventBusName,
    });
    new CfnOutput(this, 'OwnerIdSecretArn', {
      description:
        "The signer's OWNER_ID_SECRET: the owner segment of every key depends on it. Keep it with the bucket; a new stack for the same bucket takes it as signer.ownerIdSecretArn.",
      value: this.service.signer.ownerIdSecret.secretArn,
    });
    const { webhook } = this.service;
    if (webhook) {
      new CfnOutput(this, 'WebhookSecretArn', {
        description: 'The webhook signing secret ({"secret":"…"}): give its value to the receiver.',
        value: webhook.secret.secretArn,
      });
      new CfnOutput(this, 'WebhookDeadLetterQueueArn', {
        description:
          'Image events the webhook receiver never accepted; redrive them from here once it is fixed.',
        value: webhook.deadLetterQueue.queueArn,
      });
    }
  }
}
