/**
 * Starts a throwaway Ceph radosgw (through `scripts/radosgw.sh`) as a drop-in for the local
 * stack's embedded S3: same `LocalS3` shape, but a real S3 implementation that verifies
 * signatures, refuses anonymous requests and pushes `ObjectCreated` notifications.
 */
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { S3Event } from 'aws-lambda';
import type { LocalS3, LocalS3Event } from '../local-s3.js';
import { configureBucket } from './configure-bucket.js';
import { startNotificationReceiver } from './notification-receiver.js';

/** Options of {@link startRadosgw}. */
export interface RadosgwOptions {
  bucket: string;
  /** Origins allowed by the bucket's CORS rule (PUT, GET, HEAD; `ETag` exposed). */
  corsOrigins: readonly string[];
  /** S3 port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /**
   * Receives every `ObjectCreated` event under `uploads/` as `startLocalS3` emits them (raw keys),
   * so the local stack's thumbnail trigger works on either backend.
   */
  onEvent?: (event: LocalS3Event) => unknown;
  /**
   * Receives the same events in the shape a Lambda function gets from AWS (URL-encoded keys):
   * pass the thumbnailer's handler here. No notifications are set up when neither is given.
   */
  onLambdaEvent?: (event: S3Event) => unknown;
  /** Called when a listener fails; defaults to one line on stderr. */
  onEventError?: (error: unknown) => void;
  /** The S3 user's keys (defaults: fixed local-only keys). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Give up after this long (default 60 s). */
  startTimeoutMs?: number;
}

/** A running radosgw: the `LocalS3` shape plus what the conformance tests need. */
export interface Radosgw extends LocalS3 {
  /** Resolves once every notification received so far has been handled. */
  idle(): Promise<void>;
  /** Creates another S3 user (a stranger to the bucket) with the given keys. */
  createUser(uid: string, accessKeyId: string, secretAccessKey: string): Promise<void>;
  /**
   * Frees the storage of deleted objects now. radosgw hands a deleted object's data to its garbage
   * collector, which waits 2 h (`rgw_gc_obj_min_wait`); on the memstore OSD that data stays in
   * memory until then, so a benchmark that writes and deletes 200 MB objects would run out.
   */
  collectGarbage(): Promise<void>;
}

interface Ready {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  conf: string;
}

const SCRIPT = fileURLToPath(new URL('../../scripts/radosgw.sh', import.meta.url));

/**
 * Brings the cluster up, creates the bucket with its CORS rule and notifications.
 * @throws {Error} when the Ceph packages are missing or the cluster does not come up; the
 *   message carries the end of the script's output.
 * @example const s3 = await startRadosgw({ bucket: 'images', corsOrigins: ['http://localhost:5173'] });
 */
export async function startRadosgw(options: RadosgwOptions): Promise<Radosgw> {
  const { onEvent, onLambdaEvent, onEventError } = options;
  const receiver =
    onEvent || onLambdaEvent
      ? await startNotificationReceiver({
          region: 'us-east-1',
          ...(onEvent && { onEvent }),
          ...(onLambdaEvent && { onLambdaEvent }),
          ...(onEventError && { onError: onEventError }),
        })
      : undefined;
  const child = spawn('bash', [SCRIPT, 'start'], {
    env: {
      ...process.env,
      ...(options.port && { RADOSGW_PORT: String(options.port) }),
      ...(options.accessKeyId && { RADOSGW_ACCESS_KEY: options.accessKeyId }),
      ...(options.secretAccessKey && { RADOSGW_SECRET_KEY: options.secretAccessKey }),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    // Closing stdin is the script's signal to tear down; its trap removes every daemon and file.
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 10_000);
    await exited;
    clearTimeout(timer);
    await receiver?.close();
  };

  let ready: Ready;
  try {
    ready = await waitForReady(child, options.startTimeoutMs ?? 60_000);
    await configureBucket({
      endpoint: ready.endpoint,
      region: ready.region,
      accessKeyId: ready.accessKeyId,
      secretAccessKey: ready.secretAccessKey,
      bucket: options.bucket,
      corsOrigins: options.corsOrigins,
      ...(receiver && { pushEndpoint: receiver.url }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const admin = (args: string[]) =>
    promisify(execFile)('radosgw-admin', args, { env: { ...process.env, CEPH_CONF: ready.conf } });
  return {
    endpoint: ready.endpoint,
    bucket: options.bucket,
    region: ready.region,
    accessKeyId: ready.accessKeyId,
    secretAccessKey: ready.secretAccessKey,
    idle: async () => receiver?.idle(),
    createUser: async (uid, accessKeyId, secretAccessKey) => {
      const args = ['user', 'create', `--uid=${uid}`, `--display-name=${uid}`];
      await admin([...args, `--access-key=${accessKeyId}`, `--secret-key=${secretAccessKey}`]);
    },
    collectGarbage: async () => void (await admin(['gc', 'process', '--include-all'])),
    close: stop,
  };
}

/** Reads the script's stdout until its `RADOSGW_READY {json}` line. */
function waitForReady(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<Ready> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`radosgw did not start: ${why}\n${stderr.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^RADOSGW_READY (.+)$/m.exec(stdout)?.[1];
      if (!line) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as Ready);
    });
    child.once('exit', (code) => fail(`scripts/radosgw.sh exited with ${code}`));
  });
}
