/**
 * Benchmarks 2 and 3: the signer's throughput, latency, CPU per request and cold start, next to
 * the seed tutorial's express + aws-sdk v2 server (as written, and with a `jsonwebtoken` check so
 * that both verify a token) and a bare Hono hello route, all measured in this one run.
 *
 * Servers run pinned to core 0, wrk (one thread, 64 connections) on core 1. Each server is
 * spawned COLD_STARTS times; every spawn times spawn → first good response, and the last
 * LOAD_RUNS spawns are also loaded (a warm-up, then the measured run). Figures are medians.
 * Writes bench/results/signer.json and bench/results/cold-start.json.
 *
 * "ours, shared limiter" is the same signer with `QUOTA_TABLE` set, on dynalite (its own process,
 * on neither pinned core; not this one, whose event loop wrk's synchronous run blocks): each request
 * takes its token from the owner's bucket in the table and reserves its file's size there, two
 * conditional updates (issue 19).
 *
 * A/B against older code, in the same run: `BENCH_SIGNER_BASELINE=<git ref>` adds "ours at <ref>",
 * the signer's Node entry bundled from that commit (bench/support/load.ts, bundleAtRef), given the
 * same settings and tokens as "ours, RS256" and spawned right next to it in every round (the two
 * take turns going first), so the host's drift falls on both; the report gives current ÷ baseline
 * for CPU per request and req/s, per round and as the median. `BENCH_SIGNER_AB=1` runs only those
 * two and prints their table without writing bench/results (quick iterations).
 * `BENCH_SIGNER_CPU_PROF=<dir>` makes both write a V8 CPU profile of each loaded spawn into
 * <dir>/<current|baseline>/ (open in Chrome DevTools, or sum self-time by function).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { startTestIssuer } from '../signer/test-support/key-server.js';
import { TEST_OWNER_ID_SECRET } from '../signer/test-support/test-app.js';
import { freePort } from '../stack/free-port.js';
import { createDynamoDbClient, createQuotaTable } from '../quota/index.js';
import { competitorVersion, ensureCompetitors, ownVersion } from './support/competitors.js';
import {
  bundle,
  bundleAtRef,
  coreTicks,
  serveOnCore0,
  stealShare,
  wrk,
  type WrkResult,
} from './support/load.js';
import { processStats } from './support/process-stats.js';
import { median, publish, renderReport, round, smoke } from './support/report.js';

const SECONDS = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 8);
const WARM_UP_SECONDS = smoke ? 0 : 2;
const COLD_STARTS = smoke ? 1 : 9;
// Load runs per server, each in a fresh process: this VM's timing swings by ±30% from one run to
// the next (CPU steal; ours went 5245 / 6568 / 7748 req/s in one run of three), so one run says
// little; the median of 5 says more.
const LOAD_RUNS = smoke ? 1 : 5;
const USERS = 500;
const baselineRef = process.env.BENCH_SIGNER_BASELINE || undefined;
const abOnly = process.env.BENCH_SIGNER_AB === '1';
if (abOnly && !baselineRef) throw new TypeError('BENCH_SIGNER_AB=1 needs BENCH_SIGNER_BASELINE=<git ref>');
const cpuProfileDir = process.env.BENCH_SIGNER_CPU_PROF
  ? resolve(process.env.BENCH_SIGNER_CPU_PROF)
  : undefined;

if (!abOnly) ensureCompetitors();

// Local OIDC issuers, one RS256 and one ES256: keys fetched once by discovery, tokens from USERS
// distinct users.
const audience = 'https://signer.bench';
const [rs256, es256] = await Promise.all([
  startTestIssuer(audience, { alg: 'RS256' }),
  startTestIssuer(audience, { alg: 'ES256' }),
]);
const [rs256Tokens, es256Tokens] = await Promise.all([rs256.tokens(USERS), es256.tokens(USERS)]);
const dynamodb = abOnly ? { env: {}, close: async () => {} } : await startDynalite();

/** dynalite in a child process (in memory), with the quota table; its env for the signer. */
async function startDynalite() {
  const port = await freePort();
  const cli = createRequire(import.meta.url).resolve('dynalite/cli.js');
  const child = spawn(
    process.execPath,
    [cli, '--host', '127.0.0.1', '--port', String(port), '--createTableMs', '0'],
    {
      stdio: 'ignore',
    },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const client = createDynamoDbClient({ endpoint });
  for (let attempt = 0; ; attempt++) {
    try {
      await createQuotaTable(client, 'bench-quota');
      break;
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  client.destroy();
  return {
    env: { QUOTA_TABLE: 'bench-quota', DYNAMODB_ENDPOINT: endpoint },
    close: async () => void child.kill(),
  };
}

const s3 = {
  S3_BUCKET: 'bench-bucket',
  S3_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIABENCHEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
};
const signerEnv = (extra: Record<string, string> = {}) => ({
  ...s3,
  AUTH_ISSUERS: JSON.stringify([
    { issuer: rs256.issuer, audience },
    { issuer: es256.issuer, audience, algorithms: ['ES256'] },
  ]),
  OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_BURST: '1000000',
  ...extra,
});
const seedEnv = (withAuth: boolean) => ({
  ...s3,
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  ...(withAuth
    ? { JWT_PUBLIC_KEY: rs256.publicKeyPem, JWT_ISSUER: rs256.issuer, JWT_AUDIENCE: audience }
    : {}),
});

/** A request the load generator repeats; `tokens` rotate so the run covers USERS callers. */
interface Workload {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  tokens?: string[];
}

const ourRequest = (tokens: string[]): Workload => ({
  method: 'POST',
  path: '/v1/uploads',
  body: JSON.stringify({ files: [{ name: 'photo.jpg', type: 'image/jpeg', size: 3_000_000 }] }),
  tokens,
});
const seedRequest = (tokens?: string[]): Workload => ({
  method: 'POST',
  path: '/api/upload',
  body: JSON.stringify({ fileType: 'image/jpeg' }),
  tokens,
});

function luaScript(work: Workload): string | undefined {
  if (work.method === 'GET') return undefined;
  const tokens = work.tokens ?? [];
  return `
local tokens = { ${tokens.map((t) => `"${t}"`).join(',')} }
local i = 0
request = function()
  local headers = { ["Content-Type"] = "application/json" }
  if #tokens > 0 then
    i = i % #tokens + 1
    headers["Authorization"] = "Bearer " .. tokens[i]
  end
  return wrk.format("${work.method}", "${work.path}", headers, '${work.body}')
end`;
}

function probe(url: string, work: Workload): () => Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (work.tokens) headers.authorization = `Bearer ${work.tokens[0]}`;
  return () =>
    work.method === 'GET' ? fetch(url) : fetch(url, { method: 'POST', headers, body: work.body });
}

interface Contestant {
  name: string;
  /** What a request does. */
  does: string;
  /** `node <args>`: the bundled file, or the competitor's script. */
  args: string[];
  env: Record<string, string>;
  work: Workload;
}

interface Measured {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU seconds (user + system) per 1,000 requests, measured over the loaded runs. */
  cpuSecondsPer1000: number;
  /** The share of core 0 the hypervisor stole during each loaded run (/proc/stat). */
  stealPercent: number[];
  non2xx: number;
  coldStartMs: number;
  samples: { requestsPerSecond: number[]; cpuSecondsPer1000: number[]; coldStartMs: number[] };
}

interface Samples {
  coldStarts: number[];
  loads: (WrkResult & { cpuSecondsPer1000: number; stealPercent: number })[];
}

/** One spawn of a contestant: its cold start, and a load run when `loaded`. */
async function spawnOnce(contestant: Contestant, samples: Samples, loaded: boolean): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}${contestant.work.path}`;
  const served = await serveOnCore0(
    contestant.args,
    { ...contestant.env, PORT: String(port), SIGNER_PORT: String(port) },
    probe(url, contestant.work),
  );
  try {
    samples.coldStarts.push(served.coldStartMs);
    if (!loaded) return;
    const script = luaScript(contestant.work);
    if (WARM_UP_SECONDS) wrk(url, WARM_UP_SECONDS, script);
    const cpuBefore = processStats(served.child.pid!).cpuSeconds;
    const ticksBefore = coreTicks(0);
    const load = wrk(url, SECONDS, script);
    const stealPercent = Math.round(stealShare(ticksBefore, coreTicks(0)) * 100);
    const cpu = processStats(served.child.pid!).cpuSeconds - cpuBefore;
    samples.loads.push({ ...load, cpuSecondsPer1000: (cpu / load.requests) * 1000, stealPercent });
  } finally {
    await served.stop();
  }
}

function summarise({ coldStarts, loads }: Samples): Measured {
  const rps = loads.map((l) => l.requestsPerSecond);
  const cpu = loads.map((l) => round(l.cpuSecondsPer1000, 3));
  return {
    requestsPerSecond: median(rps),
    p50Ms: median(loads.map((l) => l.p50Ms)),
    p99Ms: median(loads.map((l) => l.p99Ms)),
    cpuSecondsPer1000: median(cpu),
    non2xx: loads.reduce((n, l) => n + l.non2xx, 0),
    stealPercent: loads.map((l) => l.stealPercent),
    coldStartMs: Math.round(median(coldStarts)),
    samples: { requestsPerSecond: rps, cpuSecondsPer1000: cpu, coldStartMs: coldStarts.map(Math.round) },
  };
}

const signerFile = await bundle('signer/node.ts', 'signer');
const baselineBuild = baselineRef
  ? await bundleAtRef(baselineRef, 'signer/node.ts', 'signer-baseline')
  : undefined;
/** `node` flags that write a CPU profile of each spawn into <BENCH_SIGNER_CPU_PROF>/<folder>. */
const profiled = (folder: string) =>
  cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfileDir, folder)}`] : [];
