import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageUploaderStack } from './image-uploader-stack.js';
import {
  appLikeCli,
  awsSolutionsFindings,
  distributionArn as distributionArnOf,
  logicalId,
  objectsArn,
  roleStatements,
  stubCode,
} from './test-support.js';

const ISSUERS = [{ issuer: 'https://accounts.google.com', audience: 'client' }];
const SECRET_ARN =
  'arn:aws:secretsmanager:eu-west-1:123456789012:secret:image-uploader/cloudfront-key-AbCdEf';
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const PUBLIC_KEY = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
/** Managed policies: CachingDisabled and AllViewerExceptHostHeader. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

// Two stacks in one app, synthesized once: the defaults, and signed URLs with a custom domain.
const app = appLikeCli();
const plain = new ImageUploaderStack(app, 'Cdn', {
  config: { siteOrigins: ['https://example.com'], issuers: ISSUERS },
  code: stubCode(),
});
const signed = new ImageUploaderStack(app, 'SignedCdn', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: ISSUERS,
    signer: { environment: { LIST_URL_TTL_SECONDS: '600' } },
    cdn: {
      domainName: 'images.example.com',
      certificateArn: CERTIFICATE_ARN,
      priceClass: 'PriceClass_All',
      signedUrls: { publicKeyPem: PUBLIC_KEY, privateKeySecretArn: SECRET_ARN },
    },
  },
  code: stubCode(),
});
let template: Template;
let signedTemplate: Template;

const ids = (stack: ImageUploaderStack) => ({
  bucket: logicalId(stack.service.bucket),
  distribution: logicalId(stack.service.cdn.distribution),
  signer: logicalId(stack.service.signer.function),
});
const distributionArn = (stack: ImageUploaderStack) => distributionArnOf(stack.service.cdn.distribution);
const objects = (stack: ImageUploaderStack, prefix: string) => objectsArn(stack.service.bucket, prefix);
type Behavior = Record<string, unknown> & { PathPattern?: string };
const config = (t: Template, stack: ImageUploaderStack) =>
  t.findResources('AWS::CloudFront::Distribution')[ids(stack).distribution]!.Properties
    .DistributionConfig as {
    CacheBehaviors: Behavior[];
    DefaultCacheBehavior: Behavior;
    Origins: { Id: string; OriginAccessControlId: unknown; S3OriginConfig?: unknown }[];
  } & Record<string, unknown>;
const behavior = (t: Template, stack: ImageUploaderStack, path: string): Behavior =>
  config(t, stack).CacheBehaviors.find((b) => b.PathPattern === path)!;
/** Bucket policy statements that let CloudFront in. */
const cloudFrontStatements = (t: Template) =>
  Object.values(t.findResources('AWS::S3::BucketPolicy')).flatMap((policy) =>
    (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).filter(
      (s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }),
    ),
  );
const signerEnv = (t: Template, stack: ImageUploaderStack) =>
  t.findResources('AWS::Lambda::Function')[ids(stack).signer]!.Properties.Environment.Variables as Record<
    string,
    unknown
  >;

beforeAll(() => {
  template = Template.fromStack(plain);
  signedTemplate = Template.fromStack(signed);
});

