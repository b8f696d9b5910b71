import { ArnFormat, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ORIGINALS_PREFIX, PUBLIC_PREFIX, THUMBNAILS_PREFIX } from '../contract/object-keys.js';
import { SIGNER_QUOTA_ACTIONS } from '../quota/quota-table.js';
import type { ResolvedConfig } from './config.js';
import { acknowledgePrefixWildcards, allowKeyUse, createFunctionRole } from './function-role.js';
import { FORWARDED_AUTHORIZATION_HEADER } from './image-cdn.js';
import type { ImageCdn } from './image-cdn.js';
import { ownerIdSecret } from './owner-id-secret.js';
import { allowQuotaUse } from './quota-table.js';
import { createServiceFunction } from './service-function.js';
import type { UploadBucket } from './upload-bucket.js';

/** Props of {@link SignerFunction}. */
export interface SignerFunctionProps {
  config: Readonly<ResolvedConfig>;
  storage: UploadBucket;
  /** The quota table (`QUOTA_TABLE`): usage, reservations and the shared rate limit. */
  quotaTable: dynamodb.ITable;
  code: lambda.Code;
}

/**
 * The signer: a Node.js 22 Lambda behind a Function URL (or an HTTP API), with a role that can
 * presign exactly what the API offers and nothing else.
 *
 * Presigned URLs are signed with the role's session credentials, so they stop working when that
 * session ends; Lambda sessions last hours, while the signer's URLs live minutes.
 */
