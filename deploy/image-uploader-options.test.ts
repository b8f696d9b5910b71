import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageUploaderStack } from './image-uploader-stack.js';
import { appLikeCli, awsSolutionsFindings, logicalId, roleStatements, stubCode } from './test-support.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:image-uploader-alarms';

// Both option sets in one app, synthesized once.
const app = appLikeCli();
const kms = new ImageUploaderStack(app, 'KmsHttpApi', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: [],
    bucket: { encryption: 'kms', retainOnDelete: false },
    signer: {
      endpoint: 'http-api',
      limits: { maxBytes: 104857600 },
      environment: { LIST_PAGE_SIZE: '50' },
      concurrency: false,
    },
    thumbnailer: { concurrency: 3 },
    quota: { bytes: false, images: false },
    architecture: 'x86_64',
    logRetentionDays: 7,
    alarmTopicArn: TOPIC,
  },
  code: stubCode(),
});
const existing = new ImageUploaderStack(app, 'ExistingBucket', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: [{ issuer: 'https://issuer.example', audience: 'a' }],
    bucket: { existingBucketName: 'my-photos' },
  },
  code: stubCode(),
});
let kmsTemplate: Template;
let existingTemplate: Template;
let warnings: (stack: ImageUploaderStack) => string[];

beforeAll(() => {
  const assembly = app.synth();
  const artifact = (stack: ImageUploaderStack) => assembly.getStackArtifact(stack.artifactId);
  kmsTemplate = Template.fromJSON(artifact(kms).template);
  existingTemplate = Template.fromJSON(artifact(existing).template);
  warnings = (stack) =>
    artifact(stack)
      .findMetadataByType('aws:cdk:warning')
      .map((entry) => String(entry.data));
});

describe('ImageUploaderStack options', () => {
  describe('bucket.encryption: kms', () => {
    it('encrypts with a rotating customer-managed key and S3 bucket keys', () => {
      const key = logicalId(kms.node.findChild('ImageUploader').node.findChild('BucketKey'));
      kmsTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      kmsTemplate.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': [key, 'Arn'] },
              },
            },
          ],
        },
      });
      for (const role of [kms.service.signer.role, kms.service.thumbnailer.role]) {
        expect(roleStatements(kmsTemplate, logicalId(role))).toContainEqual({
          effect: 'Allow',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [{ 'Fn::GetAtt': [key, 'Arn'] }],
        });
      }
    });

    it('lets the bucket and the quota table be deleted with the stack when retainOnDelete is false', () => {
      kmsTemplate.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Delete' });
      kmsTemplate.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Delete',
        Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
      });
    });
  });

  describe('signer.endpoint: http-api', () => {
    it('puts the signer behind an HTTP API default route with access logs and outputs its endpoint', () => {
      kmsTemplate.resourceCountIs('AWS::Lambda::Url', 0);
      kmsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
      kmsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
      kmsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [logicalId(kms.service.signer.function), 'Arn'] },
      });
      kmsTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: Match.objectLike({
          DestinationArn: {
            'Fn::GetAtt': [logicalId(kms.service.signer.node.findChild('AccessLogs')), 'Arn'],
          },
        }),
      });
      const output = kmsTemplate.findOutputs('SignerUrl').SignerUrl!;
      expect(JSON.stringify(output.Value)).toContain('ApiEndpoint');
    });

    it('passes limits and extra environment to the signer', () => {
      kmsTemplate.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ UPLOAD_MAX_BYTES: '104857600', LIST_PAGE_SIZE: '50' }) },
      });
      // The thumbnailer must accept what the signer lets through (its own default is 64 MiB).
      kmsTemplate.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: Match.objectLike({ MALLOC_ARENA_MAX: '2', MAX_SOURCE_BYTES: '104857600' }),
        },
      });
    });
  });

  describe('quota and ceilings', () => {
    const props = (fn: IConstruct): Record<string, unknown> =>
      kmsTemplate.findResources('AWS::Lambda::Function')[logicalId(fn)]!.Properties;
    const env = (fn: IConstruct) =>
      (props(fn).Environment as { Variables: Record<string, unknown> }).Variables;

    it('keeps the table (shared rate limit) but passes no limits when both quotas are off', () => {
      const { signer, thumbnailer, quotaTable } = kms.service;
      const table = { Ref: logicalId(quotaTable) };
      expect(env(signer.function)).toMatchObject({ QUOTA_TABLE: table });
      expect(Object.keys(env(signer.function)).filter((name) => name.startsWith('QUOTA_'))).toEqual([
        'QUOTA_TABLE',
      ]);
      expect(env(thumbnailer.function)).toMatchObject({ QUOTA_TABLE: table });
    });

    it('reserves no signer concurrency when it is off, and the configured thumbnailer concurrency', () => {
      expect(props(kms.service.signer.function)).not.toHaveProperty('ReservedConcurrentExecutions');
      expect(props(kms.service.thumbnailer.function).ReservedConcurrentExecutions).toBe(3);
    });

    it('keeps the quota table with an existing bucket', () => {
      existingTemplate.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
    });
  });

  it('builds both functions for x86_64 when asked', () => {
    const functions = kmsTemplate.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs22.x' },
    });
    expect(Object.values(functions).map((fn) => fn.Properties.Architectures)).toEqual([
      ['x86_64'],
      ['x86_64'],
    ]);
  });

  it('sets the configured log retention and notifies the alarm topic', () => {
    kmsTemplate.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    kmsTemplate.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    kmsTemplate.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [TOPIC] });
  });

  it('warns (and so fails `cdk deploy --strict`) when no issuer is configured', () => {
    expect(warnings(kms)).toEqual([expect.stringContaining('No issuers are configured')]);
    expect(warnings(existing)).toEqual([]);
  });

  describe('bucket.existingBucketName', () => {
    it('creates no upload bucket (only the CDN log bucket) and scopes both roles to the existing bucket prefixes', () => {
      existingTemplate.resourceCountIs('AWS::S3::Bucket', 1);
      existingTemplate.hasResourceProperties('AWS::S3::Bucket', {
        OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
      });
      const arn = (suffix: string): unknown => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::my-photos${suffix}`]],
      });
      const resources = roleStatements(existingTemplate, logicalId(existing.service.signer.role)).flatMap(
        (s) => s.resources,
      );
      expect(resources).toEqual(expect.arrayContaining([arn('/uploads/*'), arn('/thumbnails/*'), arn('')]));
    });

    it('adds the uploads/ notification without replacing the bucket’s other notifications', () => {
      existingTemplate.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: 'my-photos',
        Managed: false,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } } }),
          ],
        },
      });
    });
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(awsSolutionsFindings(app)).toEqual({ errors: [], warnings: [] });
  });
});
