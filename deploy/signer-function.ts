import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ORIGINALS_PREFIX, THUMBNAILS_PREFIX } from '../contract/object-keys.js';
import type { ResolvedConfig } from './config.js';
import { acknowledgePrefixWildcards, allowKeyUse, createFunctionRole } from './function-role.js';
import { createServiceFunction } from './service-function.js';
import type { UploadBucket } from './upload-bucket.js';

/** Props of {@link SignerFunction}. */
export interface SignerFunctionProps {
  config: Readonly<ResolvedConfig>;
  storage: UploadBucket;
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
  /** Base URL of the signer API, e.g. `https://abc.lambda-url.us-east-1.on.aws/`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: SignerFunctionProps) {
    super(scope, id);
    const { config, storage } = props;
    const { bucket } = storage;
    const execution = createFunctionRole(this, 'Execution', config.logRetentionDays);
    ({ role: this.role, logGroup: this.logGroup } = execution);
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'Originals',
        actions: [
          's3:PutObject',
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
        sid: 'Thumbnails',
        actions: ['s3:GetObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects(`${THUMBNAILS_PREFIX}*`)],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListOwnPrefixes',
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${ORIGINALS_PREFIX}*`, `${THUMBNAILS_PREFIX}*`] } },
      }),
    );
    allowKeyUse(this.role, storage.key);
    acknowledgePrefixWildcards(
      this.role,
      [bucket.arnForObjects(`${ORIGINALS_PREFIX}*`), bucket.arnForObjects(`${THUMBNAILS_PREFIX}*`)],
      'The signer presigns per-upload keys it makes itself under uploads/ and thumbnails/; a prefix is the narrowest grant.',
    );

    this.function = createServiceFunction(this, execution, {
      description: 'image-uploader signer: verifies tokens and presigns S3 uploads',
      architecture: config.architecture,
      code: props.code,
      memorySize: config.signer.memoryMb,
      timeout: Duration.seconds(10),
      environment: {
        S3_BUCKET: bucket.bucketName,
        AUTH_ISSUERS: JSON.stringify(config.issuers),
        CORS_ORIGINS: config.siteOrigins.join(','),
        ...config.signer.environment,
      },
    });

    // CORS is answered by the signer itself (CORS_ORIGINS), for both endpoint kinds, so that
    // preflights and errors carry the same headers as successful responses.
    if (config.signer.endpoint === 'function-url') {
      this.url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }).url;
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
      });
      Validations.of(api).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'The signer verifies OIDC bearer tokens itself (issuer list in AUTH_ISSUERS); /healthz is public.',
      });
      this.url = api.apiEndpoint + '/';
    }
  }
}