export class SignerFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** The secret the signer's `OWNER_ID_SECRET` comes from (`OWNER_ID_SECRET_ARN`): read by it alone. */
  readonly ownerIdSecret: secretsmanager.ISecret;
  /**
   * Base URL of the signer API: the HTTP API's, or the Function URL's (callable only through the
   * CDN, see {@link deliverThrough}).
   */
  readonly url: string;
  /** The Function URL (auth `AWS_IAM`) that the CDN serves, with `endpoint: 'function-url'`. */
  readonly functionUrl?: lambda.FunctionUrl;
  private readonly config: Readonly<ResolvedConfig>;

  constructor(scope: Construct, id: string, props: SignerFunctionProps) {
    super(scope, id);
    const { config, storage } = props;
    const { bucket } = storage;
    this.config = config;
    const execution = createFunctionRole(this, 'Execution', config.logRetentionDays);
    ({ role: this.role, logGroup: this.logGroup } = execution);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Originals',
        // PutObjectAcl: every ticket signs `x-amz-acl: bucket-owner-full-control`, and a PUT with an
        // ACL header needs it (the bucket's BucketOwnerEnforced ownership accepts only that ACL).
        actions: [
          's3:PutObject',
          's3:PutObjectAcl',
          's3:GetObject',
          's3:DeleteObject',
          's3:AbortMultipartUpload',
          's3:ListMultipartUploadParts',
        ],
        resources: [bucket.arnForObjects(`${ORIGINALS_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'CountOpenUploads',
        // MAX_OPEN_UPLOADS: ListMultipartUploads on the caller's uploads/{owner}/ prefix. It is a
        // bucket-level action with no prefix condition key, so it is granted on the bucket alone.
        actions: ['s3:ListBucketMultipartUploads'],
        resources: [bucket.bucketArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Thumbnails',
        // PutObject: PATCH rewrites meta.json with the new visibility.
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${THUMBNAILS_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PublicCopies',
        // PATCH copies thumbnails (and originals with PUBLIC_ORIGINALS) to public/ and removes
        // them again; DELETE removes them. CopyObject needs GetObject on the source, PutObject here.
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${PUBLIC_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListOwnPrefixes',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        // public/: PATCH and DELETE list an image's public copies (public/{id}/) to remove them.
        conditions: {
          StringLike: {
            's3:prefix': [ORIGINALS_PREFIX, THUMBNAILS_PREFIX, PUBLIC_PREFIX].map((prefix) => `${prefix}*`),
          },
        },
      }),
    );
    allowKeyUse(this.role, storage.key);
    allowQuotaUse(this.role, props.quotaTable, SIGNER_QUOTA_ACTIONS);
    acknowledgePrefixWildcards(
      this.role,
      [ORIGINALS_PREFIX, THUMBNAILS_PREFIX, PUBLIC_PREFIX].map((prefix) =>
        bucket.arnForObjects(`${prefix}*`),
      ),
      'The signer presigns per-upload keys it makes itself under uploads/ and thumbnails/, and publishes ' +
        'per-image copies under public/; a prefix is the narrowest grant.',
    );
    this.ownerIdSecret = ownerIdSecret(this, {
      ...(config.signer.ownerIdSecretArn && { existingArn: config.signer.ownerIdSecretArn }),
      retain: config.bucket.retainOnDelete || config.bucket.existingBucketName !== undefined,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadOwnerIdSecret',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.ownerIdSecret.secretArn],
      }),
    );

    this.function = createServiceFunction(this, execution, {
      description: 'image-uploader signer: verifies tokens and presigns S3 uploads',
      architecture: config.architecture,
      code: props.code,
      memorySize: config.signer.memoryMb,
      timeout: Duration.seconds(10),
      // The ceiling on concurrent instances (signer.concurrency); past it Lambda answers 429.
      ...(config.signer.concurrency !== undefined && {
        reservedConcurrentExecutions: config.signer.concurrency,
      }),
      environment: {
        S3_BUCKET: bucket.bucketName,
        QUOTA_TABLE: props.quotaTable.tableName,
        AUTH_ISSUERS: JSON.stringify(config.issuers),
        CORS_ORIGINS: config.siteOrigins.join(','),
        ...config.signer.environment,
        OWNER_ID_SECRET_ARN: this.ownerIdSecret.secretArn,
      },
    });

    // CORS is answered by the signer itself (CORS_ORIGINS), for both endpoint kinds, so that
    // preflights and errors carry the same headers as successful responses.
    if (config.signer.endpoint === 'function-url') {
      // AWS_IAM: only the CDN (OAC signs its requests) may call it; no way around AWS WAF.
      this.functionUrl = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
      this.url = this.functionUrl.url;
    } else {
      const api = new apigw.HttpApi(this, 'Api', {
        description: 'image-uploader signer API',
        defaultIntegration: new HttpLambdaIntegration('Signer', this.function),
        createDefaultStage: false,
      });
      const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
        retention: config.logRetentionDays as logs.RetentionDays,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      new apigw.HttpStage(this, 'Stage', {
        httpApi: api,
        stageName: '$default',
        autoDeploy: true,
        accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
        // AWS WAF cannot guard an HTTP API: stage throttling caps what all clients together may send.
        throttle: config.signer.throttle,
      });
      Validations.of(api).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The signer verifies OIDC bearer tokens itself (issuer list in AUTH_ISSUERS); /healthz is public.',
      });
      this.url = api.apiEndpoint + '/';
    }
  }

  /**
   * Connects the signer to the CDN that serves its images: the public image base URL, the
   * distribution it may invalidate (and nothing else), and the key that signs private URLs.
   *
   * Behind the same distribution (Function URL), the distribution depends on the signer's URL, so
   * the function cannot also reference the distribution: CloudFormation would see a cycle. The
   * values that come from the distribution then reach the signer through an SSM parameter whose
   * name (`CONFIG_PARAMETER_NAME`) is fixed at synth time; the signer reads it once at cold start.
   * @param cdn the distribution in front of the bucket (and of this signer's Function URL)
   */
  deliverThrough(cdn: ImageCdn): void {
    const stack = Stack.of(this);
    const { distribution } = cdn;
    const fromCdn: Record<string, string> = {
      IMAGE_BASE_URL: cdn.url,
      CDN_DISTRIBUTION_ID: distribution.distributionId,
    };
    if (this.functionUrl) {
      const parameterName = `/image-uploader/${Names.uniqueResourceName(this, { maxLength: 180 })}/config`;
      new ssm.StringParameter(this, 'Config', {
        parameterName,
        description: 'image-uploader signer settings that come from its CloudFront distribution',
        stringValue: stack.toJsonString(fromCdn),
      });
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadConfigParameter',
          actions: ['ssm:GetParameter'],
          resources: [
            stack.formatArn({
              service: 'ssm',
              resource: 'parameter',
              resourceName: parameterName.slice(1),
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      );
      this.function.addEnvironment('CONFIG_PARAMETER_NAME', parameterName);
      // OAC owns Authorization on the way to the origin; the CDN copies the bearer token here.
      this.function.addEnvironment('AUTH_HEADER', FORWARDED_AUTHORIZATION_HEADER);
      // A custom domain is known up front: no need to wait for the parameter.
      if (this.config.cdn.domain) this.function.addEnvironment('IMAGE_BASE_URL', cdn.url);
    } else {
      for (const [name, value] of Object.entries(fromCdn)) this.function.addEnvironment(name, value);
    }

    // A policy of its own, which the function does not wait for: it names the distribution,
    // and the distribution waits for the function's URL.
    new iam.Policy(this, 'InvalidateCdn', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'InvalidatePublicCopies',
          actions: ['cloudfront:CreateInvalidation'],
          resources: [distribution.distributionArn],
        }),
      ],
    });

    const signedUrls = this.config.cdn.signedUrls;
    if (signedUrls && cdn.signingKey) {
      this.function.addEnvironment('CLOUDFRONT_KEY_PAIR_ID', cdn.signingKey.publicKeyId);
      this.function.addEnvironment('CLOUDFRONT_PRIVATE_KEY_SECRET_ARN', signedUrls.privateKeySecretArn);
      this.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadSigningKey',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [signedUrls.privateKeySecretArn],
        }),
      );
    }
  }
}
