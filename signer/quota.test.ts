/**
 * Quotas and the shared rate limit against a real DynamoDB API (dynalite): two signer processes
 * sharing one table, the per-file refusal, tokens per ticket, and bad tokens limited per IP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, UsageResponse } from '../contract/api.js';
import { freePort } from '../stack/free-port.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../stack/local-dynamodb.js';
import {
  TEST_HS256,
  TEST_OWNER_ID_SECRET,
  createTestApp,
  customLoginToken,
} from './test-support/test-app.js';

const MIB = 1024 * 1024;
let db: LocalDynamoDb;
beforeAll(async () => {
  db = await startLocalDynamoDb();
});
afterAll(() => db.close());

const files = (count: number, size = MIB) =>
  JSON.stringify({
    files: Array.from({ length: count }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', size })),
  });

/** Starts `signer/node.ts` in its own process; resolves with its URL once it listens. */
async function startSignerProcess(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'signer/node.ts'], {
    env: { ...process.env, ...env, SIGNER_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the signer exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('listening')) resolve();
    });
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

describe('quotas shared by every signer instance', () => {
  it('lets 50 concurrent requests from one user on two signer processes take no more than the quota', async () => {
    const env = {
      S3_BUCKET: 'images',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      AUTH_HS256_SECRET: TEST_HS256.secret,
      AUTH_HS256_ISSUER: TEST_HS256.issuer,
      AUTH_HS256_AUDIENCE: TEST_HS256.audience,
      OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...db.env,
      QUOTA_BYTES: String(15 * MIB),
      QUOTA_IMAGES: '40',
    };
    const signers = await Promise.all([startSignerProcess(env), startSignerProcess(env)]);
    try {
      const authorization = `Bearer ${await customLoginToken('concurrent')}`;
      const headers = { authorization, 'content-type': 'application/json' };
      // 50 requests of 2 files of 1 MiB at once, alternating between the processes: 100 MiB asked
      // for against a 15 MiB quota.
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${signers[i % 2]!.url}/v1/uploads`, { method: 'POST', headers, body: files(2) }).then(
            async (response) => ({
              status: response.status,
              body: (await response.json()) as CreateUploadsResponse,
            }),
          ),
        ),
      );
      const tickets = responses
        .filter((response) => response.status === 201)
        .flatMap((response) => response.body.uploads.filter((slot) => !('error' in slot)));
      expect(responses.every((response) => response.status === 201 || response.status === 403)).toBe(true);
      // Every byte of the quota is used, and not one byte more: 0 files over the quota.
      expect(tickets.length).toBe(15);
      const usage = (await (await fetch(`${signers[1]!.url}/v1/usage`, { headers })).json()) as UsageResponse;
      expect(usage.bytes).toEqual({ used: 0, reserved: 15 * MIB, limit: 15 * MIB });
    } finally {
      for (const { child } of signers) child.kill();
    }
  }, 60_000);

  it('is one rate limit per owner for every instance', async () => {
    const env = { ...db.env, RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '5' };
    const [first, second] = [createTestApp({ env }).app, createTestApp({ env }).app];
    const headers = {
      authorization: `Bearer ${await customLoginToken('shared-bucket')}`,
      'content-type': 'application/json',
    };
    const post = (app: typeof first, count: number) =>
      app.request('/v1/uploads', { method: 'POST', headers, body: files(count, 1) });
    expect((await post(first, 3)).status).toBe(201);
    expect((await post(second, 2)).status).toBe(201);
    const refused = await post(first, 1);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('ERR_RATE_LIMITED');
    expect((await post(second, 1)).status).toBe(429);
  });
});

describe('rate limit defaults', () => {
  it('let 100 photos dropped at once, asked for 4 files a request, through without a 429', async () => {
    const { app } = createTestApp();
    const headers = {
      authorization: `Bearer ${await customLoginToken('hundred')}`,
      'content-type': 'application/json',
    };
    const statuses = await Promise.all(
      Array.from({ length: 25 }, async () => {
        const response = await app.request('/v1/uploads', {
          method: 'POST',
          headers,
          body: files(4, 3 * MIB),
        });
        return response.status;
      }),
    );
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
  });

  it('count tickets, not requests: one request of many files takes as many tokens', async () => {
    const { app } = createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '5' } });
    const headers = {
      authorization: `Bearer ${await customLoginToken('tickets')}`,
      'content-type': 'application/json',
    };
    expect((await app.request('/v1/uploads', { method: 'POST', headers, body: files(4, 1) })).status).toBe(
      201,
    );
    expect((await app.request('/v1/uploads', { method: 'POST', headers, body: files(2, 1) })).status).toBe(
      429,
    );
    expect((await app.request('/v1/uploads', { method: 'POST', headers, body: files(1, 1) })).status).toBe(
      201,
    );
  });
});

describe('requests without a valid token', () => {
  it('are limited per client IP before their token is verified; other IPs are not', async () => {
    const { app } = createTestApp({ env: { RATE_LIMIT_BAD_TOKEN_PER_MINUTE: '6' } });
    const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    const bad = { authorization: 'Bearer a.b.c' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await app.request('/v1/images', { headers: bad }, from('192.0.2.1'))).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const refused = await app.request('/v1/images', {}, from('192.0.2.1'));
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, '10']);
    expect((await app.request('/v1/images', { headers: bad }, from('192.0.2.2'))).status).toBe(401);
    // A valid token from another IP is never counted against it.
    const good = { authorization: `Bearer ${await customLoginToken('good')}` };
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await app.request(
            '/v1/uploads',
            { method: 'POST', headers: good, body: files(1) },
            from('192.0.2.3'),
          )
        ).status,
      ).toBe(201);
    }
  });
});
