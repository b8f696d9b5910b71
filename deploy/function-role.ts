import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { IConstruct } from 'constructs';

/** A function's own log group and an execution role that may write only to it. */
export interface FunctionRole {
  role: iam.Role;
  logGroup: logs.LogGroup;
}

/**
 * Creates a log group with the configured retention and a Lambda execution role that can write
 * to that log group and nothing else yet (no AWS-managed policies: `AWSLambdaBasicExecutionRole`
 * would allow every log group in the account).
 * @param scope where the log group and role go
 * @param id construct id prefix, e.g. `Signer`
 * @param retentionDays CloudWatch Logs retention
 */
export function createFunctionRole(scope: Construct, id: string, retentionDays: number): FunctionRole {
  const holder = new Construct(scope, id);
  const logGroup = new logs.LogGroup(holder, 'Logs', {
    retention: retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const role = new iam.Role(holder, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Execution role of the image-uploader ${id.toLowerCase()}`,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'WriteOwnLogs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return { role, logGroup };
}

/**
 * Lets a role read and write objects encrypted with the bucket's KMS key (SSE-KMS needs
 * `GenerateDataKey` to write, `Decrypt` to read and to complete multipart uploads). Only these two
 * actions: `grantEncryptDecrypt` would add `kms:ReEncrypt*`.
 * @param role the execution role
 * @param key the bucket key, if any
 */
export function allowKeyUse(role: iam.Role, key: kms.IKey | undefined): void {
  if (!key) return;
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'UseBucketKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [key.keyArn],
    }),
  );
}

/**
 * Records why cdk-nag's wildcard findings (AwsSolutions-IAM5) on a role's prefix-scoped object
 * grants such as `arn:…:bucket/uploads/*` are intended: keys are made per upload, so a prefix is
 * the narrowest grant that works.
 * @param role the role whose policy holds the statements
 * @param arns the granted object ARNs (tokens are resolved the way cdk-nag names findings)
 * @param reason why the wildcard is needed
 */
export function acknowledgePrefixWildcards(role: iam.Role, arns: string[], reason: string): void {
  for (const arn of arns) acknowledgeWildcard(role, arn, reason);
}

/**
 * Records why one cdk-nag wildcard finding (AwsSolutions-IAM5) on a resource ARN is intended.
 * @param scope the construct holding the policy
 * @param arn the granted ARN (tokens are resolved the way cdk-nag names findings)
 * @param reason why the wildcard is needed
 */
export function acknowledgeWildcard(scope: IConstruct, arn: string, reason: string): void {
  const resource = flatten(Stack.of(scope).resolve(arn));
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
}

/** cdk-nag's flattening of CloudFormation references (`<Logical.Arn>`, `<AWS::Partition>`). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const fn = node as Record<string, unknown>;
  if (fn['Fn::Join']) {
    const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (fn['Fn::GetAtt']) {
    const [resource, attribute] = fn['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (fn['Ref']) return `<${flatten(fn['Ref'])}>`;
  return JSON.stringify(node);
}