describe('ImageCdn', () => {
  describe('the bucket origin', () => {
    it('is reached through origin access control (SigV4, always signed)', () => {
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: {
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      });
      const s3Origin = config(template, plain).Origins.find((o) => o.S3OriginConfig)!;
      expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
      expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    });

    it('lets only this distribution read, and only public/', () => {
      expect(cloudFrontStatements(template)).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: objects(plain, 'public/'),
          Condition: { StringEquals: { 'AWS:SourceArn': distributionArn(plain) } },
        },
      ]);
    });

    it('keeps Block Public Access on for the upload bucket and the log bucket', () => {
      const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
      expect(buckets).toHaveLength(2);
      for (const bucket of buckets) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
    });
  });

  describe('public images', () => {
    it('are cached as long as the objects say, keyed by path alone', () => {
      const cache = behavior(template, plain, 'public/*').CachePolicyId as { Ref: string };
      expect(template.findResources('AWS::CloudFront::CachePolicy')[cache.Ref]!.Properties).toMatchObject({
        CachePolicyConfig: {
          MinTTL: 0,
          DefaultTTL: 86_400,
          MaxTTL: 31_536_000,
          ParametersInCacheKeyAndForwardedToOrigin: {
            QueryStringsConfig: { QueryStringBehavior: 'none' },
            HeadersConfig: { HeaderBehavior: 'none' },
            CookiesConfig: { CookieBehavior: 'none' },
            EnableAcceptEncodingGzip: false,
          },
        },
      });
      expect(behavior(template, plain, 'public/*')).toMatchObject({
        AllowedMethods: ['GET', 'HEAD'],
        Compress: false,
        ViewerProtocolPolicy: 'redirect-to-https',
      });
    });

    it('are answered with nosniff, Cross-Origin-Resource-Policy: cross-origin and CORS * for GET/HEAD', () => {
      const headers = behavior(template, plain, 'public/*').ResponseHeadersPolicyId as { Ref: string };
      const policy = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[headers.Ref]!;
      expect(policy.Properties.ResponseHeadersPolicyConfig).toMatchObject({
        SecurityHeadersConfig: { ContentTypeOptions: { Override: true } },
        CorsConfig: {
          AccessControlAllowOrigins: { Items: ['*'] },
          AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
          AccessControlAllowCredentials: false,
          OriginOverride: true,
        },
        CustomHeadersConfig: {
          Items: [{ Header: 'Cross-Origin-Resource-Policy', Value: 'cross-origin', Override: true }],
        },
      });
    });
  });

  describe('the signer', () => {
    it('is served under /v1/*, /openapi.json and /healthz from its Function URL through OAC for Lambda', () => {
      template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: Match.objectLike({
          OriginAccessControlOriginType: 'lambda',
          SigningBehavior: 'always',
        }),
      });
      const url = logicalId(plain.service.signer.function.node.findChild('FunctionUrl'));
      const origin = config(template, plain).Origins.find((o) => !o.S3OriginConfig)!;
      expect(JSON.stringify(origin)).toContain(`"${url}","FunctionUrl"`);
      for (const path of ['v1/*', 'openapi.json', 'healthz']) {
        expect(behavior(template, plain, path), path).toMatchObject({
          TargetOriginId: origin.Id,
          AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
          CachePolicyId: CACHING_DISABLED,
          OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST,
          ViewerProtocolPolicy: 'https-only',
        });
      }
    });

    it('may be invoked by this distribution only', () => {
      const url = logicalId(plain.service.signer.function.node.findChild('FunctionUrl'));
      const fromCloudFront = Object.values(template.findResources('AWS::Lambda::Permission'))
        .map((p) => p.Properties)
        .filter((p) => p.Principal === 'cloudfront.amazonaws.com');
      expect(fromCloudFront).toEqual([
        {
          Action: 'lambda:InvokeFunctionUrl',
          Principal: 'cloudfront.amazonaws.com',
          FunctionName: { 'Fn::GetAtt': [url, 'FunctionArn'] },
          SourceArn: distributionArn(plain),
        },
        {
          Action: 'lambda:InvokeFunction',
          Principal: 'cloudfront.amazonaws.com',
          FunctionName: { 'Fn::GetAtt': [url, 'FunctionArn'] },
          SourceArn: distributionArn(plain),
          InvokedViaFunctionUrl: true,
        },
      ]);
    });

    it('gets the bearer token past OAC, which replaces Authorization with its own signature', () => {
      const association = (behavior(template, plain, 'v1/*').FunctionAssociations as Behavior[])[0]!;
      expect(association.EventType).toBe('viewer-request');
      const fn = Object.values(template.findResources('AWS::CloudFront::Function'))[0]!;
      // Run the deployed code the way CloudFront Functions does: a global `handler(event)`.
      const handler = new Function(`${fn.Properties.FunctionCode as string}\nreturn handler;`)() as (event: {
        request: { headers: Record<string, { value: string }> };
      }) => { headers: Record<string, { value: string }> };
      const withToken = handler({ request: { headers: { authorization: { value: 'Bearer abc' } } } });
      expect(withToken.headers['x-forwarded-authorization']).toEqual({ value: 'Bearer abc' });
      const spoofed = handler({
        request: { headers: { 'x-forwarded-authorization': { value: 'Bearer x' } } },
      });
      expect(spoofed.headers).toEqual({});
      expect(signerEnv(template, plain).AUTH_HEADER).toBe('x-forwarded-authorization');
    });

    it('learns the image base URL and distribution from an SSM parameter named in its environment', () => {
      const parameter = Object.values(template.findResources('AWS::SSM::Parameter'))[0]!;
      const env = signerEnv(template, plain);
      expect(env.CONFIG_PARAMETER_NAME).toBe(parameter.Properties.Name);
      // Inline: the function cannot reference the distribution that references its URL (a cycle).
      expect(env).not.toHaveProperty('IMAGE_BASE_URL');
      expect(env).not.toHaveProperty('CDN_DISTRIBUTION_ID');
      const value = plain.resolve(parameter.Properties.Value) as { 'Fn::Join': [string, unknown[]] };
      expect(value['Fn::Join'][1]).toEqual([
        '{"IMAGE_BASE_URL":"https://',
        { 'Fn::GetAtt': [ids(plain).distribution, 'DomainName'] },
        '","CDN_DISTRIBUTION_ID":"',
        { Ref: ids(plain).distribution },
        '"}',
      ]);
    });

    it('may invalidate this distribution and no other, through a policy the function does not wait for', () => {
      const policy = logicalId(plain.service.signer.node.findChild('InvalidateCdn'));
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: [
            {
              Sid: 'InvalidatePublicCopies',
              Effect: 'Allow',
              Action: 'cloudfront:CreateInvalidation',
              Resource: distributionArn(plain),
            },
          ],
        },
        Roles: [{ Ref: logicalId(plain.service.signer.role) }],
      });
      const grants = roleStatements(template, logicalId(plain.service.signer.role)).filter((s) =>
        s.actions.some((a) => a.startsWith('cloudfront:')),
      );
      expect(grants).toHaveLength(1);
      const dependsOn = template.toJSON().Resources[ids(plain).signer].DependsOn as string[];
      expect(dependsOn).not.toContain(policy);
    });
  });

  describe('the distribution', () => {
    it('speaks HTTP/2 and HTTP/3 over IPv4 and IPv6, with price class 100 by default', () => {
      expect(config(template, plain)).toMatchObject({
        HttpVersion: 'http2and3',
        IPV6Enabled: true,
        PriceClass: 'PriceClass_100',
        Enabled: true,
      });
    });

    it('logs every request to a private, TLS-only log bucket that expires them', () => {
      const logs = logicalId(plain.service.cdn.logBucket);
      expect(config(template, plain).Logging).toEqual({
        Bucket: { 'Fn::GetAtt': [logs, 'RegionalDomainName'] },
        Prefix: 'cloudfront/',
      });
      template.hasResourceProperties('AWS::S3::Bucket', {
        OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })] },
      });
    });

    it('answers anything else (originals, private thumbnails, the bucket root) from the public-only origin', () => {
      const s3Origin = config(template, plain).Origins.find((o) => o.S3OriginConfig)!;
      expect(config(template, plain).DefaultCacheBehavior).toMatchObject({
        TargetOriginId: s3Origin.Id,
        AllowedMethods: ['GET', 'HEAD'],
      });
      expect(config(template, plain).DefaultCacheBehavior).not.toHaveProperty('TrustedKeyGroups');
      expect(behavior(template, plain, 'thumbnails/*')).toBeUndefined();
    });
  });

  describe('with cdn.signedUrls and a custom domain', () => {
    it('serves private thumbnails only with a URL signed by the configured key', () => {
      const key = logicalId(signed.service.cdn.signingKey!);
      signedTemplate.hasResourceProperties('AWS::CloudFront::PublicKey', {
        PublicKeyConfig: Match.objectLike({ EncodedKey: PUBLIC_KEY }),
      });
      signedTemplate.hasResourceProperties('AWS::CloudFront::KeyGroup', {
        KeyGroupConfig: Match.objectLike({ Items: [{ Ref: key }] }),
      });
      const thumbnails = behavior(signedTemplate, signed, 'thumbnails/*');
      expect(thumbnails.TrustedKeyGroups).toEqual([{ Ref: expect.any(String) }]);
      expect(config(signedTemplate, signed).DefaultCacheBehavior.TrustedKeyGroups).toEqual(
        thumbnails.TrustedKeyGroups,
      );
      expect(behavior(signedTemplate, signed, 'public/*')).not.toHaveProperty('TrustedKeyGroups');
    });

    it('lets CloudFront read thumbnails/ as well, and nothing more', () => {
      expect(cloudFrontStatements(signedTemplate)).toEqual([
        expect.objectContaining({
          Action: 's3:GetObject',
          Resource: [objects(signed, 'public/'), objects(signed, 'thumbnails/')],
          Condition: { StringEquals: { 'AWS:SourceArn': distributionArn(signed) } },
        }),
      ]);
    });

    it('marks private images private for as long as their URLs live', () => {
      const headers = behavior(signedTemplate, signed, 'thumbnails/*').ResponseHeadersPolicyId as {
        Ref: string;
      };
      const policy = signedTemplate.findResources('AWS::CloudFront::ResponseHeadersPolicy')[headers.Ref]!;
      expect(policy.Properties.ResponseHeadersPolicyConfig.CustomHeadersConfig.Items).toContainEqual({
        Header: 'Cache-Control',
        Value: 'private, max-age=600',
        Override: true,
      });
    });

    it('gives the signer the key pair id and may read only that secret (and its owner-id secret)', () => {
      const env = signerEnv(signedTemplate, signed);
      expect(env.CLOUDFRONT_KEY_PAIR_ID).toEqual({ Ref: logicalId(signed.service.cdn.signingKey!) });
      expect(env.CLOUDFRONT_PRIVATE_KEY_SECRET_ARN).toBe(SECRET_ARN);
      const reads = roleStatements(signedTemplate, logicalId(signed.service.signer.role)).filter((s) =>
        s.actions.some((a) => a.startsWith('secretsmanager:')),
      );
      expect(reads).toEqual([
        {
          effect: 'Allow',
          actions: ['secretsmanager:GetSecretValue'],
          resources: [{ Ref: logicalId(signed.service.signer.ownerIdSecret) }],
        },
        { effect: 'Allow', actions: ['secretsmanager:GetSecretValue'], resources: [SECRET_ARN] },
      ]);
    });

    it('answers on the custom domain with its us-east-1 certificate, TLS 1.2+, SNI', () => {
      expect(config(signedTemplate, signed)).toMatchObject({
        Aliases: ['images.example.com'],
        ViewerCertificate: {
          AcmCertificateArn: CERTIFICATE_ARN,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        },
        PriceClass: 'PriceClass_All',
      });
      expect(signerEnv(signedTemplate, signed).IMAGE_BASE_URL).toBe('https://images.example.com');
      signedTemplate.hasOutput('CdnUrl', { Value: 'https://images.example.com' });
      signedTemplate.hasOutput('DistributionDomainName', {
        Value: { 'Fn::GetAtt': [ids(signed).distribution, 'DomainName'] },
      });
    });
  });

  it('passes cdk-nag AwsSolutions with no unacknowledged findings', () => {
    expect(awsSolutionsFindings(app)).toEqual({ errors: [], warnings: [] });
  });

  it('synthesizes without dependency cycles or other CloudFormation validation findings', () => {
    // CDK validates each template (cfn-lint rules: F3004 is a cycle) and writes the report here.
    const report = join(app.synth().directory, 'validation-report.json');
    const found = existsSync(report)
      ? (
          JSON.parse(readFileSync(report, 'utf8')) as {
            pluginReports: { violations: { ruleName: string }[] }[];
          }
        ).pluginReports.flatMap((r) => r.violations.map((v) => v.ruleName))
      : [];
    expect(found).toEqual([]);
  });
});
