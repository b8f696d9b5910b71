/**
 * One S3's share of benchmark 5: starts the stack on that S3, opens the benchmark page in the
 * shared Chromium with the test file picked, times the contestants round after round, and stops
 * the stack again, on failure too. Every object is checked by HEAD and deleted.
 */
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import type { SinglePutTicket, UploadSlot } from '../../contract/api.js';
import { localS3Client, signerS3Env } from '../../stack/local-s3.js';
import type { S3Backend } from '../../stack/s3-backend.js';
import { startStack, type Stack } from '../../stack/start-stack.js';
import type { Radosgw } from '../../stack/radosgw/start-radosgw.js';
import { createApp } from '../../signer/app.js';
import { loadConfig } from '../../signer/config.js';
import { TEST_OWNER_ID_SECRET } from '../../signer/test-support/test-app.js';
import { machineBusySeconds } from '../support/load.js';
import { round } from '../support/report.js';
import { descendantMemory } from './child-memory.js';
import { CPU_PARTS, cpuSince, cpuSplit, type CpuPart } from './cpu-split.js';
import { shapeLoopbackPort, type ShapedLink } from './shaped-link.js';
import type { Timed } from './page-api.js';

export const CONTESTANTS = ['raw', 'widget', 'uppy'] as const;
export type Contestant = (typeof CONTESTANTS)[number];

export interface RunOptions {
  browser: Browser;
  /** Origin of the page server (bench/upload-throughput/page-server.ts). */
  pageOrigin: string;
  /** The test file on disk. */
  path: string;
  size: number;
  runs: number;
  /** One untimed upload per contestant first. */
  warmUp: boolean;
  signerEnv: Record<string, string>;
  /** Uppy's chunk size: the signer's part size. */
  partSize: number;
  /** Who runs, in this order each round (default: all of `CONTESTANTS`). */
  contestants?: readonly Contestant[];
  /** After the loopback rounds, rounds again with uploads to the S3 shaped to each link's rate. */
  shapedLinks?: readonly { mbit: number; runs: number }[];
  log(line: string): void;
}

export interface BackendResult {
  /** The S3's version, e.g. "16.2.15" for radosgw. */
  version: string;
  samples: Record<Contestant, number[]>;
  warmUp: Partial<Record<Contestant, number>>;
  /** Widget and Uppy: when the last byte was sent (before the multipart upload was completed). */
  sentMs: Record<'widget' | 'uppy', number[]>;
  /** Busy core-seconds of the whole machine (browser, S3, signer) during each timed upload. */
  cpuSeconds: Record<Contestant, number[]>;
  /** The same, of the benchmark's own processes only, by what their threads do (cpu-split.ts). */
  cpuParts: Record<Contestant, Record<CpuPart, number>[]>;
  /** Widget and Uppy: from the start to the first part's PUT (ticket, first MD5, signing). */
  firstPutMs: Record<'widget' | 'uppy', number[]>;
  /** Widget: when its preview was drawn, after upload-success. */
  previewMs: number[];
  /** The widget's Worker chunk hashing the whole file (MD5) in a module Worker, once per run. */
  md5Ms: number[];
  /** The rounds on each shaped link (`shapedLinks`), or why they were skipped. */
  shaped: ShapedResult[];
  /** radosgw: resident MiB of its daemons, highest after any upload and at the end. */
  memory?: { peak: Record<string, number>; end: Record<string, number> };
}

/** One shaped link's rounds (machine CPU and its split as on loopback), or why they were skipped. */
export type ShapedResult =
  | {
      mbit: number;
      samples: Record<Contestant, number[]>;
      cpuSeconds: Record<Contestant, number[]>;
      cpuParts: Record<Contestant, Record<CpuPart, number>[]>;
    }
  | { mbit: number; skipped: string };

const DAEMONS = /^(ceph-mon|ceph-osd|radosgw)$/;

const emptyRecord = (): Record<Contestant, number[]> => ({ raw: [], widget: [], uppy: [] });
const emptyParts = (): Record<Contestant, Record<CpuPart, number>[]> => ({ raw: [], widget: [], uppy: [] });

/** One upload's CPU for the log: the machine's busy core-seconds, then the benchmark's by part. */
const cpuLine = ({
  cpuSeconds,
  cpuParts,
}: {
  cpuSeconds: number;
  cpuParts: Record<CpuPart, number>;
}): string =>
  `machine CPU ${cpuSeconds.toFixed(2)} s (${CPU_PARTS.map((part) => `${part} ${cpuParts[part].toFixed(2)}`).join(', ')})`;