const helloFile = await bundle('bench/hello-hono.ts', 'hello');
const seedServer = join(import.meta.dirname, 'seed-signer', 'server.mjs');
const contestants = {
  oursRs256: {
    name: 'ours, RS256',
    does: 'verify RS256 JWT (JWKS by discovery) + rules + presign a single PUT signing 12 headers (type, length, If-None-Match, x-amz-acl, the stored Content-Disposition, Content-Encoding and Cache-Control, and the name, visibility, iss, sub and page metadata as x-amz-meta-*)',
    args: [...profiled('current'), signerFile],
    env: signerEnv(),
    work: ourRequest(rs256Tokens),
  },
  oursEs256: {
    name: 'ours, ES256',
    does: 'verify ES256 JWT + rules + presign PUT',
    args: [signerFile],
    env: signerEnv(),
    work: ourRequest(es256Tokens),
  },
  oursUncached: {
    name: 'ours, RS256, token cache off',
    does: 'as ours, RS256, but every request verifies its signature',
    args: [signerFile],
    env: signerEnv({ AUTH_TOKEN_CACHE_SIZE: '0' }),
    work: ourRequest(rs256Tokens),
  },
  oursShared: {
    name: 'ours, RS256, shared limiter',
    does: 'as ours, RS256, with QUOTA_TABLE on dynalite: the token bucket and the quota reservation in the table (one conditional update each)',
    args: [signerFile],
    env: signerEnv(dynamodb.env),
    work: ourRequest(rs256Tokens),
  },
  seedWithAuth: {
    name: 'seed + jsonwebtoken RS256',
    does: 'express + jsonwebtoken.verify RS256 + aws-sdk v2 getSignedUrl',
    args: [seedServer],
    env: seedEnv(true),
    work: seedRequest(rs256Tokens),
  },
  seed: {
    name: 'seed as written (no auth)',
    does: 'express + aws-sdk v2 getSignedUrl',
    args: [seedServer],
    env: seedEnv(false),
    work: seedRequest(),
  },
  bareHono: {
    name: 'bare Hono hello',
    does: 'GET / → "hello" on @hono/node-server',
    args: [helloFile],
    env: {},
    work: { method: 'GET', path: '/' },
  },
} satisfies Record<string, Contestant>;
// Not a key of `contestants`: the table and the goals below read those by name, and this one is
// there only when asked for.
const baseline: Contestant | undefined = baselineBuild && {
  name: baselineBuild.commit.startsWith(baselineRef!)
    ? `ours at ${baselineRef}`
    : `ours at ${baselineRef} (${baselineBuild.commit.slice(0, 7)})`,
  does: `as ours, RS256, bundled from commit ${baselineBuild.commit.slice(0, 7)} with ${baselineBuild.packages === 'current' ? 'the same packages (its lockfile pins the versions installed here)' : 'its own packages (npm ci)'}; spawned next to ours in every round, taking turns to go first`,
  args: [...profiled('baseline'), baselineBuild.file],
  // The same settings: any the older code does not read are harmless.
  env: contestants.oursRs256.env,
  work: contestants.oursRs256.work,
};

