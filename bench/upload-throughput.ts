/**
 * Benchmark 5, upload throughput in Chromium: a 200 MB JPEG through the widget (multipart,
 * parallel parts) against one raw `fetch` PUT of the same file to the same S3, and against Uppy's
 * `@uppy/aws-s3` with tickets from the same signer; on two S3s in one run: s3rver (the local
 * stack's, which the goal names) and Ceph radosgw (which completes a multipart upload by writing a
 * manifest, as AWS S3 does, where s3rver copies every byte once more).
 *
 * Per S3 one stack (the S3, the OpenID provider, the signer; no thumbnailer); one headless
 * Chromium throughout. The file is written to disk once and picked in the page
 * (bench/upload-throughput/page.ts), which times each upload. One warm-up each, then rounds of
 * raw → widget → Uppy; every object is checked by HEAD and deleted (on radosgw also collected).
 *
 * Run: `npx tsx bench/upload-throughput.ts [--smoke]` (smoke: 12 MB in 5 MiB parts, one run each).
 * For an A/B comparison (interleave runs of two builds): `BENCH_TPUT_ONLY=widget` (contestants,
 * comma-separated) and `BENCH_TPUT_S3=radosgw` (S3s) run only those and print each upload's time
 * and CPU split without writing results; `BENCH_RUNS` sets the rounds, `BENCH_LINK_MBIT` the shaped
 * uplinks (comma-separated Mbit/s, default `1000,250`; `0`: none).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { launchChromium } from '../e2e/support/browser.js';
import type { S3Backend } from '../stack/s3-backend.js';
import { ensureWidgetBuild } from '../stack/widget-build.js';
import { competitorVersion, ensureCompetitors, ownVersion } from './support/competitors.js';
import { median, publish, round, smoke, type BenchmarkReport } from './support/report.js';
import { CPU_PARTS, CPU_PART_LABELS } from './upload-throughput/cpu-split.js';
import { CONTESTANTS, runOnBackend, type BackendResult, type Contestant } from './upload-throughput/run.js';
import { startPageServer } from './upload-throughput/page-server.js';
import { writeTestFile } from './upload-throughput/test-file.js';

const MB = 1e6;
const MIB = 1024 * 1024;
const SIZE = smoke ? 12 * MB : 200 * MB;
const RUNS = smoke ? 1 : Number(process.env.BENCH_RUNS ?? 5);
/** The signer's defaults (16 MiB, 8 MiB) for the full run; smaller so 12 MB still goes multipart. */
const THRESHOLD = smoke ? 5 * MIB : 16 * MIB;
const PART_SIZE = smoke ? 5 * MIB : 8 * MIB;
const PART_CONCURRENCY = 4; // the widget's default `part-concurrency`
/** Only these contestants and S3s (an A/B run: figures printed, no results written). */
const only = <T extends string>(list: string | undefined, all: readonly T[]): readonly T[] => {
  const picked = list?.split(',') ?? all;
  const unknown = picked.filter((name) => !all.includes(name as T));
  if (unknown.length)
    throw new TypeError(`Expected some of ${all.join(', ')} but received ${unknown.join(', ')}`);
  return picked as T[];
};
const WHO = only(process.env.BENCH_TPUT_ONLY, CONTESTANTS);
const BACKENDS = only(process.env.BENCH_TPUT_S3, ['s3rver', 'radosgw'] as const satisfies S3Backend[]);
const AB = WHO.length < CONTESTANTS.length || BACKENDS.length < 2;
/**
 * radosgw again with uploads shaped to these uplinks (bench/upload-throughput/shaped-link.ts): 1 Gbit/s,
 * and 250 Mbit/s (a fast home or office uplink) in 3 rounds, as a 200 MB upload takes at least 6.4 s there.
 */
const LINKS = (process.env.BENCH_LINK_MBIT ?? '1000,250')
  .split(',')
  .map(Number)
  .filter((mbit) => mbit > 0)
  .map((mbit) => ({ mbit, runs: mbit >= 1000 ? RUNS : Math.min(RUNS, 3) }));

