/**
 * The CDK app that `npm run synth` and `npm run deploy` run: one environment-agnostic stack
 * configured by deploy/deploy.config.ts, overridable with `cdk -c key=value` (see context.ts).
 * Extra context: `stackName` (default ImageUploader), `lambdaDir` (default dist/lambda, relative to
 * the repository root).
 */
import { resolve } from 'node:path';
import { App } from 'aws-cdk-lib';
import { applyContext } from './context.js';
import { config } from './deploy.config.js';
import { ImageUploaderStack } from './image-uploader-stack.js';
import { REPO_ROOT } from './paths.js';

const app = new App();
const read = (key: string): unknown => app.node.tryGetContext(key);
const lambdaDir = read('lambdaDir');
new ImageUploaderStack(app, String(read('stackName') ?? 'ImageUploader'), {
  config: applyContext(config, read),
  // Relative to the repository root, whatever folder cdk runs in.
  ...(typeof lambdaDir === 'string' && lambdaDir && { lambdaDir: resolve(REPO_ROOT, lambdaDir) }),
});
app.synth();
