/**
 * Memory of one page while it runs, sampled from outside it (so the page pays nothing for it):
 * its main thread's JavaScript heap (CDP `Performance.getMetrics`, JSHeapUsedSize) and the
 * resident memory of its renderer process (Linux /proc, the process CDP's
 * `SystemInfo.getProcessInfo` lists as the renderer that appeared with the page). A Worker's
 * heap is outside the first and inside the second.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';

/** Peaks in MiB. */
export interface MemoryPeaks {
  jsHeapMiB: number;
  rendererRssMiB: number;
}

const SAMPLE_MS = 250;

/** The pids of the browser's renderer processes. */
export async function rendererPids(browser: Browser): Promise<Set<number>> {
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    return new Set(processInfo.filter((p) => p.type === 'renderer').map((p) => p.id));
  } finally {
    await session.detach();
  }
}

function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone
  }
}

/**
 * Starts sampling `page` every 250 ms; `pids` are its renderer's (those that appeared with it).
 * `stop()` resolves with the peaks.
 */
export async function sampleMemory(page: Page, pids: number[]): Promise<{ stop(): Promise<MemoryPeaks> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const peaks: MemoryPeaks = { jsHeapMiB: 0, rendererRssMiB: 0 };
  const sample = async (): Promise<void> => {
    const { metrics } = await session.send('Performance.getMetrics');
    const heap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    peaks.jsHeapMiB = Math.max(peaks.jsHeapMiB, heap / 2 ** 20);
    peaks.rendererRssMiB = Math.max(
      peaks.rendererRssMiB,
      pids.reduce((sum, pid) => sum + rssMiB(pid), 0),
    );
  };
  // A sample that fails (the page closed after a failed run) is skipped; the run reports its error.
  const tick = (): Promise<void> => sample().catch(() => undefined);
  let pending = tick();
  const timer = setInterval(() => (pending = pending.then(tick)), SAMPLE_MS);
  return {
    async stop() {
      clearInterval(timer);
      await pending.then(tick);
      await session.detach().catch(() => undefined);
      return peaks;
    },
  };
}
