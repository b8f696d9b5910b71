import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipFolder } from './build/zip-folder.js';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);
const CDK = join(REPO_ROOT, 'node_modules', '.bin', 'cdk');
const ISSUERS = JSON.stringify([{ issuer: 'https://accounts.google.com', audience: 'client-id' }]);

interface CliResult {
  code: number;
  output: string;
}

/** Runs the real CDK CLI on deploy/app.ts, offline: no version check, no notices, no lookups. */
async function cdkSynth(outDir: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(
      CDK,
      ['synth', '--no-notices', '--no-lookups', '--quiet', '-o', outDir, ...args],
      {
        cwd: join(REPO_ROOT, 'deploy'),
        env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

describe('cdk synth (the CLI, as CI and `npm run synth` run it)', () => {
  let dir: string;
  let ok: CliResult;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cdk-synth-test-'));
    // Small stand-in zips: this test is about the app and the CLI, build-lambdas.test.ts about the zips.
    await mkdir(join(dir, 'lambda'));
    for (const name of ['signer', 'thumbnailer', 'notifier']) {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'index.mjs'), `export const handler = async () => '${name}';\n`);
      await zipFolder(join(dir, name), join(dir, 'lambda', `${name}.zip`));
    }
    ok = await cdkSynth(join(dir, 'out'), [
      '-c',
      `lambdaDir=${join(dir, 'lambda')}`,
      '-c',
      `issuers=${ISSUERS}`,
      '-c',
      'siteOrigins=https://a.example,https://b.example',
      '-c',
      'webhookUrl=https://app.example.com/webhooks/images',
      '-c',
      'stackName=ImageUploaderCi',
    ]);
  }, 120_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('synthesizes the stack with the context overrides applied', async () => {
    expect(ok.code, ok.output).toBe(0);
    const template = JSON.parse(
      await readFile(join(dir, 'out', 'ImageUploaderCi.template.json'), 'utf8'),
    ) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      Outputs: Record<string, unknown>;
    };
    const resources = Object.values(template.Resources);
    const functions = resources.filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs22.x',
    );
    // The signer, the thumbnailer and the webhook notifier.
    expect(functions).toHaveLength(3);
    expect(resources.filter((r) => r.Type === 'AWS::Events::Rule')).toHaveLength(1);
    const bucket = resources.find((r) => r.Type === 'AWS::S3::Bucket')!;
    expect(JSON.stringify(bucket.Properties.CorsConfiguration)).toContain(
      '"https://a.example","https://b.example"',
    );
    expect(Object.keys(template.Outputs).sort()).toEqual([
      'BucketName',
      'CdnUrl',
      'DistributionId',
      'EventBusName',
      'OwnerIdSecretArn',
      'QuotaTableName',
      'SignerUrl',
      'WebhookDeadLetterQueueArn',
      'WebhookSecretArn',
    ]);
    // The web ACL's stack, pinned to us-east-1 (CloudFront reads web ACLs only there).
    const waf = JSON.parse(await readFile(join(dir, 'out', 'ImageUploaderCiWaf.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    expect(Object.values(waf.Resources).map((r) => r.Type)).toContain('AWS::WAFv2::WebACL');
  });

  it('is environment-agnostic and packages the three zips as file assets', async () => {
    const assets = JSON.parse(await readFile(join(dir, 'out', 'ImageUploaderCi.assets.json'), 'utf8')) as {
      files: Record<string, { source: { path: string; packaging: string } }>;
    };
    const zips = Object.values(assets.files).filter((f) => f.source.path.endsWith('.zip'));
    expect(zips.map((f) => f.source.packaging)).toEqual(['file', 'file', 'file']);
    const manifest = JSON.parse(await readFile(join(dir, 'out', 'manifest.json'), 'utf8')) as {
      artifacts: Record<string, { environment?: string }>;
    };
    expect(manifest.artifacts.ImageUploaderCi?.environment).toBe('aws://unknown-account/unknown-region');
    expect(manifest.artifacts.ImageUploaderCiWaf?.environment).toBe('aws://unknown-account/us-east-1');
  });
});
