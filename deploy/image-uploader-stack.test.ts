import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeImageId,
  ownerOriginalsPrefix,
  publicPrefix,
  thumbnailsPrefix,
} from '../contract/object-keys.js';
import { SIGNER_QUOTA_ACTIONS, THUMBNAILER_QUOTA_ACTIONS } from '../quota/quota-table.js';
import { ImageUploaderStack } from './image-uploader-stack.js';
import {
  acknowledgements,
  appLikeCli,
  awsSolutionsFindings,
  distributionArn as distributionArnOf,
  logicalId,
  objectsArn,
  roleStatements,
  stubCode,
} from './test-support.js';

const ISSUERS = [{ issuer: 'https://accounts.google.com', audience: '1234-abc.apps.googleusercontent.com' }];
const ORIGINS = ['https://photos.example.com', 'http://localhost:5173'];

// One synthesis for the whole file: CDK synth is CPU-heavy.
const app = appLikeCli();
const stack = new ImageUploaderStack(app, 'ImageUploader', {
  config: { siteOrigins: ORIGINS, issuers: ISSUERS },
  code: stubCode(),
});
const { service } = stack;
let template: Template;
let ids: { bucket: string; signer: string; thumbnailer: string; dlq: string; bus: string; quota: string };

/** The SSM parameter that carries the distribution's values to the signer. */
const configParameterName = (): string =>
  template.findResources('AWS::SSM::Parameter')[logicalId(service.signer.node.findChild('Config'))]!
    .Properties.Name as string;

const distributionArn = (): unknown => distributionArnOf(service.cdn.distribution);
const objects = (prefix: string): unknown => objectsArn(service.bucket, prefix);

beforeAll(() => {
  template = Template.fromStack(stack);
  ids = {
    bucket: logicalId(service.bucket),
    signer: logicalId(service.signer.function),
    thumbnailer: logicalId(service.thumbnailer.function),
    dlq: logicalId(service.thumbnailer.deadLetterQueue),
    bus: logicalId(service.eventBus),
    quota: logicalId(service.quotaTable),
  };
});