ensureCompetitors();
ensureWidgetBuild();
// A real JPEG without metadata, 1600×1200 (under max-dimension): the widget passes it through as is.
const seed = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3b5bdb' } })
  .jpeg({ quality: 85 })
  .toBuffer();

const results = {} as Record<S3Backend, BackendResult>;
const chromium = { version: '' };
const folder = await mkdtemp(join(tmpdir(), 'upload-throughput-'));
const path = join(folder, 'photo.jpg');
const pages = await startPageServer();
try {
  await writeTestFile(path, seed, SIZE);
  const browser = await launchChromium();
  try {
    chromium.version = browser.version();
    for (const backend of BACKENDS) {
      results[backend] = await runOnBackend(backend, {
        browser,
        pageOrigin: pages.origin,
        path,
        size: SIZE,
        runs: RUNS,
        warmUp: !smoke,
        signerEnv: {
          UPLOAD_MAX_BYTES: String(256 * MIB),
          MULTIPART_THRESHOLD_BYTES: String(THRESHOLD),
          MULTIPART_PART_SIZE_BYTES: String(PART_SIZE),
          // Uppy signs one part per request; the default 120/min would throttle it mid-run.
          RATE_LIMIT_PER_MINUTE: '1000000',
        },
        partSize: PART_SIZE,
        contestants: WHO,
        ...(backend === 'radosgw' && { shapedLinks: LINKS }),
        log: (line) => console.log(`${backend} ${line}`),
      });
    }
  } finally {
    await browser.close();
  }
} finally {
  await pages.close();
  await rm(folder, { recursive: true, force: true });
}

/** An A/B run's figures per S3, link and contestant: medians of time and CPU (machine, then by part). */
function printAb(): void {
  for (const backend of BACKENDS) {
    const { samples, cpuSeconds, cpuParts, shaped } = results[backend];
    const runs = [{ where: `${backend} loopback`, samples, cpuSeconds, cpuParts }].concat(
      shaped.flatMap((link) =>
        'samples' in link ? [{ where: `${backend} ${link.mbit} Mbit/s`, ...link }] : [],
      ),
    );
    for (const { where, samples, cpuSeconds, cpuParts } of runs)
      for (const who of WHO)
        console.log(
          `${where} ${who}: ${(median(samples[who]) / 1000).toFixed(2)} s, machine CPU ${median(cpuSeconds[who]).toFixed(2)} s (${CPU_PARTS.map((part) => `${part} ${median(cpuParts[who].map((split) => split[part])).toFixed(2)}`).join(', ')}), medians of ${samples[who].length}`,
        );
  }
}
if (AB) printAb();
else await publish(report());

