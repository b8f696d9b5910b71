/**
 * Benchmark 4, "Why direct upload": what the app server spends on 100 uploads of 5 MB, 10 at a
 * time, when it receives and forwards the files itself (the 2-hop way: express + multer +
 * aws-sdk v2, see direct-upload/two-hop-server.mjs) and when it only hands out presigned PUTs
 * (our signer) and the client sends the bytes to S3 itself. S3 is s3rver in a process of its own.
 *
 * Pinning on 2 cores: the app servers on core 0 (only the one being measured is busy); s3rver,
 * this process (the client) and the local OIDC issuer on core 1.
 */
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startTestIssuer } from '../signer/test-support/key-server.js';
import { TEST_OWNER_ID_SECRET } from '../signer/test-support/test-app.js';
import { freePort } from '../stack/free-port.js';
import { LOCAL_S3_CREDENTIALS, localS3Client } from '../stack/local-s3.js';
import {
  pool,
  uploadAfterHello,
  uploadDirect,
  uploadThroughServer,
  type UploadFile,
} from './direct-upload/clients.js';
import { processStats, since, type ProcessStats } from './support/process-stats.js';
import { competitorVersion, ensureCompetitors, ownVersion } from './support/competitors.js';
import { bundle, serveOnCore0, type Served } from './support/load.js';
import { median, publish, round, smoke } from './support/report.js';

const SIZE = smoke ? 256 * 1024 : 5_000_000;
const UPLOADS = smoke ? 4 : 100;
const CONCURRENCY = 10;
const ROUNDS = smoke ? 1 : 3;
// Not counted, per approach: small uploads until each server's per-request code is as hot as in
// one that has been up a while (JIT), then full-size ones (buffers, sockets).
const WARM_UP = smoke ? { small: 4, full: 2 } : { small: 300, full: 20 };
const SMALL_SIZE = 4096;
const USERS = 10;
const BUCKET = 'bench-direct-upload';
const TYPE = 'image/jpeg';

ensureCompetitors();
// The client is this process: all its threads onto core 1, away from the app servers.
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });

