/**
 * Benchmark plumbing: bundle an entry like a Lambda artifact, spawn it pinned to one core,
 * time its cold start, and load it with wrk pinned to the other core.
 */
import { build, type Metafile } from 'esbuild';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

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
 * @param root the tree `entry` is in (default: the current directory, this checkout)
 */
export async function bundle(entry: string, name: string, root?: string): Promise<string> {
  return (await bundleWithInputs(entry, name, root)).file;
}

async function bundleWithInputs(
  entry: string,
  name: string,
  root = process.cwd(),
): Promise<{ file: string; inputs: string[] }> {
  const outdir = join(workDir, name);
  const { metafile } = await build({
    absWorkingDir: root,
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
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.keys((metafile as Metafile).inputs).map((input) => resolve(root, input));
  return { file: join(outdir, `${name}.mjs`), inputs };
}

/** The repository this file is in: the current checkout. */
const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * Bundles `entry` as it was at the git commit `ref` (a branch, tag or hash of this repository),
 * for an A/B run of the same benchmark against older code. The commit's files are extracted with
 * `git archive` into a temporary folder; its packages are this checkout's node_modules when every
 * package the bundle takes from them is at the version the commit's package-lock.json pins (a
 * check on esbuild's list of inputs, so a changed dependency the entry does not use costs
 * nothing), and otherwise the commit's own, from `npm ci` in that folder.
 * @returns the bundle and the full hash of the commit
 * @throws Error when `ref` names no commit, or when the bundle would take a file from this
 *   checkout's own tree (a workspace package linked in node_modules) rather than the commit's
 */
export async function bundleAtRef(
  ref: string,
  entry: string,
  name: string,
): Promise<{ file: string; commit: string; packages: 'current' | 'npm ci' }> {
  const commit = execFileSync('git', ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).trim();
  const root = join(workDir, `at-${commit.slice(0, 12)}`);
  mkdirSync(root);
  execFileSync('sh', ['-c', 'git archive "$1" | tar -x -C "$2"', 'sh', commit, root], { cwd: repoRoot });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  const built = await bundleWithInputs(entry, name, root);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const differs = new Set<string>();
  for (const input of built.inputs) {
    // Through the node_modules link: esbuild names inputs by their real path, but be sure.
    const inRepo = relative(repoRoot, realpathSync(input));
    if (inRepo.startsWith('..')) continue; // the commit's own files, in `root`
    // node_modules/a/node_modules/@b/c/dist/x.js → node_modules/a/node_modules/@b/c
    const packagePath = /^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+/.exec(`${inRepo}/`)?.[0].slice(0, -1);
    if (!packagePath) {
      throw new Error(`the bundle of ${entry} at ${ref} would take ${inRepo} from the current checkout`);
    }
    const installed = (
      JSON.parse(readFileSync(join(repoRoot, packagePath, 'package.json'), 'utf8')) as { version: string }
    ).version;
    if (lock.packages[packagePath]?.version !== installed) differs.add(packagePath);
  }
  if (differs.size === 0) return { file: built.file, commit, packages: 'current' };
  console.log(`${ref}: ${[...differs].join(', ')} differ from its lockfile; npm ci in ${root}…`);
  unlinkSync(join(root, 'node_modules'));
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  return { file: await bundle(entry, name, root), commit, packages: 'npm ci' };
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
