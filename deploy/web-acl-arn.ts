import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeWildcard } from './function-role.js';
import { WEB_ACL_ARN_OUTPUT } from './waf-stack.js';
import type { ImageUploaderWafStack } from './waf-stack.js';

/**
 * Reads the web ACL's ARN from the us-east-1 WAF stack's output at deploy time, so one
 * `cdk deploy --all` sets up both stacks.
 *
 * A CloudFormation reference cannot cross regions, and CDK's `crossRegionReferences` needs both
 * stacks pinned to an account and region (ours are environment-agnostic). Here a custom resource
 * calls `cloudformation:DescribeStacks` on that one stack in us-east-1; the consuming stack depends
 * on the WAF stack, so the CLI deploys the WAF stack first.
 */
export class WebAclArn extends Construct {
  /** The ARN, resolved at deploy time. */
  readonly arn: string;

  /**
   * @param wafStack the stack holding the web ACL
   * @param logRetentionDays retention of the reading function's log group
   */
  constructor(scope: Construct, id: string, wafStack: ImageUploaderWafStack, logRetentionDays: number) {
    super(scope, id);
    const stack = Stack.of(this);
    stack.addStackDependency(wafStack, 'the distribution attaches the web ACL made there');
    const stackArn = stack.formatArn({
      service: 'cloudformation',
      region: 'us-east-1',
      resource: 'stack',
      resourceName: `${wafStack.stackName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const path = `Stacks.0.Outputs.0.OutputValue`;
    const describe: cr.AwsSdkCall = {
      service: 'CloudFormation',
      action: 'describeStacks',
      parameters: { StackName: wafStack.stackName },
      region: 'us-east-1',
      physicalResourceId: cr.PhysicalResourceId.of(`${wafStack.stackName}-${WEB_ACL_ARN_OUTPUT}`),
      outputPaths: [path],
    };
    const reader = new cr.AwsCustomResource(this, 'Reader', {
      onCreate: describe,
      onUpdate: describe,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [stackArn] }),
      ]),
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'Logs', {
        retention: logRetentionDays as logs.RetentionDays,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    acknowledgeWildcard(
      reader,
      stackArn,
      'A stack ARN ends in an id CloudFormation makes at creation; the grant names the WAF stack and one read-only action.',
    );
    this.arn = reader.getResponseField(path);
    acknowledgeProviderFindings(stack);
  }
}

/** The provider function is a CDK-managed singleton; its role and runtime are aws-cdk-lib's. */
function acknowledgeProviderFindings(stack: Stack): void {
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('AWS679f53fac002430cb0da5b7982bd2287')) continue;
    const reason =
      'CDK-provided function of AwsCustomResource that reads the WAF stack output at deploy time; its role ' +
      '(basic execution only) and runtime are set by aws-cdk-lib.';
    for (const id of PROVIDER_FINDINGS) Validations.of(child).acknowledge({ id, reason });
  }
}

const PROVIDER_FINDINGS = [
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  'AwsSolutions-L1',
];