// Rounds, not one contestant after another: each round spawns every contestant once, so the
// host's slow swings in CPU steal fall on all of them alike rather than on whoever ran then.
type Key = keyof typeof contestants;
const keys = abOnly ? (['oursRs256'] as Key[]) : (Object.keys(contestants) as Key[]);
const samples = Object.fromEntries(
  keys.map((key): [Key, Samples] => [key, { coldStarts: [], loads: [] }]),
) as Record<Key, Samples>;
const baselineSamples: Samples = { coldStarts: [], loads: [] };
for (let round = 0; round < COLD_STARTS; round++) {
  const loaded = round >= COLD_STARTS - LOAD_RUNS;
  console.log(`round ${round + 1} of ${COLD_STARTS}${loaded ? ' (cold start + load)' : ' (cold start)'}…`);
  for (const key of keys) {
    if (key !== 'oursRs256' || !baseline) {
      await spawnOnce(contestants[key], samples[key], loaded);
      continue;
    }
    const pair = [
      () => spawnOnce(contestants.oursRs256, samples.oursRs256, loaded),
      () => spawnOnce(baseline, baselineSamples, loaded),
    ];
    for (const run of round % 2 ? pair.reverse() : pair) await run();
  }
}
await Promise.all([rs256.close(), es256.close(), dynamodb.close()]);

