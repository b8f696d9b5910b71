/**
 * Where an upload's CPU goes: the busy core-seconds of every thread of this process and its
 * descendants (Chromium's processes, radosgw's daemons), read from /proc (Linux, as the
 * benchmark's other CPU figures) and grouped by what the thread does. A thread that ends between
 * two readings takes its time with it, so the parts add up to a little less than the machine's
 * figure, which also counts everything else running.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { descendants } from './child-memory.js';

export const CPU_PARTS = ['worker', 'page', 'bytes', 's3', 'node'] as const;
export type CpuPart = (typeof CPU_PARTS)[number];

/** What each part is, for the benchmark's notes. */
export const CPU_PART_LABELS: Record<CpuPart, string> = {
  worker: "Chromium's Worker (the widget's MD5: hash-wasm and reading the parts)",
  page: "Chromium's page (main thread: progress, rendering, requests) and compositors",
  bytes:
    "Chromium's I/O (browser, network and renderer I/O threads and pools: the file's bytes read and sent)",
  s3: 'the S3 (radosgw, ceph-osd, ceph-mon; s3rver runs in Node)',
  node: 'Node (signer, identity provider, s3rver, Playwright)',
};

const read = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return ''; // gone in between
  }
};
const list = (path: string): string[] => {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
};

/** The part a thread's time counts to, or undefined for processes the benchmark does not own. */
function partOf(pid: number, name: string, thread: string): CpuPart | undefined {
  if (pid === process.pid) return 'node';
  // Chromium rewrites its command line into one string (its process title).
  const command = read(`/proc/${pid}/cmdline`).replace(/\0/g, ' ');
  if (/^\S*chrom/i.test(command)) {
    if (thread.startsWith('DedicatedWorker')) return 'worker';
    // Linux keeps a process's main thread named after the program ("chromium").
    const main = thread === 'chromium' && /--type=(renderer|gpu-process)/.test(command);
    return main || /^(Compositor|VizCompositor)/.test(thread) ? 'page' : 'bytes';
  }
  return /^(radosgw|ceph-osd|ceph-mon)$/.test(name) ? 's3' : undefined;
}

/** Busy core-seconds so far of each part (USER_HZ ticks, 100 a second); subtract two readings. */
export function cpuSplit(): Record<CpuPart, number> {
  const split = Object.fromEntries(CPU_PARTS.map((part) => [part, 0])) as Record<CpuPart, number>;
  for (const { pid, name } of [{ pid: process.pid, name: 'node' }, ...descendants()]) {
    for (const tid of list(`/proc/${pid}/task`)) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      const part = stat && partOf(pid, name, stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
      if (!part) continue;
      // utime and stime: fields 14 and 15, the 12th and 13th after the command's closing bracket.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      split[part] += (Number(fields[11]) + Number(fields[12])) / 100;
    }
  }
  return split;
}

/** What each part used between two readings of `cpuSplit()`. */
export const cpuSince = (before: Record<CpuPart, number>): Record<CpuPart, number> => {
  const now = cpuSplit();
  return Object.fromEntries(CPU_PARTS.map((part) => [part, now[part] - before[part]])) as Record<
    CpuPart,
    number
  >;
};