// Children die with this process however it ends: an error, Ctrl-C, or the normal end.
const children: ChildProcess[] = [];
const s3Directory = mkdtempSync(join(tmpdir(), 'bench-direct-upload-s3-'));
process.once('exit', () => {
  for (const child of children) child.kill();
  rmSync(s3Directory, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

// A local OIDC issuer for the signer; the 2-hop server checks the same tokens with its key as PEM.
const audience = 'https://signer.bench';
const idp = await startTestIssuer(audience, { alg: 'RS256' });
const { issuer, publicKeyPem } = idp;
const tokens = await idp.tokens(USERS);

const s3 = await startS3();
const s3Client = localS3Client({ endpoint: s3.endpoint, region: 'us-east-1', ...LOCAL_S3_CREDENTIALS });

const twoHop = await start(
  join(import.meta.dirname, 'direct-upload', 'two-hop-server.mjs'),
  '/health',
  (port) => ({
    PORT: port,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: BUCKET,
    JWT_ISSUER: issuer,
    JWT_AUDIENCE: audience,
    JWT_PUBLIC_KEY: publicKeyPem,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  }),
);
const signerFile = await bundle('signer/node.ts', 'signer');
const signerEnv = (port: string) => ({
  SIGNER_PORT: port,
  S3_BUCKET: BUCKET,
  S3_REGION: 'us-east-1',
  S3_ENDPOINT: s3.endpoint,
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: LOCAL_S3_CREDENTIALS.accessKeyId,
  S3_SECRET_ACCESS_KEY: LOCAL_S3_CREDENTIALS.secretAccessKey,
  AUTH_ISSUERS: JSON.stringify([{ issuer, audience }]),
  OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_BURST: '1000000',
});
// Cache off: like jsonwebtoken in the 2-hop server, it checks one RS256 signature per upload.
const signer = await start(signerFile, '/healthz', (port) => ({
  ...signerEnv(port),
  AUTH_TOKEN_CACHE_SIZE: '0',
}));
// As shipped: a verified token is remembered until its `exp`, so a returning user costs no check.
const signerShipped = await start(signerFile, '/healthz', signerEnv);

// The floor of any design that asks its app server once per upload (see uploadAfterHello).
const hello = await start(await bundle('bench/hello-hono.ts', 'hello'), '/', (port) => ({ PORT: port }));

type ApproachId = 'twoHop' | 'direct' | 'shipped' | 'floor';
interface Approach {
  id: ApproachId;
  label: string;
  server: Served & { url: string };
  upload: (token: string, file: UploadFile) => Promise<string>;
}
const approaches: Approach[] = [
  {
    id: 'twoHop',
    label: '2-hop: express + multer + aws-sdk v2',
    server: twoHop,
    upload: (token, file) => uploadThroughServer(twoHop.url, token, file),
  },
  {
    id: 'direct',
    label: 'direct: signer, token cache off',
    server: signer,
    upload: (token, file) => uploadDirect(signer.url, token, file),
  },
  {
    id: 'shipped',
    label: 'direct: signer as shipped (cache on)',
    server: signerShipped,
    upload: (token, file) => uploadDirect(signerShipped.url, token, file),
  },
  {
    id: 'floor',
    label: 'floor: bare Hono hello + unsigned PUT',
    server: hello,
    upload: (_token, file) => uploadAfterHello(hello.url, `${s3.endpoint}/${BUCKET}`, file),
  },
];

interface Sample extends ProcessStats {
  wallSeconds: number;
  /** s3rver's CPU over the same window (not the app server's; for context). */
  s3CpuSeconds: number;
}

/** `count` uploads, at most CONCURRENCY in flight; checks every object landed, then deletes them. */
async function measureRound(approach: Approach, count: number, size: number): Promise<Sample> {
  const bytes = new Uint8Array(randomBytes(size));
  const pid = approach.server.child.pid!;
  const before = processStats(pid);
  const s3Before = processStats(s3.child.pid!);
  const started = performance.now();
  const keys = await pool(count, CONCURRENCY, (i) => {
    const file: UploadFile = { name: `photo-${i}.jpg`, type: TYPE, bytes };
    return approach.upload(tokens[i % USERS]!, file);
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const sizes = await pool(count, 50, async (i) => {
    const head = await s3Client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: keys[i] }));
    return head.ContentLength;
  });
  if (new Set(keys).size !== count || sizes.some((n) => n !== size)) {
    throw new Error(
      `expected ${count} distinct objects of ${size} bytes in S3, found sizes ${sizes.join(', ')}`,
    );
  }
  // Read after the check, so work the server does after answering (GC, socket teardown) counts.
  const spent = since(before, processStats(pid));
  const s3CpuSeconds = since(s3Before, processStats(s3.child.pid!)).cpuSeconds;
  await pool(count, 50, (i) => s3Client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: keys[i] })));
  return { ...spent, wallSeconds, s3CpuSeconds };
}

for (const approach of approaches) {
  await measureRound(approach, WARM_UP.small, SMALL_SIZE);
  await measureRound(approach, WARM_UP.full, SIZE);
}
const samples: Record<ApproachId, Sample[]> = { twoHop: [], direct: [], shipped: [], floor: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const approach of approaches) {
    const sample = await measureRound(approach, UPLOADS, SIZE);
    samples[approach.id].push(sample);
    console.log(
      `round ${r + 1} ${approach.id}: app-server CPU ${sample.cpuSeconds.toFixed(3)} s, wall ${sample.wallSeconds.toFixed(2)} s`,
    );
  }
}

// What aws-sdk v2's payload signing costs (it SHA-256es the body when the endpoint is plain http).
const payload = randomBytes(SIZE);
const hashStarted = process.cpuUsage();
for (let i = 0; i < UPLOADS; i++) createHash('sha256').update(payload).digest();
const hashUsage = process.cpuUsage(hashStarted);
const sha256CpuSeconds = (hashUsage.user + hashUsage.system) / 1e6;

await idp.close();
for (const approach of approaches) approach.server.stop();
s3.child.kill();
s3Client.destroy();