/** Current ÷ baseline, CPU per request and req/s: the medians' ratio and each round's. */
function versusBaseline() {
  const current = summarise(samples.oursRs256);
  const base = summarise(baselineSamples);
  const perRound = (pick: (l: Samples['loads'][number]) => number) =>
    samples.oursRs256.loads.map((l, i) => round(pick(l) / pick(baselineSamples.loads[i]!), 3));
  const cpuPerRound = perRound((l) => l.cpuSecondsPer1000);
  const rpsPerRound = perRound((l) => l.requestsPerSecond);
  return {
    baseline: base,
    cpu: round(current.cpuSecondsPer1000 / base.cpuSecondsPer1000, 3),
    requestsPerSecond: round(current.requestsPerSecond / base.requestsPerSecond, 3),
    cpuPerRound,
    rpsPerRound,
    cpuMedianOfRounds: median(cpuPerRound),
    rpsMedianOfRounds: median(rpsPerRound),
  };
}
const ab = baseline ? versusBaseline() : undefined;
const abGoal = ab && {
  goal: `within 5 % of ${baselineRef}: CPU per request ≤ 1.05× and req/s ≥ 0.95× (current ÷ baseline, median of the rounds' ratios)`,
  measured: `CPU ${ab.cpuMedianOfRounds}× (rounds ${ab.cpuPerRound.join(' / ')}; medians ${summarise(samples.oursRs256).cpuSecondsPer1000} vs ${ab.baseline.cpuSecondsPer1000} s per 1,000), req/s ${ab.rpsMedianOfRounds}× (rounds ${ab.rpsPerRound.join(' / ')})`,
  met: ab.cpuMedianOfRounds <= 1.05 && ab.rpsMedianOfRounds >= 0.95,
};
const measured = Object.fromEntries(keys.map((key) => [key, summarise(samples[key])])) as Record<
  Key,
  Measured
