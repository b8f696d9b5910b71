import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { ResolvedConfig } from './config.js';
import type { FunctionRole } from './function-role.js';

/**
 * What a function of the stack sets itself: its code, description, memory, timeout, environment
 * (added after `NODE_OPTIONS`) and any other `lambda.Function` prop but the shared ones.
 */
export interface ServiceFunctionOptions extends Omit<
  lambda.FunctionProps,
  | 'runtime'
  | 'architecture'
  | 'handler'
  | 'role'
  | 'logGroup'
  | 'loggingFormat'
  | 'applicationLogLevelV2'
  | 'systemLogLevelV2'
> {
  architecture: ResolvedConfig['architecture'];
}

/**
 * Creates a function of the stack as the construct `Function` of `scope`, set up like every other:
 * Node.js 22 on the configured architecture, the bundle's `index.handler`, the execution role and
 * log group of {@link createFunctionRole}, JSON logs (application INFO, system WARN) and source
 * maps on. The function, and whatever is added under it later (Function URL, permissions,
 * async-invoke config), depends on the role and its policy: it needs the log permission before its
 * first invocation.
 * @param scope the function's construct (the role's scope too)
 * @param execution the role and log group from `createFunctionRole`
 * @param options what this function sets itself
 * @example
 * const execution = createFunctionRole(this, 'Execution', config.logRetentionDays);
 * createServiceFunction(this, execution, { architecture: config.architecture, code, description: '…' });
 */
export function createServiceFunction(
  scope: Construct,
  execution: FunctionRole,
  { description, architecture, code, memorySize, timeout, environment, ...options }: ServiceFunctionOptions,
): lambda.Function {
  const fn = new lambda.Function(scope, 'Function', {
    description,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    code,
    handler: 'index.handler',
    memorySize,
    timeout,
    role: execution.role,
    logGroup: execution.logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    ...options,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...environment },
  });
  fn.node.addDependency(execution.role);
  return fn;
}
