/**
 * This process's descendants and their resident memory by name, read from /proc (Linux): how the
 * benchmark checks that radosgw's memstore OSD gives back what deleted objects used. Only
 * descendants count, so a radosgw that another test run started is never measured.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** The processes this one started, and theirs, with their names (empty where /proc is missing). */
export function descendants(): { pid: number; name: string }[] {
  const processes = new Map<number, { parent: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (name) state ppid …"; the name may hold spaces and parentheses.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      processes.set(Number(entry), { parent, name });
    } catch {
      // gone since readdir
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let up = processes.get(pid)?.parent; up; up = processes.get(up)?.parent)
      if (up === process.pid) return true;
    return false;
  };
  return [...processes].filter(([pid]) => isDescendant(pid)).map(([pid, { name }]) => ({ pid, name }));
}

/** MiB resident per process name (summed over processes of that name) among the descendants. */
export function descendantMemory(names: RegExp): Record<string, number> {
  const memory: Record<string, number> = {};
  for (const { pid, name } of descendants()) {
    if (!names.test(name)) continue;
    try {
      const kib = Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      memory[name] = Math.round((memory[name] ?? 0) + kib / 1024);
    } catch {
      // gone since
    }
  }
  return memory;
}