/** Runs every contestant `runs` times on `backend` (after one warm-up each when asked). */
export async function runOnBackend(backend: S3Backend, options: RunOptions): Promise<BackendResult> {
  const { browser, size, signerEnv, contestants = CONTESTANTS } = options;
  const result: BackendResult = {
    version:
      backend === 'radosgw'
        ? (/ceph version (\S+)/.exec(execFileSync('radosgw', ['--version'], { encoding: 'utf8' }))?.[1] ?? '')
        : '',
    samples: { raw: [], widget: [], uppy: [] },
    warmUp: {},
    sentMs: { widget: [], uppy: [] },
    cpuSeconds: { raw: [], widget: [], uppy: [] },
    cpuParts: emptyParts(),
    firstPutMs: { widget: [], uppy: [] },
    previewMs: [],
    md5Ms: [],
    shaped: [],
  };
  const log: string[] = [];
  const pageErrors: string[] = [];
  let stack: Stack | undefined;
  try {
    stack = await startStack({
      backend,
      siteOrigins: [options.pageOrigin],
      signerEnv,
      thumbnails: false,
      log: (line) => log.push(line),
    });
    const { s3 } = stack;
    const client = localS3Client(s3);
    const collectGarbage = (s3 as Partial<Radosgw>).collectGarbage;
    const token = await stack.login('bench');
    // The raw PUT's ticket: the same signer app, S3 and IdP, with multipart off for this size.
    const rawSigner = createApp(
      loadConfig({
        ...signerS3Env(s3),
        AUTH_ISSUERS: JSON.stringify([{ issuer: stack.idp.issuer, audience: stack.audience }]),
        OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
        ...signerEnv,
        MULTIPART_THRESHOLD_BYTES: String(5 * 1024 ** 3),
      }),
      { logError: (message, error) => log.push(`${message} ${String(error)}`) },
    );
    const singlePut = async (name: string): Promise<SinglePutTicket> => {
      const response = await rawSigner.request('/v1/uploads', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ files: [{ name, type: 'image/jpeg', size }] }),
      });
      const slot = ((await response.json()) as { uploads: UploadSlot[] }).uploads[0]!;
      if (!('url' in slot)) throw new Error(`expected a single-PUT ticket, got ${JSON.stringify(slot)}`);
      return slot;
    };

    const page = await browser.newPage();
    try {
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.goto(`${options.pageOrigin}/`);
      await page.waitForFunction(() => 'bench' in window);
      await page.setInputFiles('input', options.path);
      await page.evaluate((setup) => window.bench.setup(setup), {
        size,
        signerUrl: stack.signerUrl,
        token,
        partSize: options.partSize,
      });

      /** Runs one upload in the page, checks the stored size, deletes the object; returns its timing. */
      const upload = async (
        who: Contestant,
        name: string,
      ): Promise<Timed & { cpuSeconds: number; cpuParts: Record<CpuPart, number> }> => {
        let timed: Timed;
        const ticket = who === 'raw' ? await singlePut(name) : undefined;
        const partsBefore = cpuSplit();
        const busyBefore = machineBusySeconds();
        if (ticket) {
          const ms = await page.evaluate(([n, t]) => window.bench.raw(n, t), [name, ticket] as const);
          timed = { ms, key: ticket.key };
        } else if (who === 'widget') timed = await page.evaluate((n) => window.bench.widget(n), name);
        else timed = await page.evaluate((n) => window.bench.uppy(n), name);
        const cpuSeconds = machineBusySeconds() - busyBefore;
        const cpuParts = cpuSince(partsBefore);
        const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: timed.key }));
        if (head.ContentLength !== size)
          throw new Error(`${who}: stored ${head.ContentLength} bytes of ${size} (${timed.key})`);
        await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: timed.key }));
        if (collectGarbage) {
          await collectGarbage();
          const now = descendantMemory(DAEMONS);
          const peak = (result.memory ??= { peak: {}, end: {} }).peak;
          for (const [daemon, mib] of Object.entries(now)) peak[daemon] = Math.max(peak[daemon] ?? 0, mib);
        }
        return { ...timed, cpuSeconds, cpuParts };
      };

      if (options.warmUp)
        for (const who of contestants) result.warmUp[who] = round((await upload(who, `warm-${who}.jpg`)).ms);
      for (let run = 1; run <= options.runs; run++) {
        for (const who of contestants) {
          const timed = await upload(who, `run-${run}-${who}.jpg`);
          result.samples[who].push(round(timed.ms));
          result.cpuSeconds[who].push(round(timed.cpuSeconds, 2));
          result.cpuParts[who].push(timed.cpuParts);
          if (who !== 'raw' && timed.sentMs !== undefined) result.sentMs[who].push(round(timed.sentMs));
          if (who !== 'raw' && timed.firstPutMs !== undefined)
            result.firstPutMs[who].push(round(timed.firstPutMs));
          if (timed.previewMs !== undefined) result.previewMs.push(round(timed.previewMs));
          options.log(`run ${run} ${who}: ${(timed.ms / 1000).toFixed(2)} s, ${cpuLine(timed)}`);
        }
        result.md5Ms.push(round(await page.evaluate((bytes) => window.bench.md5(bytes), size)));
      }
      for (const { mbit, runs } of options.shapedLinks ?? []) {
        let link: ShapedLink;
        try {
          link = shapeLoopbackPort(Number(new URL(s3.endpoint).port), mbit);
        } catch (error) {
          result.shaped.push({ mbit, skipped: (error as Error).message.split('\n')[0]! });
          continue;
        }
        const shaped = { mbit, samples: emptyRecord(), cpuSeconds: emptyRecord(), cpuParts: emptyParts() };
        result.shaped.push(shaped);
        try {
          for (let run = 1; run <= runs; run++) {
            for (const who of contestants) {
              const timed = await upload(who, `link-${mbit}-${run}-${who}.jpg`);
              shaped.samples[who].push(round(timed.ms));
              shaped.cpuSeconds[who].push(round(timed.cpuSeconds, 2));
              shaped.cpuParts[who].push(timed.cpuParts);
              options.log(
                `run ${run} ${who} at ${mbit} Mbit/s: ${(timed.ms / 1000).toFixed(2)} s, ${cpuLine(timed)}`,
              );
            }
          }
        } finally {
          link.remove();
        }
      }
      if (result.memory) result.memory.end = descendantMemory(DAEMONS);
    } finally {
      await page.close();
    }
  } catch (error) {
    console.error([...log.slice(-20), ...pageErrors].join('\n'));
    throw error;
  } finally {
    await stack?.close();
  }
  return result;
}