const medians = (list: Sample[]) => ({
  cpuSeconds: median(list.map((s) => s.cpuSeconds)),
  tickCpuSeconds: median(list.map((s) => s.tickCpuSeconds)),
  wallSeconds: median(list.map((s) => s.wallSeconds)),
  bytesRead: median(list.map((s) => s.bytesRead)),
  bytesWritten: median(list.map((s) => s.bytesWritten)),
  s3CpuSeconds: median(list.map((s) => s.s3CpuSeconds)),
});
const m = Object.fromEntries(approaches.map((a) => [a.id, medians(samples[a.id])])) as Record<
  ApproachId,
  ReturnType<typeof medians>
>;
const ratios = (ours: ReturnType<typeof medians>) => ({
  cpu: m.twoHop.cpuSeconds / ours.cpuSeconds,
  cpuWithoutPayloadHashing: (m.twoHop.cpuSeconds - sha256CpuSeconds) / ours.cpuSeconds,
  wall: m.twoHop.wallSeconds / ours.wallSeconds,
  bytesIn: m.twoHop.bytesRead / ours.bytesRead,
  bytesOut: m.twoHop.bytesWritten / ours.bytesWritten,
});
const vsDirect = ratios(m.direct);
const vsShipped = ratios(m.shipped);
const vsFloor = ratios(m.floor);
const megabytes = (UPLOADS * SIZE) / 1e6;
const versions = {
  express: competitorVersion('express'),
  multer: competitorVersion('multer'),
  'aws-sdk': competitorVersion('aws-sdk'),
  jsonwebtoken: competitorVersion('jsonwebtoken'),
  hono: ownVersion('hono'),
  node: process.version,
};
const times = (ratio: number) => `${ratio >= 10 ? round(ratio, 0) : round(ratio, 1)}×`;
const ratioRow = (label: string, r: typeof vsDirect) => [
  label,
  times(r.cpu),
  '',
  times(r.wall),
  '',
  times(r.bytesIn),
  times(r.bytesOut),
];