>;

/** A table row of a contestant's figures; `vs ours` is ours' req/s over theirs. */
const row = (name: string, m: Measured, ours: Measured) => [
  name,
  m.requestsPerSecond,
  round(m.p50Ms),
  round(m.p99Ms),
  round(m.cpuSecondsPer1000, 3),
  `${round(ours.requestsPerSecond / m.requestsPerSecond)}×`,
  m.samples.requestsPerSecond.join(' / ') + (m.non2xx ? ` (${m.non2xx} non-2xx)` : ''),
  m.stealPercent.join(' / '),
];
const columns = [
  'server',
  'req/s',
  'p50 ms',
  'p99 ms',
  'CPU s / 1,000 req',
  'vs ours',
  'runs (req/s)',
  'core-0 steal % per run',
];

if (abOnly) {
  const ours = measured.oursRs256;
  console.log(
    renderReport({
      name: 'signer-ab',
      title: `Signer A/B: ours vs ${baselineRef}`,
      columns,
      rows: [row(contestants.oursRs256.name, ours, ours), row(baseline!.name, ab!.baseline, ours)],
      goals: [abGoal!],
      notes: [
        `CPU s per 1,000 requests per run: ours ${ours.samples.cpuSecondsPer1000.join(' / ')}, baseline ${ab!.baseline.samples.cpuSecondsPer1000.join(' / ')}.`,
      ],
      data: undefined,
    }),
  );
  process.exit(0);
}

const ours = measured.oursRs256;
const vsSeedWithAuth = ours.requestsPerSecond / measured.seedWithAuth.requestsPerSecond;
const vsBareHono = ours.requestsPerSecond / measured.bareHono.requestsPerSecond;
const shared = measured.oursShared;
const coldStartRatio = ours.coldStartMs / measured.bareHono.coldStartMs;
const versions = {
  node: process.version,
  hono: ownVersion('hono'),
  '@hono/node-server': ownVersion('@hono/node-server'),
  jose: ownVersion('jose'),
  express: competitorVersion('express'),
  'aws-sdk': competitorVersion('aws-sdk'),
  jsonwebtoken: competitorVersion('jsonwebtoken'),
  uuid: competitorVersion('uuid'),
};
const method = [
  `One run in ${COLD_STARTS} rounds; each round spawns every server once, in turn, pinned to core 0 (taskset); in the last ${LOAD_RUNS} rounds each is loaded by wrk -t1 -c64 pinned to core 1 for ${WARM_UP_SECONDS} s of warm-up, then ${SECONDS} s measured. Figures are medians over those runs; server CPU is the run time of all its threads (/proc/<pid>/task/*/schedstat, bench/support/process-stats.ts) around the measured run, and the share of core 0 that the hypervisor stole meanwhile from /proc/stat (this VM's host takes up to a quarter of a core at times, which is most of the spread between runs).`,
  `Our signer is the bundled Node entry (signer/node.ts, esbuild, minified, as deployed); its callers rotate through ${USERS} users' tokens, issued by a local OIDC issuer with discovery + JWKS. The seed server (bench/seed-signer/server.mjs) runs from node_modules, as its tutorial does.`,
  `Versions: ${Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}.`,
];

