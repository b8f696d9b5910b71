import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageUploaderStack } from './image-uploader-stack.js';
import { acknowledgements, appLikeCli, awsSolutionsFindings, logicalId, stubCode } from './test-support.js';

const BASE = {
  siteOrigins: ['https://example.com'],
  issuers: [{ issuer: 'https://issuer.example', audience: 'a' }],
};
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0f7e6a2c-1111-2222-3333-444455556666';

// Every WAF choice, and the HTTP API variant, in one app synthesized once.
const app = appLikeCli();
const created = new ImageUploaderStack(app, 'Images', {
  config: { ...BASE, cdn: { waf: { rateLimit: 500 } } },
  code: stubCode(),
});
const existing = new ImageUploaderStack(app, 'SharedAcl', {
  config: { ...BASE, cdn: { waf: { webAclArn: ACL } } },
  code: stubCode(),
});
const off = new ImageUploaderStack(app, 'NoWaf', {
  config: { ...BASE, cdn: { waf: false } },
  code: stubCode(),
});
const httpApi = new ImageUploaderStack(app, 'HttpApi', {
  config: { ...BASE, signer: { endpoint: 'http-api', throttle: { rateLimit: 20, burstLimit: 40 } } },
  code: stubCode(),
});
const templates = new Map<ImageUploaderStack, Template>();
let waf: Template;
const t = (stack: ImageUploaderStack): Template => templates.get(stack)!;
const distribution = (stack: ImageUploaderStack) =>
  Object.values(t(stack).findResources('AWS::CloudFront::Distribution'))[0]!.Properties
    .DistributionConfig as Record<string, unknown>;

beforeAll(() => {
  for (const stack of [created, existing, off, httpApi]) templates.set(stack, Template.fromStack(stack));
  waf = Template.fromStack(created.wafStack!);
});

describe('ImageUploaderWafStack', () => {
  it('lives in us-east-1 beside the stack, which is deployed after it', () => {
    expect(created.wafStack!.region).toBe('us-east-1');
    expect(created.wafStack!.stackName).toBe('ImagesWaf');
    expect(created.dependencies).toContain(created.wafStack);
  });

  it('holds a CLOUDFRONT web ACL that allows by default and reports metrics', () => {
    waf.resourceCountIs('AWS::WAFv2::WebACL', 1);
    waf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      VisibilityConfig: Match.objectLike({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true }),
    });
    const stack = created.wafStack!;
    const acl = stack.resolve(stack.getLogicalId(stack.webAcl)) as string;
    waf.hasOutput('WebAclArn', { Value: { 'Fn::GetAtt': [acl, 'Arn'] } });
  });

  it('blocks a client IP above the configured API rate with a 429 in the API error shape', () => {
    const acl = Object.values(waf.findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    const rule = (acl.Rules as Record<string, unknown>[]).find((r) => r.Name === 'RateLimitApi')!;
    expect(rule).toMatchObject({
      Priority: 0,
      Action: { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'RateLimited' } } },
      Statement: {
        RateBasedStatement: { Limit: 500, AggregateKeyType: 'IP', EvaluationWindowSec: 300 },
      },
    });
    const paths = (
      rule.Statement as {
        RateBasedStatement: {
          ScopeDownStatement: {
            OrStatement: { Statements: { ByteMatchStatement: Record<string, string> }[] };
          };
        };
      }
    ).RateBasedStatement.ScopeDownStatement.OrStatement.Statements.map((s) => [
      s.ByteMatchStatement.PositionalConstraint,
      s.ByteMatchStatement.SearchString,
    ]);
    expect(paths).toEqual([
      ['STARTS_WITH', '/v1/'],
      ['EXACTLY', '/openapi.json'],
      ['EXACTLY', '/healthz'],
    ]);
    const body = JSON.parse(acl.CustomResponseBodies.RateLimited.Content as string);
    expect(body).toEqual({ error: { code: 'ERR_RATE_LIMITED', message: expect.any(String) } });
  });

  it('runs the AWS managed common rule set, counting (not blocking) bodies over 8 KB', () => {
    waf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'AWSManagedRulesCommonRuleSet',
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
              RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
            },
          },
        }),
      ]),
    });
  });

  it('is attached to the distribution through its ARN, read from the stack output at deploy time', () => {
    const reader = created.node.findChild('WebAclArn').node.findChild('Reader');
    expect(distribution(created).WebACLId).toEqual({
      'Fn::GetAtt': [logicalId(reader), 'Stacks.0.Outputs.0.OutputValue'],
    });
    const call = JSON.parse(
      Object.values(t(created).findResources('Custom::AWS'))[0]!.Properties.Create as string,
    ) as Record<string, unknown>;
    expect(call).toMatchObject({
      service: 'CloudFormation',
      action: 'describeStacks',
      region: 'us-east-1',
      parameters: { StackName: 'ImagesWaf' },
    });
  });
});

describe('cdn.waf', () => {
  it('{ webAclArn } attaches that ACL and creates none', () => {
    expect(existing.wafStack).toBeUndefined();
    expect(distribution(existing).WebACLId).toBe(ACL);
    t(existing).resourceCountIs('Custom::AWS', 0);
  });

  it('false attaches none and records why', () => {
    expect(off.wafStack).toBeUndefined();
    expect(distribution(off)).not.toHaveProperty('WebACLId');
    const acks = acknowledgements(app).filter((a) => a.id.endsWith('AwsSolutions-CFR2'));
    expect(acks.map((a) => a.path)).toEqual(['NoWaf/ImageUploader/Cdn/Distribution']);
  });
});

describe('signer.endpoint: http-api', () => {
  it('throttles the stage (AWS WAF cannot guard an HTTP API)', () => {
    t(httpApi).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
  });

  it('keeps the API off the distribution, which serves images only', () => {
    t(httpApi).resourceCountIs('AWS::Lambda::Url', 0);
    const paths = (distribution(httpApi).CacheBehaviors as { PathPattern: string }[]).map(
      (b) => b.PathPattern,
    );
    expect(paths).toEqual(['public/*']);
  });

  it('gives the signer the CDN values directly: no cycle without the Function URL', () => {
    const fn = t(httpApi).findResources('AWS::Lambda::Function')[logicalId(httpApi.service.signer.function)]!;
    const env = fn.Properties.Environment.Variables as Record<string, unknown>;
    const id = logicalId(httpApi.service.cdn.distribution);
    expect(env.IMAGE_BASE_URL).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [id, 'DomainName'] }]],
    });
    expect(env.CDN_DISTRIBUTION_ID).toEqual({ Ref: id });
    expect(env).not.toHaveProperty('CONFIG_PARAMETER_NAME');
    expect(env).not.toHaveProperty('AUTH_HEADER');
    t(httpApi).resourceCountIs('AWS::SSM::Parameter', 0);
  });
});

it('passes cdk-nag AwsSolutions with no unacknowledged findings, both stacks of every variant', () => {
  expect(awsSolutionsFindings(app)).toEqual({ errors: [], warnings: [] });
});