await publish({
  name: 'direct-upload',
  title: '4. Why direct upload',
  columns: [
    'approach',
    `app-server CPU s / ${UPLOADS} uploads`,
    'CPU ms / upload',
    `wall s / ${UPLOADS} uploads`,
    'MB/s',
    'app-server bytes in',
    'app-server bytes out',
  ],
  rows: [
    ...approaches.map((a) => [
      a.label,
      round(m[a.id].cpuSeconds, 3),
      round((m[a.id].cpuSeconds * 1000) / UPLOADS, 2),
      round(m[a.id].wallSeconds, 2),
      round(megabytes / m[a.id].wallSeconds, 1),
      formatBytes(m[a.id].bytesRead),
      formatBytes(m[a.id].bytesWritten),
    ]),
    ratioRow('2-hop ÷ direct, token cache off', vsDirect),
    ratioRow('2-hop ÷ direct as shipped', vsShipped),
    ratioRow('2-hop ÷ floor', vsFloor),
  ],
  goals: [
    {
      goal: '2-hop app-server CPU ÷ ours ≥ 100× (both checking an RS256 token per upload)',
      measured: `${times(vsDirect.cpu)} (${round(m.twoHop.cpuSeconds, 2)} s vs ${round(m.direct.cpuSeconds, 3)} s per ${UPLOADS} uploads); ${times(vsShipped.cpu)} with the signer as shipped; ${times(vsFloor.cpu)} against the floor`,
      met: vsDirect.cpu >= 100,
    },
  ],
  notes: [
    `${UPLOADS} uploads of ${formatBytes(SIZE)} (random bytes sent as ${TYPE}) per approach, at most ${CONCURRENCY} in flight, ${USERS} users' RS256 tokens in turn. Warm-up per approach, not counted: ${WARM_UP.small} uploads of ${formatBytes(SMALL_SIZE)}, then ${WARM_UP.full} of ${formatBytes(SIZE)}. Then ${ROUNDS} round${ROUNDS === 1 ? '' : 's'}, the approaches taking turns, fresh keys each time; medians.`,
    'The app servers run pinned to core 0 (only the measured one is busy); s3rver (its own process), the client (this Node process, fetch) and the OIDC issuer on core 1. The client’s and s3rver’s CPU is not counted.',
    'App-server CPU: the server process’s run time summed over all its threads from /proc/<pid>/task/*/schedstat (ns), from before the first request to after the last object was checked; utime + stime from /proc/<pid>/stat (10 ms ticks) agree and are in the JSON. Bytes in/out: the process’s rchar/wchar from /proc/<pid>/io (socket reads and writes).',
    `2-hop (bench/direct-upload/two-hop-server.mjs, the tutorial’s server): express ${versions.express}; the RS256 JWT checked with jsonwebtoken ${versions.jsonwebtoken} against the issuer’s public key; multer ${versions.multer} (memoryStorage, upload.single('file')) buffers the file; aws-sdk ${versions['aws-sdk']} s3.upload() sends the buffer to s3rver (path style; one PutObject, below its 5 MiB part size); answers JSON with the key.`,
    `Direct: the signer bundled like its Lambda (hono ${versions.hono}), the RS256 token checked through OIDC discovery + JWKS; the client POSTs /v1/uploads for each file (as the widget does), gets a single-PUT ticket (below the 16 MiB multipart threshold) and PUTs the bytes to s3rver with the signed URL and headers. “Token cache off” (AUTH_TOKEN_CACHE_SIZE=0) checks the signature on every request like the 2-hop server; “as shipped” remembers verified tokens, so the ${USERS} returning users cost no check.`,
    'Floor, a reference and not a product: the same client asks a bare Hono hello route (bench/hello-hono.ts) once per file, then PUTs the file unsigned to s3rver. It is what any design that asks its app server once per upload pays at least on this machine: a request that arrives alone (here a few dozen a second) costs several times the CPU it costs under saturating load, as in the signer benchmark, so 2-hop ÷ floor bounds the ratio any ticket server can reach here.',
    'Every round HEADs all its objects in s3rver and fails unless each exists with the uploaded size; then they are deleted.',
    `Over plain http aws-sdk v2 signs the payload, SHA-256 of every byte (over https to AWS it sends UNSIGNED-PAYLOAD and pays for TLS instead): ${round(sha256CpuSeconds, 2)} s of CPU for ${round(megabytes, 1)} MB on this machine; without it the 2-hop server would still spend ${times(vsDirect.cpuWithoutPayloadHashing)} the CPU of the signer with its cache off.`,
    'Wall time is bound by core 1, where s3rver and the client share a core; the 2-hop way also moves every byte twice.',
  ],
  data: {
    sizeBytes: SIZE,
    uploads: UPLOADS,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    warmUp: { ...WARM_UP, smallSizeBytes: SMALL_SIZE },
    cpuSource: '/proc/<pid>/task/*/schedstat run time (ns), summed over threads',
    samples,
    medians: m,
    ratios: {
      vsSignerWithoutTokenCache: roundAll(vsDirect),
      vsSignerAsShipped: roundAll(vsShipped),
      vsFloor: roundAll(vsFloor),
    },
    sha256CpuSecondsForAllPayloads: round(sha256CpuSeconds, 3),
    coldStartMs: Object.fromEntries(approaches.map((a) => [a.id, Math.round(a.server.coldStartMs)])),
    versions,
  },
});

/** Starts s3rver in its own process on core 1 and waits for its endpoint. */
async function startS3(): Promise<{ child: ChildProcess; endpoint: string }> {
  const file = join(import.meta.dirname, 'direct-upload', 's3-server.ts');
  const child = spawn('taskset', ['-c', '1', process.execPath, '--import', 'tsx', file], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, S3_DIRECTORY: s3Directory, S3_BUCKET: BUCKET, NODE_NO_WARNINGS: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`s3rver exited with code ${code}`)));
  });
  return { child, endpoint: (JSON.parse(line) as { endpoint: string }).endpoint };
}

/** Starts an app server on core 0 on a free port and waits until `healthPath` answers. */
async function start(
  file: string,
  healthPath: string,
  env: (port: string) => Record<string, string>,
): Promise<Served & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const served = await serveOnCore0(file, env(String(port)), () => fetch(`${url}${healthPath}`));
  children.push(served.child);
  return { ...served, url };
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${round(n / 1e6, 1)} MB` : `${round(n / 1e3, 1)} KB`;
}

function roundAll(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, round(value, 2)]));
}
