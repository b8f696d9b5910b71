import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionUrlEvent, LAMBDA_TEST_ENV } from '../../signer/test-support/lambda-event.js';
import { customLoginToken } from '../../signer/test-support/test-app.js';
import { REPO_ROOT } from '../paths.js';
import { buildLambdas } from './build-lambdas.js';
import type { BuildResult } from './build-lambdas.js';
import { NOTIFIER_TEST_ENTRY, NOTIFIER_TEST_ENV } from './test-support/notifier-entry.js';

const run = promisify(execFile);
/** Lambda's role session, as the AWS_* variables a function gets. */
const LAMBDA_SESSION_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
};
const ELF_MACHINE_AARCH64 = 0xb7;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Every entry's name and Unix mode, read from the zip's central directory. */
function centralDirectory(zip: Uint8Array): { name: string; mode: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.byteLength - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const entries: { name: string; mode: number }[] = [];
  for (let i = 0; i < count; i += 1) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const mode = view.getUint32(offset + 38, true) >>> 16;
    entries.push({
      name: new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength)),
      mode,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('npm run build:lambda', () => {
  let outDir: string;
  let result: BuildResult;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'build-lambdas-test-'));
    result = await buildLambdas({ outDir, cpu: 'arm64', notifierEntry: NOTIFIER_TEST_ENTRY });
  }, 180_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  describe('signer.zip', () => {
    it('holds one ES module bundle and its source map, no node_modules', async () => {
      const names = centralDirectory(await readFile(result.signer.zip)).map((entry) => entry.name);
      expect(names).toContain('index.mjs');
      expect(names).toContain('index.mjs.map');
      expect(names.filter((name) => name.includes('node_modules'))).toEqual([]);
      expect(result.signer.bytes).toBeGreaterThan(10_000);
    });

    describe('unpacked and run as Lambda runs it', () => {
      let dir: string;
      let handler: (event: unknown) => Promise<{ statusCode: number; body: string }>;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'signer-bundle-'));
        for (const [name, data] of Object.entries(unzipSync(await readFile(result.signer.zip)))) {
          await writeFile(join(dir, name), data);
        }
        // The bundle reads its configuration at import, as at a cold start; Lambda's role session
        // arrives as AWS_* variables.
        Object.assign(process.env, LAMBDA_TEST_ENV);
        const bundle = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
          handler: typeof handler;
        };
        handler = bundle.handler;
      });
      afterAll(async () => {
        await rm(dir, { recursive: true, force: true });
      });

      it('answers GET /healthz', async () => {
        const response = await handler(functionUrlEvent('GET', '/healthz'));
        expect(response.statusCode).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
      });

      it('verifies a token and presigns with the role session (jose and the AWS SDK bundled)', async () => {
        const token = await customLoginToken('bundle-user');
        const response = await handler(
          functionUrlEvent('POST', '/v1/uploads', {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 10 }] }),
          }),
        );
        expect(response.statusCode).toBe(201);
        const url = new URL((JSON.parse(response.body) as { uploads: { url: string }[] }).uploads[0]!.url);
        expect(url.host).toBe('images.s3.eu-west-1.amazonaws.com');
        expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session');
      });
    });
  });

  describe('thumbnailer.zip', () => {
    let files: Record<string, Uint8Array>;
    beforeAll(async () => {
      files = unzipSync(await readFile(result.thumbnailer.zip));
    });

    it('keeps sharp out of the bundle and installs the pinned version beside it', async () => {
      const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'thumbnailer/package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      const sharp = JSON.parse(new TextDecoder().decode(files['node_modules/sharp/package.json'])) as {
        version: string;
      };
      expect(sharp.version).toBe(pkg.dependencies.sharp);
      expect(new TextDecoder().decode(files['index.mjs'])).toMatch(/from\s*"sharp"/);
    });

    it('holds only the linux-arm64 (glibc) platform packages', () => {
      const platformPackages = new Set(
        Object.keys(files)
          .map((name) => /^node_modules\/@img\/(sharp-[^/]+)\//.exec(name)?.[1])
          .filter((name): name is string => name !== undefined),
      );
      expect([...platformPackages].sort()).toEqual(['sharp-libvips-linux-arm64', 'sharp-linux-arm64']);
    });

    it('carries native binaries built for aarch64 (ELF e_machine 0xB7)', () => {
      const binaries = Object.keys(files).filter((name) => /\.node$|\.so(\.\d+)*$/.test(name));
      expect(binaries.length).toBeGreaterThanOrEqual(2);
      for (const name of binaries) {
        const data = files[name]!;
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        expect([...data.subarray(0, 4)], name).toEqual([0x7f, 0x45, 0x4c, 0x46]);
        expect(data[4], `${name} is 64-bit`).toBe(2);
        expect(data[5], `${name} is little-endian`).toBe(1);
        expect(view.getUint16(18, true), `${name} machine`).toBe(ELF_MACHINE_AARCH64);
      }
    });

    it('has no symbolic links and only world-readable regular files', async () => {
      const entries = centralDirectory(await readFile(result.thumbnailer.zip));
      expect(entries.length).toBe(Object.keys(files).length);
      for (const entry of entries) {
        expect(entry.mode & S_IFMT, entry.name).not.toBe(S_IFLNK);
        expect(entry.mode & 0o444, entry.name).toBe(0o444);
      }
    });
  });

  describe('notifier.zip', () => {
    it('holds one ES module bundle and its source map, no node_modules', async () => {
      const names = centralDirectory(await readFile(result.notifier.zip)).map((entry) => entry.name);
      expect(names).toContain('index.mjs');
      expect(names).toContain('index.mjs.map');
      expect(names.filter((name) => name.includes('node_modules'))).toEqual([]);
    });

    it('bundles standardwebhooks and the AWS SDK clients it calls (nothing left to import at run time)', async () => {
      const code = new TextDecoder().decode(unzipSync(await readFile(result.notifier.zip))['index.mjs']);
      const imports = [...code.matchAll(/\bfrom\s*"([^"]+)"/g)].map((match) => match[1]!);
      expect(imports.filter((name) => !name.startsWith('node:'))).toEqual([]);
      const map = JSON.parse(
        new TextDecoder().decode(unzipSync(await readFile(result.notifier.zip))['index.mjs.map']),
      ) as { sources: string[] };
      for (const dependency of [
        'standardwebhooks',
        '@aws-sdk/client-secrets-manager',
        '@aws-sdk/client-sqs',
      ]) {
        expect(
          map.sources.some((source) => source.includes(`node_modules/${dependency}/`)),
          dependency,
        ).toBe(true);
      }
    });

    it('loads in a fresh Node process, as Lambda loads it, and answers an empty batch with no failures', async () => {
      // A fresh process with no node_modules in reach: an import the bundle left out would fail here
      // (inside vitest, Vite would resolve it from the repository).
      const dir = await mkdtemp(join(tmpdir(), 'notifier-bundle-'));
      try {
        for (const [name, data] of Object.entries(unzipSync(await readFile(result.notifier.zip)))) {
          await writeFile(join(dir, name), data);
        }
        const script =
          "const { handler } = await import('./index.mjs');" +
          'console.log(JSON.stringify(await handler({ Records: [] })));';
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
          cwd: dir,
          env: { PATH: process.env.PATH, ...LAMBDA_SESSION_ENV, ...NOTIFIER_TEST_ENV },
        });
        expect(JSON.parse(stdout)).toEqual({ batchItemFailures: [] });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  it('records the architecture for the CDK app', async () => {
    const info = JSON.parse(await readFile(join(outDir, 'build-info.json'), 'utf8')) as {
      architecture: string;
    };
    expect(info.architecture).toBe('arm64');
  });
});
