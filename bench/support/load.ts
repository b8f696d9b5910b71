/**
 * Benchmark plumbing: bundle an entry like a Lambda artifact, spawn it pinned to one core,
 * time its cold start, and load it with wrk pinned to the other core.
 */
import { build } from 'esbuild';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  child: ChildProcess;
  /** Milliseconds from spawn to the first successful response. */
  coldStartMs: number;
  /** Kills the server and resolves once it has exited (so it no longer competes for core 0). */
  stop(): Promise<void>;
}

export interface WrkResult {
  /** Requests completed in the run. */
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
}

const workDir = mkdtempSync(join(tmpdir(), 'bench-'));

/**
 * Bundles `entry` to ESM the way the Lambda build does: code split, so modules loaded with
 * `import()` (the S3 client) sit in their own chunk and cost nothing at cold start.
 */
export async function bundle(entry: string, name: string): Promise<string> {
  const outdir = join(workDir, name);
  await build({
    entryPoints: { [name]: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: process.env.BENCH_MINIFY !== '0',
    // The AWS SDK's ESM build; without it esbuild picks CJS and the bundle dies on `require`.
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'error',
  });
  return join(outdir, `${name}.mjs`);
}

/** Spawns `node file` (or `node args…` when `file` is an array) on core 0 and waits for `probe` to answer 2xx. */
export async function serveOnCore0(
  file: string | string[],
  env: Record<string, string>,
  probe: () => Promise<Response>,
): Promise<Served> {
  const started = performance.now();
  const child = spawn('taskset', ['-c', '0', process.execPath, ...[file].flat()], {
    env: { ...process.env, ...env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = started + 10_000;
  for (;;) {
    try {
      const response = await probe();
      if (response.ok) break;
      throw new Error(`probe answered ${response.status}`);
    } catch (error) {
      if (performance.now() > deadline) {
        child.kill();
        throw new Error(`server did not answer in time`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    coldStartMs: performance.now() - started,
    stop: () => {
      child.kill();
      return exited;
    },
  };
}

/** Runs wrk on core 1 against `url` for `seconds`, optionally with a Lua script. */
export function wrk(url: string, seconds: number, luaScript?: string): WrkResult {
  const args = ['-c', '1', 'wrk', '-t1', '-c64', `-d${seconds}s`, '--latency'];
  if (luaScript) {
    const scriptFile = join(workDir, `script-${Date.now()}.lua`);
    writeFileSync(scriptFile, luaScript);
    args.push('-s', scriptFile);
  }
  const out = execFileSync('taskset', [...args, url], { encoding: 'utf8' });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1]),
    requestsPerSecond: Math.round(rps),
    p50Ms: toMs(/50%\s+([\d.]+\w+)/.exec(out)?.[1]),
    p99Ms: toMs(/99%\s+([\d.]+\w+)/.exec(out)?.[1]),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0),
  };
}

function toMs(value: string | undefined): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(value ?? '');
  if (!match) return NaN;
  const n = Number(match[1]);
  const ms = match[2] === 'us' ? n / 1000 : match[2] === 's' ? n * 1000 : n;
  return Math.round(ms * 1000) / 1000;
}

/** Jiffies of one core from /proc/stat: all of them, and those the hypervisor stole. */
export function coreTicks(core: number): { total: number; steal: number } {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${core} `));
  // user nice system idle iowait irq softirq steal guest guest_nice
  const fields = (line ?? '').trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
}

/**
 * Busy core-seconds of the whole machine since boot, from /proc/stat's `cpu` line: every jiffy but
 * idle and iowait (USER_HZ, 100 a second on Linux), stolen ones included. The difference between
 * two readings is the CPU time everything on the machine used in between.
 */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n', 1)[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number);
  const all = fields.reduce((a, b) => a + b, 0);
  return (all - (fields[3] ?? 0) - (fields[4] ?? 0)) / 100;
}

/** The share of a core's time the hypervisor stole between two readings of coreTicks(). */
export function stealShare(
  before: { total: number; steal: number },
  after: { total: number; steal: number },
): number {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}
