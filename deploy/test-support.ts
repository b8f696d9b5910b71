/**
 * Helpers for the deploy tests: an App configured like `cdk synth` (cdk.json's feature flags),
 * tiny stand-in Lambda code, and readers for the synthesized template.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';

/** A CDK App with the same context (feature flags) as `npm run synth`. */
export function appLikeCli(): App {
  const cdkJson = JSON.parse(readFileSync(new URL('./cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return new App({ context: cdkJson.context, outdir: mkdtempSync(join(tmpdir(), 'cdk-test-')) });
}

/** Stand-in code for every function, so template tests need no `npm run build:lambda`. */
export function stubCode(): { signer: lambda.Code; thumbnailer: lambda.Code; notifier: lambda.Code } {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-stub-'));
  writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  const code = lambda.Code.fromAsset(dir);
  return { signer: code, thumbnailer: code, notifier: code };
}

/** A normalized IAM statement: sorted actions, resources and conditions as in the template. */
export interface Statement {
  effect: string;
  actions: string[];
  resources: unknown[];
  condition?: unknown;
}

/** Every statement of every policy attached to the role with this logical id. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const statements: Statement[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties.Roles as { Ref: string }[]).map((role) => role.Ref);
    if (!roles.includes(roleLogicalId)) continue;
    for (const s of policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]) {
      statements.push({
        effect: s.Effect as string,
        actions: ([] as string[]).concat(s.Action as string | string[]).sort(),
        resources: ([] as unknown[]).concat(s.Resource),
        ...(s.Condition !== undefined && { condition: s.Condition }),
      });
    }
  }
  return statements;
}

/** The logical id CloudFormation will see for a construct's default resource. */
export function logicalId(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as never)) as string;
}

/** Runs the cdk-nag AwsSolutions pack over a synthesized app and splits its findings. */
export function awsSolutionsFindings(app: App): { errors: string[]; warnings: string[] } {
  const report = new AwsSolutionsChecks().validateScope(app);
  const describe = (v: (typeof report.violations)[number]): string =>
    `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath ?? r.resourceLogicalId).join(', ')}`;
  return {
    errors: report.violations.filter((v) => v.severity === 'error').map(describe),
    warnings: report.violations.filter((v) => v.severity !== 'error').map(describe),
  };
}

/** Every acknowledgement (cdk-nag suppression) recorded in the app, with its reason. */
export function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id, reason });
      }
    }
  }
  return found;
}

/** `arn:…:cloudfront::account:distribution/id` as CloudFormation sees it. */
export function distributionArn(distribution: IConstruct): unknown {
  return {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':cloudfront::',
        { Ref: 'AWS::AccountId' },
        ':distribution/',
        { Ref: logicalId(distribution) },
      ],
    ],
  };
}

/** `arn:…:bucket/prefix*` as CloudFormation sees it. */
export function objectsArn(bucket: IConstruct, prefix: string): unknown {
  return { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(bucket), 'Arn'] }, `/${prefix}*`]] };
}