await publish({
  name: 'signer',
  title: '2. Signer throughput and latency',
  columns,
  rows: Object.entries(contestants).flatMap(([key, contestant]) => [
    row(contestant.name, measured[key as Key], ours),
    ...(key === 'oursRs256' && baseline ? [row(baseline.name, ab!.baseline, ours)] : []),
  ]),
  goals: [
    ...(abGoal ? [abGoal] : []),
    {
      goal: '≥ 10× the seed with auth (req/s)',
      measured: `${round(vsSeedWithAuth, 1)}× (${ours.requestsPerSecond} vs ${measured.seedWithAuth.requestsPerSecond} req/s); by server CPU per request ${round(measured.seedWithAuth.cpuSecondsPer1000 / ours.cpuSecondsPer1000, 1)}×`,
      met: vsSeedWithAuth >= 10,
    },
    {
      goal: 'the shared limiter (QUOTA_TABLE) is measured against the in-process one',
      measured: `${shared.requestsPerSecond} vs ${ours.requestsPerSecond} req/s (${Math.round((shared.requestsPerSecond / ours.requestsPerSecond) * 100)}%), p99 ${round(shared.p99Ms)} vs ${round(ours.p99Ms)} ms`,
      met: true,
    },
    {
      goal: '≥ 20% of bare Hono (req/s)',
      measured: `${Math.round(vsBareHono * 100)}% (${ours.requestsPerSecond} vs ${measured.bareHono.requestsPerSecond} req/s); by server CPU per request ${Math.round((measured.bareHono.cpuSecondsPer1000 / ours.cpuSecondsPer1000) * 100)}%`,
      met: vsBareHono >= 0.2,
    },
  ],
  notes: [
    ...[...Object.values(contestants), ...(baseline ? [baseline] : [])].map((c) => `- ${c.name}: ${c.does}.`),
    '',
    ...method,
    "Against older code in the same run: `BENCH_SIGNER_BASELINE=<git ref> npm run bench -- signer` bundles the signer from that commit and loads it right after ours in every round (taking turns to go first), with the same settings and tokens, and adds a goal with current ÷ baseline for CPU per request and req/s, per round and as the median; `BENCH_SIGNER_AB=1` runs those two alone and writes nothing; `BENCH_SIGNER_CPU_PROF=<dir>` writes both servers' CPU profiles.",
  ],
  data: {
    seconds: SECONDS,
    loadRuns: LOAD_RUNS,
    users: USERS,
    measured,
    ...(ab && { baseline: { ref: baselineRef, commit: baselineBuild!.commit, ...ab } }),
    ratios: {
      vsSeedWithAuth,
      vsBareHono,
      sharedVsInProcess: shared.requestsPerSecond / ours.requestsPerSecond,
    },
    versions,
  },
});

const coldRows = (['oursRs256', 'seed', 'seedWithAuth', 'bareHono'] as const).map((key) => {
  const m = measured[key];
  return [
    contestants[key].name,
    m.coldStartMs,
    Math.min(...m.samples.coldStartMs),
    Math.max(...m.samples.coldStartMs),
    `${round(m.coldStartMs / measured.bareHono.coldStartMs)}×`,
  ];
});
await publish({
  name: 'cold-start',
  title: '3. Cold start',
  columns: ['server', 'median ms', 'min ms', 'max ms', 'vs bare Hono'],
  rows: coldRows,
  goals: [
    {
      goal: '≤ 1.5× bare Hono',
      measured: `${round(coldStartRatio)}× (${ours.coldStartMs} vs ${measured.bareHono.coldStartMs} ms)`,
      met: coldStartRatio <= 1.5,
    },
  ],
  notes: [
    `Spawn → first good response, median of ${COLD_STARTS} spawns per server, pinned to core 0. Ours answers a real POST /v1/uploads: the first request fetches OIDC discovery and the JWKS, verifies RS256 and presigns. The seed answers POST /api/upload; bare Hono answers GET /.`,
    ...method.slice(1),
  ],
  data: {
    coldStarts: COLD_STARTS,
    medians: Object.fromEntries(Object.entries(measured).map(([key, m]) => [key, m.coldStartMs])),
    samples: Object.fromEntries(Object.entries(measured).map(([key, m]) => [key, m.samples.coldStartMs])),
    ratio: coldStartRatio,
    versions,
  },
});