/** The published report: the table, the goals, the notes and the raw figures. */
function report(): BenchmarkReport {
  const mbPerSecond = (ms: number): number => SIZE / MB / (ms / 1000);
  const medians = (backend: S3Backend): Record<Contestant, number> =>
    Object.fromEntries(CONTESTANTS.map((who) => [who, median(results[backend].samples[who])])) as Record<
      Contestant,
      number
    >;
  /** Throughput against the raw PUT's on the same S3: the raw PUT's median time over this one's. */
  const ratio = (backend: S3Backend, who: Contestant): number => medians(backend).raw / medians(backend)[who];
  /** The multipart phases (medians): until the last byte was sent, and from there to done. */
  const phases = (backend: S3Backend, who: 'widget' | 'uppy') => {
    const { samples, sentMs } = results[backend];
    const sent = median(sentMs[who]);
    return {
      sent,
      completing: median(samples[who].map((ms, run) => ms - (sentMs[who][run] ?? NaN))),
      sentRatio: medians(backend).raw / sent,
    };
  };
  const seconds = (ms: number): string => (ms / 1000).toFixed(2);
  const partCount = Math.ceil(SIZE / PART_SIZE);
  const uppyVersion = competitorVersion('@uppy/aws-s3');
  const label: Record<Contestant, string> = {
    raw: 'raw fetch PUT (one request)',
    widget: `image-uploader (${partCount} parts, ${PART_CONCURRENCY} at once)`,
    uppy: `Uppy @uppy/aws-s3 ${uppyVersion} (${partCount} parts, one at a time)`,
  };
  const links = results.radosgw.shaped.flatMap((link) => ('samples' in link ? [link] : []));
  const skipped = results.radosgw.shaped.flatMap((link) => ('skipped' in link ? [link] : []));
  type Link = (typeof links)[number];
  const linkMedian = (link: Link, who: Contestant): number => median(link.samples[who]);
  const linkRatio = (link: Link, who: Contestant): number => linkMedian(link, 'raw') / linkMedian(link, who);
  /** Busy cores on average while timed: the machine's CPU seconds over the upload's seconds. */
  const cores = (cpu: number[], ms: number): number => median(cpu) / (ms / 1000);
  const cpuCell = (cpu: number[], ms: number): string =>
    `${median(cpu).toFixed(2)} (${cores(cpu, ms).toFixed(1)} cores)`;
  const shapedRows = links.flatMap((link) =>
    CONTESTANTS.map((who) => [
      `radosgw, uplink ${link.mbit} Mbit/s`,
      label[who],
      round(linkMedian(link, who) / 1000, 2),
      round(mbPerSecond(linkMedian(link, who)), 1),
      `${linkRatio(link, who).toFixed(2)}×`,
      '–',
      '–',
      cpuCell(link.cpuSeconds[who], linkMedian(link, who)),
      link.samples[who].length,
    ]),
  );
  /** At or above this share of the machine's cores busy on average, a figure is limited by the CPU. */
  const CPU_BOUND = 0.8;
  const machineCores = availableParallelism();
  const cpuBound = [
    ...BACKENDS.flatMap((backend) =>
      CONTESTANTS.map((who) => ({
        row: `${backend} ${who}`,
        busy: cores(results[backend].cpuSeconds[who], medians(backend)[who]),
      })),
    ),
    ...links.flatMap((link) =>
      CONTESTANTS.map((who) => ({
        row: `${link.mbit} Mbit/s ${who}`,
        busy: cores(link.cpuSeconds[who], linkMedian(link, who)),
      })),
    ),
  ].filter(({ busy }) => busy >= CPU_BOUND * machineCores);
  const widgetOn = (backend: S3Backend): string =>
    `${ratio(backend, 'widget').toFixed(2)}× on ${backend} (${mbPerSecond(medians(backend).widget).toFixed(1)} vs ${mbPerSecond(medians(backend).raw).toFixed(1)} MB/s)`;
  const split = (backend: S3Backend, who: 'widget' | 'uppy'): string => {
    const { sent, completing, sentRatio } = phases(backend, who);
    const firstPut = median(results[backend].firstPutMs[who]);
    return `${who === 'widget' ? 'the widget' : 'Uppy'} ${seconds(firstPut)} s to its first part's PUT, ${seconds(sent)} s to the last byte (${mbPerSecond(sent).toFixed(1)} MB/s, ${sentRatio.toFixed(2)}× raw), then ${seconds(completing)} s to done`;
  };
  const previewAfter = median(results.s3rver.previewMs.concat(results.radosgw.previewMs));
  const md5Ms = median(results.s3rver.md5Ms.concat(results.radosgw.md5Ms));
  const osd = results.radosgw.memory;

  return {
    name: 'upload-throughput',
    title: '5. Upload throughput in Chromium',
    columns: [
      'S3',
      'contestant',
      'median s',
      'MB/s',
      'vs raw fetch',
      'to last byte s',
      'completing s',
      'machine CPU s',
      'runs',
    ],
    rows: BACKENDS.flatMap((backend) =>
      CONTESTANTS.map((who) => {
        const multipart = who === 'raw' ? undefined : phases(backend, who);
        return [
          backend,
          label[who],
          round(medians(backend)[who] / 1000, 2),
          round(mbPerSecond(medians(backend)[who]), 1),
          `${ratio(backend, who).toFixed(2)}×`,
          multipart ? `${seconds(multipart.sent)} (${multipart.sentRatio.toFixed(2)}×)` : '–',
          multipart ? seconds(multipart.completing) : '–',
          cpuCell(results[backend].cpuSeconds[who], medians(backend)[who]),
          results[backend].samples[who].length,
        ];
      }),
    ).concat(shapedRows),
    goals: [
      {
        goal: 'widget ≥ 0.9× raw fetch throughput to the same local S3 (s3rver, as the issue states)',
        measured: `${widgetOn('s3rver')}; ${widgetOn('radosgw')}`,
        met: ratio('s3rver', 'widget') >= 0.9,
      },
      {
        goal: 'the same on radosgw (S3-style completion), with checksums on (issue 14)',
        measured: widgetOn('radosgw'),
        met: ratio('radosgw', 'widget') >= 0.9,
      },
      ...links.map((link) => ({
        goal: `the same on radosgw behind a ${link.mbit} Mbit/s uplink (shaped)`,
        measured: `${linkRatio(link, 'widget').toFixed(2)}× (${mbPerSecond(linkMedian(link, 'widget')).toFixed(1)} vs ${mbPerSecond(linkMedian(link, 'raw')).toFixed(1)} MB/s)`,
        met: linkRatio(link, 'widget') >= 0.9,
      })),
      ...skipped.map((link) => ({
        goal: `the same on radosgw behind a ${link.mbit} Mbit/s uplink (shaped)`,
        measured: `not measured: ${link.skipped}`,
        met: false,
      })),
      {
        goal: 'the widget ahead of Uppy on both S3s',
        measured: BACKENDS.map(
          (backend) =>
            `${(medians(backend).uppy / medians(backend).widget).toFixed(2)}× Uppy's on ${backend}`,
        ).join('; '),
        met: BACKENDS.every((backend) => medians(backend).widget < medians(backend).uppy),
      },
    ],
    notes: [
      `File: ${SIZE / MB} MB (${SIZE} bytes; MB = 10^6 bytes here, MB/s = 10^6 bytes per second): a real 1600×1200 JPEG without metadata (${seed.length} bytes) followed by pseudo-random filler, written to disk once and picked in the page's file input, so a disk-backed File as a user's would be (an in-memory Blob is not: Chromium copies every slice of one into its blob store, 200 MB per multipart upload, which no picked file costs). Each run wraps it in a new File (new name, same bytes), so no run resumes another.`,
      `What the widget did with it (defaults: EXIF removal on, max-dimension 4096): walked the JPEG header, found no EXIF/XMP/IPTC and passed the file through untouched; read 1600×1200 from the SOF header, so no decode and no downscale; hashed the first 64 KiB for its resume fingerprint. Its 160 px preview ${SIZE > 64 * MIB ? `waits until the upload is done (files over 64 MiB): reading the whole file into its Worker took ~0.5 s of Chromium's CPU while the upload needed it, and the last byte went out ~0.2 s later on both S3s (paired runs before the change). It was drawn ${seconds(previewAfter)} s after upload-success (median), and each run waited for it before the next upload started` : 'is drawn at once (files up to 64 MiB)'}. Every stored object was HEAD-checked at ${SIZE} bytes.`,
      `Widget: the signer's multipart ticket, ${PART_SIZE / MIB} MiB parts (${partCount}), part-concurrency ${PART_CONCURRENCY} (default), XHR PUTs of Blob slices, completed through the signer. Checksums on (issue 14): each part's MD5 is computed in the element's Worker (hash-wasm, from its Worker chunk, the part read as one stream) while the parts before it upload, and the part URLs sign it (\`content-md5\`) with the part's length; the next part's URL is signed while the part before it uploads, with every part hashed by then. MD5 in the Worker: ${(SIZE / MB / (md5Ms / 1000)).toFixed(0)} MB/s (the whole ${SIZE / MB} MB file in ${seconds(md5Ms)} s, median of one per round, after the chunk was loaded and its WebAssembly compiled).`,
      `Uppy ${competitorVersion('@uppy/core')} + @uppy/aws-s3 ${uppyVersion} in companionEndpoint mode, its Companion routes answered in the page by bench/upload-throughput/companion-adapter.ts from our signer's routes with the same token (create → POST /v1/uploads, one POST …/parts per part with the part's MD5, which the adapter computes with hash-wasm on the main thread since our signer signs it and Uppy has no checksums, complete, abort); getChunkSize ${PART_SIZE / MIB} MiB, so the same parts. @uppy/aws-s3 6 uploads one file's parts one after another (its \`limit\` counts files); its signRequest mode would need S3's CreateMultipartUpload and CompleteMultipartUpload presigned, which our signer does itself instead.`,
      `Raw: one fetch(url, { method: 'PUT', body: file }) without a checksum, with a single-PUT ticket from a second instance of our signer app (same S3, IdP and token; multipart threshold raised), timed from fetch() to the response; the ticket is fetched before the clock starts. Widget: addFiles() → upload-success; Uppy: addFile() → upload() resolved. Both include their signer calls and the completion.`,
      `"machine CPU s": the busy core-seconds of the whole machine (browser, S3, signer, and anything else running) while the upload was timed, from /proc/stat, and in brackets that over the upload's time: how many of the 2 cores were busy on average. A contestant whose figure is near 2 cores is limited by CPU, not by the protocol: the widget's checksums add the MD5 (hash-wasm, ~550 MB/s of one core in Node) and a second read of each part from the file (once to hash, once to send) to what the raw PUT costs. Reading each part once instead (in the Worker, hashing it and handing its bytes to the PUT) costs Chromium 156 more, not less (measured once with a throwaway page: 192 MiB in 8 MiB parts, 4 at once, to a local sink, Chromium's busy core-seconds: Blob slice hashed and sent 1.70–1.87; the bytes sent as a Blob 1.96–2.03, as the Blob is copied into the browser's blob store; sent as an ArrayBuffer (XHR or fetch) ~9 per 96 MiB, as Chromium passes an in-memory body to its network service in small pieces), while a picked file's slice is read from the page cache.`,
      `Where the CPU goes (median busy core-seconds per upload, of the benchmark's own processes thread by thread from /proc, bench/upload-throughput/cpu-split.ts; the machine figure above also counts anything else running): ${CPU_PARTS.map((part) => `${part}: ${CPU_PART_LABELS[part]}`).join('; ')}.`,
      ...BACKENDS.map(
        (backend) =>
          `- ${backend}: ${CONTESTANTS.map(
            (who) =>
              `${who} ${CPU_PARTS.map((part) => `${part} ${median(results[backend].cpuParts[who].map((split) => split[part])).toFixed(2)}`).join(', ')}`,
          ).join('; ')}.`,
      ),
      `"uplink … Mbit/s": radosgw again, after the loopback rounds, with every packet sent to its port through a token bucket at that rate (Linux tc: an HTB class on lo, a u32 filter on the S3's port; answers and all other traffic unshaped), as a browser uploading over a real link is limited by the link: there the widget's MD5 work can run while the link is busy and cost no time, as long as the CPU keeps up. ${links.map((link) => `${link.mbit} Mbit/s: ${link.samples.raw.length} rounds`).join('; ')}${links.some((link) => link.mbit < 1000) ? ' (fewer below 1 Gbit/s: a 200 MB upload takes at least 6.4 s at 250 Mbit/s)' : ''}.${skipped.length ? ` Not measured: ${skipped.map((link) => `${link.mbit} Mbit/s (${link.skipped})`).join('; ')}.` : ''} CPU split there:`,
      ...links.map(
        (link) =>
          `- ${link.mbit} Mbit/s: ${CONTESTANTS.map(
            (who) =>
              `${who} ${CPU_PARTS.map((part) => `${part} ${median(link.cpuParts[who].map((split) => split[part])).toFixed(2)}`).join(', ')}`,
          ).join('; ')}.`,
      ),
      `Which figures the CPU limits on this machine (${machineCores} cores): those whose machine CPU kept at least ${CPU_BOUND * 100} % of the cores busy on average while timed: ${cpuBound.length ? cpuBound.map(({ row, busy }) => `${row} (${busy.toFixed(1)} cores)`).join(', ') : 'none'}. A CPU-bound ratio says what the widget's checksums cost on ${machineCores} shared cores, not what a link allows; where neither contestant is CPU-bound (the 250 Mbit/s row, unless listed), the link is the limit and the ratio is what a user on that uplink would see.`,
      `Where the multipart time goes (medians; "to its first part's PUT" is the ticket, the first part's MD5 and its signing, from Resource Timing; "to last byte" is when upload progress reached the file's size, its ratio the raw PUT's time over it; "completing" is the rest: the last parts' answers and CompleteMultipartUpload through the signer):`,
      ...BACKENDS.map((backend) => `- ${backend}: ${split(backend, 'widget')}; ${split(backend, 'uppy')}.`),
      `Why two S3s: s3rver completes an upload by reading its part files back and writing them out again as one object with an MD5 (its "completing" column), a cost a single PUT does not pay; radosgw (like AWS S3) writes a manifest that points at the parts. The goal as written names the local S3, so its ✔/✘ is s3rver's figure; radosgw's is stated next to it and on its own line because it is the closer picture of multipart against a single PUT on a real S3. Neither is a network: on loopback with 2 shared cores, what limits every contestant is CPU (Chromium's and the S3's), so per-request costs weigh more than they would over the Internet.`,
      `radosgw: Ceph ${results.radosgw.version} radosgw on a one-node memstore cluster (scripts/radosgw.sh), no bucket notifications (no thumbnailer), started after the s3rver runs. A deleted object's data stays in the memstore OSD's memory until radosgw's garbage collector runs (2 h by default; +~390 MB per 200 MB object otherwise), so each delete is followed by \`radosgw-admin gc process --include-all\`, outside the timed window; resident memory after each upload peaked at ${
        osd
          ? Object.entries(osd.peak)
              .map(([name, mib]) => `${name} ${mib} MiB`)
              .join(', ')
          : '–'
      }.`,
      `${smoke ? 'Smoke: one run each, no warm-up' : `One warm-up each, then ${RUNS} rounds of raw → widget → Uppy per S3`}; medians. Everything local: headless Chromium ${chromium.version}, loopback HTTP/1.1, s3rver ${ownVersion('s3rver')} writing to a temporary folder on disk (in the benchmark's Node process with the signer and IdP), 2 cores shared with whatever else runs; signer rate limit raised for Uppy's per-part signing.`,
    ],
    data: {
      file_bytes: SIZE,
      seed_jpeg_bytes: seed.length,
      part_size_bytes: PART_SIZE,
      parts: partCount,
      md5_in_worker_mb_per_s: round(SIZE / MB / (md5Ms / 1000), 1),
      md5_in_worker_ms: Object.fromEntries(BACKENDS.map((backend) => [backend, results[backend].md5Ms])),
      multipart_threshold_bytes: THRESHOLD,
      widget_part_concurrency: PART_CONCURRENCY,
      uppy_parts_in_flight: 1,
      runs: RUNS,
      backends: Object.fromEntries(
        BACKENDS.map((backend) => {
          const { samples, warmUp, sentMs, firstPutMs, previewMs, memory, cpuSeconds, cpuParts } =
            results[backend];
          return [
            backend,
            {
              samples_ms: samples,
              warm_up_ms: warmUp,
              last_byte_sent_ms: sentMs,
              first_part_put_ms: firstPutMs,
              machine_cpu_seconds: cpuSeconds,
              cpu_seconds_by_part: cpuParts,
              widget_preview_after_success_ms: previewMs,
              median_ms: medians(backend),
              mb_per_s: Object.fromEntries(
                CONTESTANTS.map((who) => [who, round(mbPerSecond(medians(backend)[who]), 1)]),
              ),
              vs_raw: Object.fromEntries(CONTESTANTS.map((who) => [who, round(ratio(backend, who), 3)])),
              ...(memory && { resident_mib: memory }),
              ...(backend === 'radosgw' && { shaped_uplinks: results.radosgw.shaped }),
            },
          ];
        }),
      ),
      versions: {
        chromium: chromium.version,
        radosgw: results.radosgw.version,
        '@uppy/core': competitorVersion('@uppy/core'),
        '@uppy/aws-s3': uppyVersion,
        lit: ownVersion('lit'),
        s3rver: ownVersion('s3rver'),
      },
    },
  };
}
