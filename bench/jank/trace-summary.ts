/**
 * What a page's long tasks were, from a Chrome trace (`browser.startTracing`, categories
 * devtools.timeline and v8): every task of 50 ms or more on the renderer's main thread, and the
 * self time of what ran inside them (layout, style, paint, GC, event dispatch, each script
 * function by name and file), summed over all of them and shown for the longest few.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { functionName?: string; url?: string; type?: string } };
}

const LONG_US = 50_000;

/** A readable name for a trace event: scripts by function and file, events by type. */
function label(event: TraceEvent): string {
  const data = event.args?.data;
  if (event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'v8.compile') {
    const file = (data?.url ?? '').split('/').pop() || '?';
    return `${event.name} ${data?.functionName || '(anonymous)'} @${file}`;
  }
  if (event.name === 'EventDispatch') return `EventDispatch ${data?.type ?? ''}`;
  return event.name;
}

/** The summary as text lines: the count, then self time by what ran, over all long tasks and per longest task. */
export function summariseTrace(path: string): string {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
  // The page's main thread: the renderer thread named CrRendererMain with the most tasks.
  const mains = traceEvents.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const count = (pid: number, tid: number) =>
    traceEvents.filter((e) => e.pid === pid && e.tid === tid && e.name === 'RunTask').length;
  const main = mains.sort((a, b) => count(b.pid, b.tid) - count(a.pid, a.tid))[0];
  if (!main) return 'no renderer main thread in the trace';
  const events = traceEvents
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.dur! >= LONG_US);
  const total = new Map<string, number>();
  const lines: string[] = [];
  const perTask = tasks.map((task) => {
    const inside = events.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur!,
    );
    const self = new Map<string, number>();
    // Self time: each event's duration less its direct children's (events nest properly on one thread).
    const stack: { end: number; label: string; children: number; dur: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack.at(-1)!.end <= upTo) {
        const done = stack.pop()!;
        self.set(done.label, (self.get(done.label) ?? 0) + done.dur - done.children);
        if (stack.length) stack.at(-1)!.children += done.dur;
      }
    };
    let covered = 0;
    for (const event of inside) {
      close(event.ts);
      if (!stack.length) covered += event.dur!;
      stack.push({ end: event.ts + event.dur!, label: label(event), children: 0, dur: event.dur! });
    }
    close(Infinity);
    self.set('(task, untraced)', task.dur! - covered);
    for (const [name, us] of self) total.set(name, (total.get(name) ?? 0) + us);
    return { task, self };
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => `${(us / 1000).toFixed(1)} ms ${name}`)
      .join('; ');
  lines.push(
    `${tasks.length} tasks ≥ 50 ms on the main thread, ${(tasks.reduce((sum, t) => sum + t.dur!, 0) / 1000).toFixed(0)} ms in all`,
    `  all long tasks: ${top(total, 12)}`,
  );
  for (const { task, self } of perTask.sort((a, b) => b.task.dur! - a.task.dur!).slice(0, 5))
    lines.push(`  ${(task.dur! / 1000).toFixed(1)} ms task: ${top(self, 6)}`);
  return lines.join('\n');
}

// `npx tsx bench/jank/trace-summary.ts <trace.json>…`
if (process.argv[1] === import.meta.filename)
  for (const path of process.argv.slice(2)) console.log(`${path}\n${summariseTrace(path)}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

/**
 * The main thread's busiest functions in a CPU profile (CDP `Profiler.stop`), by self time, with
 * the function that called each (a minified build names few functions: the caller and the
 * file:line:column tell them apart).
 */
export function summariseProfile(profile: {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const where = (node: ProfileNode | undefined): string => {
    if (!node) return '?';
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id)!;
    const name = `${where(node)} ← ${where(byId.get(parent.get(id) ?? -1))}`;
    self.set(name, (self.get(name) ?? 0) + (deltas[i + 1] ?? 0));
  });
  return [...self]
    .filter(([name]) => !name.startsWith('(idle)') && !name.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20)
    .map(([name, us]) => `  ${(us / 1000).toFixed(1)} ms ${name}`)
    .join('\n');
}
