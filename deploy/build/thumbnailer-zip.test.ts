import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import { localS3Client, startLocalS3, type LocalS3 } from '../../stack/local-s3.js';
import { phoneJpeg } from '../../thumbnailer/test-support/images.js';
import { buildLambdas } from './build-lambdas.js';
import { NOTIFIER_TEST_ENTRY } from './test-support/notifier-entry.js';

const run = promisify(execFile);
const OWNER = 'deploy-test-owner';
const ID = 'abcdefghijklmnop0123-jpg';
const KEY = `uploads/${OWNER}/${ID}/original.jpg`;

/**
 * The arm64 package cannot run here, so the same build for x64 is unpacked and run the way Lambda
 * runs it: `index.mjs` importing sharp from the zip's own node_modules, in a fresh process (two
 * copies of libvips must not share one), against the local S3.
 */
describe('thumbnailer.zip (x64 build) runs as Lambda would run it', () => {
  let dir: string;
  let s3: LocalS3;
  let client: S3Client;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'thumbnailer-zip-test-'));
    const [result, local] = await Promise.all([
      buildLambdas({ outDir: join(dir, 'dist'), cpu: 'x64', notifierEntry: NOTIFIER_TEST_ENTRY }),
      startLocalS3({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] }),
    ]);
    s3 = local;
    for (const [name, data] of Object.entries(unzipSync(await readFile(result.thumbnailer.zip)))) {
      await mkdir(dirname(join(dir, 'task', name)), { recursive: true });
      await writeFile(join(dir, 'task', name), data);
    }
    client = localS3Client(s3);
    const body = await phoneJpeg(1600, 1200);
    await client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: KEY, Body: body, ContentType: 'image/jpeg' }),
    );
  }, 180_000);

  afterAll(async () => {
    client?.destroy();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('makes the thumbnails and the manifest for an S3 ObjectCreated event', async () => {
    const runner = join(dir, 'invoke.mjs');
    await writeFile(
      runner,
      'const { handler } = await import(process.argv[2]);\nawait handler(JSON.parse(process.argv[3]));\n',
    );
    const event = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: s3.region,
          eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          s3: {
            bucket: { name: s3.bucket, arn: `arn:aws:s3:::${s3.bucket}` },
            object: { key: KEY, sequencer: '01' },
          },
        },
      ],
    };
    await run(process.execPath, [runner, join(dir, 'task', 'index.mjs'), JSON.stringify(event)], {
      cwd: join(dir, 'task'),
      env: {
        PATH: process.env.PATH,
        S3_ENDPOINT: s3.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        S3_REGION: s3.region,
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        MALLOC_ARENA_MAX: '2',
        THUMBNAIL_WIDTHS: '320,720,1440',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });
    const manifest = await client.send(
      new GetObjectCommand({ Bucket: s3.bucket, Key: `thumbnails/${OWNER}/${ID}/meta.json` }),
    );
    const parsed = JSON.parse(await manifest.Body!.transformToString()) as ThumbnailManifest;
    expect(parsed.status).toBe('ready');
    if (parsed.status !== 'ready') return;
    // 320 and 720 fit the 1200-pixel-wide (rotated) photo; wider ones are capped by the thumbnailer.
    expect(parsed.outputs.map((output) => output.width)).toEqual(expect.arrayContaining([320, 720]));
    for (const output of parsed.outputs) {
      const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: output.key }));
      expect(object.ContentType).toBe(output.contentType);
      expect((await object.Body!.transformToByteArray()).byteLength).toBe(output.size);
    }
  });
});
