/**
 * What a process has spent, read from outside through /proc (Linux), so neither server needs
 * instrumenting.
 *
 * CPU is the sum over the process's threads of `/proc/<pid>/task/<tid>/schedstat`'s first field,
 * the scheduler's own run time in nanoseconds: the main thread, libuv's pool and V8's GC and
 * compiler threads alike. `/proc/<pid>/stat`'s utime + stime say the same in clock ticks (10 ms
 * here), too coarse for the signer's few milliseconds; they are kept as a cross-check.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessStats {
  /** CPU time of all threads, in seconds (ns resolution). */
  cpuSeconds: number;
  /** utime + stime in seconds, at clock-tick resolution. */
  tickCpuSeconds: number;
  /** Bytes the process read and wrote through syscalls: sockets included (`rchar`, `wchar`). */
  bytesRead: number;
  bytesWritten: number;
}

// USER_HZ is 100 on every mainstream Linux build (`getconf CLK_TCK`).
const TICKS_PER_SECOND = 100;

/** A snapshot of `pid`'s counters; subtract two with `since`. */
export function processStats(pid: number): ProcessStats {
  let nanoseconds = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      nanoseconds += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between the listing and the read. Node's threads live as long as the
      // process, so this does not happen to the servers measured here.
    }
  }
  // Fields after the command name, which is in parentheses and may hold spaces (proc(5)).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const counter = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(io)?.[1]);
  return {
    cpuSeconds: nanoseconds / 1e9,
    tickCpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    bytesRead: counter('rchar'),
    bytesWritten: counter('wchar'),
  };
}

/** `after - before`, field by field. */
export function since(before: ProcessStats, after: ProcessStats): ProcessStats {
  return {
    cpuSeconds: after.cpuSeconds - before.cpuSeconds,
    tickCpuSeconds: after.tickCpuSeconds - before.tickCpuSeconds,
    bytesRead: after.bytesRead - before.bytesRead,
    bytesWritten: after.bytesWritten - before.bytesWritten,
  };
}