describe('ImageUploaderStack (defaults)', () => {
  describe('bucket', () => {
    it('blocks all public access, enforces bucket-owner ownership and encrypts with S3-managed keys', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
    });

    it('denies every request that is not over TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: ids.bucket },
        PolicyDocument: {
          Statement: Match.arrayWith([
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              Resource: [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, objects('')],
            },
          ]),
        },
      });
    });

    it('allows CORS uploads from the site origins only and exposes ETag', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        CorsConfiguration: {
          CorsRules: [
            {
              AllowedOrigins: ORIGINS,
              AllowedMethods: ['PUT', 'GET', 'HEAD'],
              AllowedHeaders: ['*'],
              ExposedHeaders: ['ETag'],
              MaxAge: 3600,
            },
          ],
        },
      });
    });

    it('aborts incomplete multipart uploads after one day and is kept when the stack goes', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            }),
          ],
        },
      });
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('signer', () => {
    it('runs on Node.js 22, arm64, with JSON logs', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Role: { 'Fn::GetAtt': [logicalId(service.signer.role), 'Arn'] },
        LoggingConfig: Match.objectLike({
          LogFormat: 'JSON',
          LogGroup: { Ref: logicalId(service.signer.logGroup) },
        }),
      });
    });

    it('gets the bucket, issuers and CORS origins from the config', () => {
      const fn = template.findResources('AWS::Lambda::Function')[ids.signer]!;
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(env.S3_BUCKET).toEqual({ Ref: ids.bucket });
      expect(JSON.parse(env.AUTH_ISSUERS as string)).toEqual(ISSUERS);
      expect(env.CORS_ORIGINS).toBe(ORIGINS.join(','));
      expect(env).not.toHaveProperty('AUTH_HS256_SECRET');
    });

    it('has a Function URL only the CDN may call (AWS_IAM), and the CDN URL is its endpoint output', () => {
      template.resourceCountIs('AWS::Lambda::Url', 1);
      template.hasResourceProperties('AWS::Lambda::Url', {
        AuthType: 'AWS_IAM',
        TargetFunctionArn: { 'Fn::GetAtt': [ids.signer, 'Arn'] },
      });
      const cdnUrl = {
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(service.cdn.distribution), 'DomainName'] }]],
      };
      template.hasOutput('SignerUrl', { Value: cdnUrl });
      template.hasOutput('CdnUrl', { Value: cdnUrl });
      template.hasOutput('DistributionId', { Value: { Ref: logicalId(service.cdn.distribution) } });
      template.hasOutput('BucketName', { Value: { Ref: ids.bucket } });
    });

    it('may list every prefix the signer lists (signer/routes: owners, thumbnails, public copies)', () => {
      const listing = roleStatements(template, logicalId(service.signer.role)).find((statement) =>
        statement.actions.includes('s3:ListBucket'),
      );
      const patterns = (listing?.condition as { StringLike: { 's3:prefix': string[] } }).StringLike[
        's3:prefix'
      ];
      // IAM's StringLike: `*` matches any run of characters (the patterns here use no `?`).
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const granted = (prefix: string) =>
        patterns.some((pattern) => new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`).test(prefix));
      const id = makeImageId('k3v9x2m4q8w7e5r1t6y0', 'jpg');
      const owner = 'o-5d41402abc4b2a76b9719d911017c592';
      for (const prefix of [ownerOriginalsPrefix(owner), thumbnailsPrefix(owner, id), publicPrefix(id)]) {
        expect(granted(prefix), prefix).toBe(true);
      }
      expect(granted('other/')).toBe(false);
    });

    it('may presign the API, publish copies, read its config parameter and owner-id secret, announce deletes, and nothing else', () => {
      expect(roleStatements(template, logicalId(service.signer.role))).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [{ 'Fn::GetAtt': [logicalId(service.signer.logGroup), 'Arn'] }],
        },
        {
          effect: 'Allow',
          actions: [
            's3:AbortMultipartUpload',
            's3:DeleteObject',
            's3:GetObject',
            's3:ListMultipartUploadParts',
            's3:PutObject',
            's3:PutObjectAcl',
          ],
          resources: [objects('uploads/')],
        },
        {
          effect: 'Allow',
          actions: ['s3:ListBucketMultipartUploads'],
          resources: [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }],
        },
        {
          effect: 'Allow',
          actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          resources: [objects('thumbnails/')],
        },
        {
          effect: 'Allow',
          actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          resources: [objects('public/')],
        },
        {
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }],
          condition: { StringLike: { 's3:prefix': ['uploads/*', 'thumbnails/*', 'public/*'] } },
        },
        {
          effect: 'Allow',
          actions: [...SIGNER_QUOTA_ACTIONS].sort(),
          resources: [{ 'Fn::GetAtt': [ids.quota, 'Arn'] }],
        },
        {
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [{ Ref: logicalId(service.signer.ownerIdSecret) }],
        },
        {
          effect: 'Allow',
          actions: ['ssm:GetParameter'],
          resources: [
            {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':ssm:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  `:parameter${configParameterName()}`,
                ],
              ],
            },
          ],
        },
        {
          effect: 'Allow',
          actions: ['events:PutEvents'],
          resources: [{ 'Fn::GetAtt': [ids.bus, 'Arn'] }],
          condition: {
            StringEquals: { 'events:source': 'image-uploader', 'events:detail-type': ['image.deleted'] },
          },
        },
        {
          effect: 'Allow',
          actions: ['cloudfront:CreateInvalidation'],
          resources: [distributionArn()],
        },
      ]);
    });
  });

  describe('thumbnailer', () => {
    it('runs on Node.js 22, arm64, with one full vCPU and few malloc arenas', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 1769,
        Role: { 'Fn::GetAtt': [logicalId(service.thumbnailer.role), 'Arn'] },
        Environment: {
          Variables: Match.objectLike({ MALLOC_ARENA_MAX: '2', THUMBNAIL_WIDTHS: '320,720,1440' }),
        },
        LoggingConfig: Match.objectLike({
          LogFormat: 'JSON',
          LogGroup: { Ref: logicalId(service.thumbnailer.logGroup) },
        }),
      });
    });

    it('is triggered by objects created under uploads/ only', () => {
      template.resourceCountIs('Custom::S3BucketNotifications', 1);
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: ids.bucket },
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
              LambdaFunctionArn: { 'Fn::GetAtt': [ids.thumbnailer, 'Arn'] },
            },
          ],
        },
      });
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [ids.thumbnailer, 'Arn'] },
        SourceArn: { 'Fn::GetAtt': [ids.bucket, 'Arn'] },
        SourceAccount: { Ref: 'AWS::AccountId' },
      });
    });

    it('retries twice, then sends the event to an encrypted, TLS-only SQS dead-letter queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: ids.thumbnailer },
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.dlq, 'Arn'] } } },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('may read and delete originals, write and read thumbnails, publish public copies, send to its DLQ, and announce', () => {
      expect(roleStatements(template, logicalId(service.thumbnailer.role))).toEqual([
        {
          effect: 'Allow',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [{ 'Fn::GetAtt': [logicalId(service.thumbnailer.logGroup), 'Arn'] }],
        },
        { effect: 'Allow', actions: ['s3:DeleteObject', 's3:GetObject'], resources: [objects('uploads/')] },
        { effect: 'Allow', actions: ['s3:GetObject', 's3:PutObject'], resources: [objects('thumbnails/')] },
        { effect: 'Allow', actions: ['s3:PutObject'], resources: [objects('public/')] },
        {
          effect: 'Allow',
          actions: [...THUMBNAILER_QUOTA_ACTIONS].sort(),
          resources: [{ 'Fn::GetAtt': [ids.quota, 'Arn'] }],
        },
        {
          effect: 'Allow',
          actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
          resources: [{ 'Fn::GetAtt': [ids.dlq, 'Arn'] }],
        },
        {
          effect: 'Allow',
          actions: ['events:PutEvents'],
          resources: [{ 'Fn::GetAtt': [ids.bus, 'Arn'] }],
          condition: {
            StringEquals: {
              'events:source': 'image-uploader',
              'events:detail-type': ['image.ready', 'image.rejected'],
            },
          },
        },
      ]);
    });
  });

  describe('quota table', () => {
    it('is keyed pk/sk (strings), billed on demand, expires items by ttl, with point-in-time recovery', () => {
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
      const table = template.findResources('AWS::DynamoDB::Table')[ids.quota]!;
      expect(table.Properties).not.toHaveProperty('ProvisionedThroughput');
      expect(table.Properties).not.toHaveProperty('GlobalSecondaryIndexes');
    });

    it('is kept when the stack goes, like the bucket', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('is named to both functions as QUOTA_TABLE, with the default limits for the signer only', () => {
      const functions = template.findResources('AWS::Lambda::Function');
      const env = (id: string) => functions[id]!.Properties.Environment.Variables as Record<string, unknown>;
      for (const id of [ids.signer, ids.thumbnailer])
        expect(env(id).QUOTA_TABLE, id).toEqual({ Ref: ids.quota });
      expect(env(ids.signer)).toMatchObject({ QUOTA_BYTES: String(2 ** 30), QUOTA_IMAGES: '1000' });
      expect(env(ids.thumbnailer)).not.toHaveProperty('QUOTA_BYTES');
      expect(env(ids.signer)).not.toHaveProperty('DYNAMODB_ENDPOINT');
      template.hasOutput('QuotaTableName', { Value: { Ref: ids.quota } });
    });

    it('is reachable by no other role, and by the functions with no other DynamoDB action', () => {
      const policies = Object.values(template.findResources('AWS::IAM::Policy'));
      const dynamo = policies.flatMap((policy) =>
        (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
          .filter((s) => ([] as string[]).concat(s.Action).some((a) => a.startsWith('dynamodb:')))
          .map((s) => ({ roles: policy.Properties.Roles as unknown[], resource: s.Resource })),
      );
      expect(dynamo).toEqual(
        [service.signer.role, service.thumbnailer.role].map((role) => ({
          roles: [{ Ref: logicalId(role) }],
          resource: { 'Fn::GetAtt': [ids.quota, 'Arn'] },
        })),
      );
    });
  });

  describe('ceilings', () => {
    it('reserves 50 concurrent signers and 10 concurrent thumbnailers', () => {
      const functions = template.findResources('AWS::Lambda::Function');
      expect(functions[ids.signer]!.Properties.ReservedConcurrentExecutions).toBe(50);
      expect(functions[ids.thumbnailer]!.Properties.ReservedConcurrentExecutions).toBe(10);
    });

    it('drops thumbnailer events older than 6 hours to the DLQ', () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: ids.thumbnailer },
        MaximumEventAgeInSeconds: 6 * 3600,
      });
    });

    it('alarms when uploads wait 15 minutes for a thumbnailer and when the signer is throttled', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'AsyncEventAge',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.thumbnailer } }],
        Statistic: 'Maximum',
        Threshold: 15 * 60 * 1000,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Throttles',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.signer } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });
  });

  describe('events', () => {
    it('creates a custom bus and tells the signer and the thumbnailer its name', () => {
      template.resourceCountIs('AWS::Events::EventBus', 1);
      template.hasOutput('EventBusName', { Value: { Ref: ids.bus } });
      const functions = template.findResources('AWS::Lambda::Function');
      for (const id of [ids.signer, ids.thumbnailer]) {
        expect(functions[id]!.Properties.Environment.Variables.EVENT_BUS_NAME, id).toEqual({ Ref: ids.bus });
      }
    });

    it("gives the thumbnailer the CDN URL for the ready event's public links", () => {
      const env = template.findResources('AWS::Lambda::Function')[ids.thumbnailer]!.Properties.Environment
        .Variables as Record<string, unknown>;
      expect(env.IMAGE_BASE_URL).toEqual({
        'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId(service.cdn.distribution), 'DomainName'] }]],
      });
    });

    it('has no webhook delivery until a webhook URL is configured', () => {
      expect(service.webhook).toBeUndefined();
      template.resourceCountIs('AWS::Events::Rule', 0);
      // The one secret is the signer's owner-id secret.
      expect(Object.keys(template.findResources('AWS::SecretsManager::Secret'))).toEqual([
        logicalId(service.signer.ownerIdSecret),
      ]);
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
      expect(Object.keys(template.toJSON().Outputs)).not.toContain('WebhookSecretArn');
    });
  });

  describe('least privilege', () => {
    it('grants no wildcard actions and no AWS-managed policies to either function', () => {
      for (const role of [service.signer.role, service.thumbnailer.role]) {
        const statements = roleStatements(template, logicalId(role));
        expect(statements.flatMap((s) => s.actions).filter((action) => action.includes('*'))).toEqual([]);
        const resource = template.findResources('AWS::IAM::Role')[logicalId(role)]!;
        expect(resource.Properties.ManagedPolicyArns).toBeUndefined();
        expect(resource.Properties.Policies).toBeUndefined();
      }
    });
  });

  describe('logs and alarms', () => {
    it('keeps each function log group for 30 days', () => {
      for (const group of [service.signer.logGroup, service.thumbnailer.logGroup]) {
        expect(
          template.findResources('AWS::Logs::LogGroup')[logicalId(group)]!.Properties.RetentionInDays,
        ).toBe(30);
      }
    });

    it('alarms on any thumbnailer error and on any message in the DLQ', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.thumbnailer } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
        Threshold: 1,
      });
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no unacknowledged errors or warnings', () => {
      expect(awsSolutionsFindings(app)).toEqual({ errors: [], warnings: [] });
    });

    it('gives a written reason for every acknowledgement', () => {
      const acks = acknowledgements(app);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
    });
  });
});
