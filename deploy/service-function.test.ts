import { CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageUploaderStack } from './image-uploader-stack.js';
import { appLikeCli, logicalId, stubCode } from './test-support.js';

// Both functions of the stack are made by createServiceFunction: what it sets is checked on each.
const app = appLikeCli();
const stack = new ImageUploaderStack(app, 'ServiceFunctions', {
  config: {
    siteOrigins: ['https://example.com'],
    issuers: [{ issuer: 'https://issuer.example', audience: 'a' }],
  },
  code: stubCode(),
});
const functions = { signer: stack.service.signer, thumbnailer: stack.service.thumbnailer };
let template: Template;

beforeAll(() => {
  template = Template.fromStack(stack);
});

describe('createServiceFunction', () => {
  describe.each(Object.entries(functions))('the %s', (_, made) => {
    const resource = () => template.findResources('AWS::Lambda::Function')[logicalId(made.function)]!;

    it('logs JSON at INFO (application) and WARN (system) with source maps on', () => {
      expect(resource().Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        LoggingConfig: {
          LogFormat: 'JSON',
          ApplicationLogLevel: 'INFO',
          SystemLogLevel: 'WARN',
          LogGroup: { Ref: logicalId(made.logGroup) },
        },
        Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      });
    });

    it('waits, with everything made under it, for its role and the policy that lets it log', () => {
      const role = logicalId(made.role);
      // The role's own policy; a policy added beside it (the signer's CDN invalidation, which names
      // the distribution that waits for this function's URL) must not be waited for.
      const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
        .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === role))
        .map(([id]) => id)
        .filter((id) => id.startsWith(role.replace(/[0-9A-F]{8}$/, '')));
      expect(policies).not.toHaveLength(0);
      // The function itself, and what is added to it later (Function URL, permissions, async config).
      const resources = made.function.node
        .findAll()
        .filter((c): c is CfnResource => c instanceof CfnResource)
        .map((c) => stack.resolve(stack.getLogicalId(c)) as string);
      expect(resources.length).toBeGreaterThan(1);
      const all = template.toJSON().Resources as Record<string, { DependsOn?: string[] }>;
      for (const id of resources)
        expect(all[id]!.DependsOn, id).toEqual(expect.arrayContaining([role, ...policies]));
    });
  });
});
