/**
 * The worst month, computed from the deployment's limits: what one abusive user can cost, and what
 * the whole system costs at its ceilings. deploy/README.md ("The worst month") prints these tables
 * for the defaults; budget.test.ts keeps the two in step.
 */
import type { ResolvedConfig } from './config.js';

/**
 * AWS list prices in US East (N. Virginia), in dollars per unit, as looked up on {@link PRICES_CHECKED}
 * (sources in deploy/README.md, "The worst month").
 */
export const PRICES = {
  /** Lambda duration per GB-second, first tier. */
  lambdaGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 },
  /** Lambda, per invocation ($0.20 per million). */
  lambdaRequest: 0.2 / 1e6,
  /** S3 Standard PUT/COPY/POST/LIST, per request ($0.005 per 1000). */
  s3Put: 0.005 / 1000,
  /** S3 Standard GET, per request ($0.0004 per 1000). */
  s3Get: 0.0004 / 1000,
  /** S3 Standard storage per GB-month, first 50 TB. */
  s3GbMonth: 0.023,
  /** CloudFront HTTPS request, North America and Europe ($0.0100 per 10 000). */
  cloudFrontRequest: 0.01 / 10_000,
  /** CloudFront data transfer out per GB, North America and Europe, first 10 TB. */
  cloudFrontGb: 0.085,
  /** AWS WAF, per request inspected ($0.60 per million). */
  wafRequest: 0.6 / 1e6,
  /** DynamoDB on-demand write request unit ($0.625 per million). */
  dynamoWrite: 0.625 / 1e6,
  /** EventBridge custom event ($1.00 per million). */
  eventBridgeEvent: 1 / 1e6,
  /** CloudWatch Logs ingestion per GB. */
  logsGb: 0.5,
} as const;

/** When {@link PRICES} were looked up. */
export const PRICES_CHECKED = '2026-11-30';

/**
 * What the tables assume beyond the configuration, each from a measurement or the code.
 * - `signerSeconds`: billed duration of one signer request (bench: 0.17 ms CPU per request at full
 *   speed; on 512 MB, a third of a vCPU, plus a DynamoDB round trip or two, 50 ms is generous).
 * - `thumbnailerSeconds`: one image (bench: 12 MP 468 ms CPU, 108 MP 646 ms, one vCPU at 1769 MB).
 * - `putsPerImage`: 6 thumbnails, 6 public copies, `meta.json`; `getsPerImage`: the original.
 * - `thumbnailBytes`: all of one image's thumbnails and public copies (3 widths × WebP + JPEG).
 * - `writeUnitsPerRequest`: the owner's rate-limit bucket (one conditional update).
 * - `writeUnitsPerUpload`: reserve, settle and uncount: five single-item writes (quota/README.md), at
 *   least a unit each, more while the owner's item carries many open reservations (billed per KB).
 * - `eventsPerUpload`: `image.ready` and `image.deleted`.
 * - `logBytesPerRequest`: one JSON log line per signer request.
 * - `signerFilesPerMinute`: the signer's per-owner limit (`RATE_LIMIT_PER_MINUTE`, default 300: one
 *   token per file signed, one per other request).
 */
export const ASSUMPTIONS = {
  signerSeconds: 0.05,
  thumbnailerSeconds: 1,
  putsPerImage: 13,
  getsPerImage: 1,
  thumbnailBytes: 1_000_000,
  writeUnitsPerRequest: 1,
  writeUnitsPerUpload: 12,
  eventsPerUpload: 2,
  logBytesPerRequest: 500,
  signerFilesPerMinute: 300,
} as const;

/** One line of a budget table; `usd` is `null` where nothing in the stack bounds the cost. */
export interface BudgetRow {
  part: string;
  arithmetic: string;
  usd: number | null;
}

/** The two tables: one abusive user, and the whole system at its ceilings. */
export interface Budget {
  user: BudgetRow[];
  ceiling: BudgetRow[];
}

const SECONDS = 30 * 24 * 3600;
const MINUTES = SECONDS / 60;
const GIB = 2 ** 30;

/**
 * Computes the worst month for a configuration.
 *
 * One abusive user sends every API request one client address may (the WAF rate rule) and has
 * the signer sign every file its per-owner limit allows, deleting as they go, all month; the quota
 * bounds what they keep. The ceiling is every signer and thumbnailer instance busy all month, from
 * any number of users: reserved concurrency bounds the compute, and the requests it can serve.
 * @param config the resolved deployment configuration
 * @param assumptions what is not configuration (default {@link ASSUMPTIONS})
 */
export function worstMonth(config: Readonly<ResolvedConfig>, assumptions = ASSUMPTIONS): Budget {
  const a = assumptions;
  const gbs = PRICES.lambdaGbSecond[config.architecture];
  const signerGb = config.signer.memoryMb / 1024;
  const thumbGb = config.thumbnailer.memoryMb / 1024;
  const filesPerMinute = Number(config.signer.environment.RATE_LIMIT_PER_MINUTE ?? a.signerFilesPerMinute);
  const { waf } = config.cdn;
  const thumbCeiling = config.thumbnailer.concurrency;
  const signerCeiling = config.signer.concurrency;

  const userRequests = waf.mode === 'create' ? waf.rateLimit * (SECONDS / 300) : filesPerMinute * MINUTES;
  const requestBasis =
    waf.mode === 'create'
      ? `${n(waf.rateLimit)} per 5 min (cdn.waf.rateLimit) × ${n(SECONDS / 300)}`
      : `${n(filesPerMinute)} per min (signer limit, no WAF rule) × ${n(MINUTES)}`;
  const thumbCapacity =
    thumbCeiling === undefined ? Infinity : (thumbCeiling * SECONDS) / a.thumbnailerSeconds;
  const userUploads = Math.min(filesPerMinute * MINUTES, thumbCapacity);
  const uploadBasis = `${n(filesPerMinute)} files per min × ${n(MINUTES)}${
    userUploads < filesPerMinute * MINUTES ? ', capped by the thumbnailer ceiling' : ''
  }`;

  const requestRows = (requests: number | null, basis: string): BudgetRow[] => [
    row(
      'API requests: CloudFront + AWS WAF',
      `${basis} = ${n(requests)} × ($0.01/10k + $0.60/M)`,
      requests,
      PRICES.cloudFrontRequest + PRICES.wafRequest,
    ),
    row(
      `Signer Lambda (${config.signer.memoryMb} MB)`,
      `${n(requests)} × ($0.20/M + ${a.signerSeconds} s × ${round(signerGb)} GB × $${gbs})`,
      requests,
      PRICES.lambdaRequest + a.signerSeconds * signerGb * gbs,
    ),
    row(
      'Signer logs',
      `${n(requests)} × ${a.logBytesPerRequest} B × $0.50/GB`,
      requests,
      (a.logBytesPerRequest / 1e9) * PRICES.logsGb,
    ),
  ];
  const uploadRows = (uploads: number | null, basis: string): BudgetRow[] => [
    row(
      'S3 requests per upload',
      `${basis} = ${n(uploads)} × (${1 + a.putsPerImage} PUTs × $0.005/1k + ${a.getsPerImage} GET × $0.0004/1k)`,
      uploads,
      (1 + a.putsPerImage) * PRICES.s3Put + a.getsPerImage * PRICES.s3Get,
    ),
    row(
      `Thumbnailer Lambda (${config.thumbnailer.memoryMb} MB)`,
      `${n(uploads)} × ($0.20/M + ${a.thumbnailerSeconds} s × ${round(thumbGb)} GB × $${gbs})`,
      uploads,
      PRICES.lambdaRequest + a.thumbnailerSeconds * thumbGb * gbs,
    ),
    row(
      'Image events (EventBridge)',
      `${n(uploads)} × ${a.eventsPerUpload} × $1.00/M`,
      uploads,
      a.eventsPerUpload * PRICES.eventBridgeEvent,
    ),
  ];
  const dynamo = (requests: number | null, uploads: number | null): BudgetRow => {
    const units =
      requests === null || uploads === null
        ? null
        : requests * a.writeUnitsPerRequest + uploads * a.writeUnitsPerUpload;
    return row(
      'Quota table (DynamoDB on demand)',
      `(${n(requests)} × ${a.writeUnitsPerRequest} + ${n(uploads)} × ${a.writeUnitsPerUpload}) = ${n(units)} WRU × $0.625/M`,
      units,
      PRICES.dynamoWrite,
    );
  };
  const { bytes, images } = config.quota;
  const storedGb = bytes === null || images === null ? null : (bytes + images * a.thumbnailBytes) / GIB;
  const storage = row(
    'S3 storage (what the quota lets one user keep)',
    bytes === null || images === null
      ? 'no quota: unbounded'
      : `(${n(bytes / GIB)} GiB originals + ${n(images)} × ${n(a.thumbnailBytes / 1e6)} MB thumbnails) = ${round(storedGb!)} GB × $0.023`,
    storedGb,
    PRICES.s3GbMonth,
  );
  const egress: BudgetRow = {
    part: 'Egress (viewing images)',
    arithmetic:
      'not bounded by the stack: $0.085 per GB through CloudFront, $0.09 per GB by presigned S3 GET',
    usd: null,
  };

  const ceilingRequests = signerCeiling === undefined ? null : (signerCeiling * SECONDS) / a.signerSeconds;
  const ceilingUploads = thumbCeiling === undefined ? null : thumbCapacity;
  return {
    user: [
      ...requestRows(userRequests, requestBasis),
      ...uploadRows(userUploads, uploadBasis),
      dynamo(userRequests, userUploads),
      storage,
      egress,
    ],
    ceiling: [
      ...requestRows(
        ceilingRequests,
        signerCeiling === undefined
          ? 'no signer ceiling'
          : `${n(signerCeiling)} signers × ${n(SECONDS)} s ÷ ${a.signerSeconds} s`,
      ),
      ...uploadRows(
        ceilingUploads,
        thumbCeiling === undefined
          ? 'no thumbnailer ceiling'
          : `${n(thumbCeiling)} thumbnailers × ${n(SECONDS)} s ÷ ${a.thumbnailerSeconds} s`,
      ),
      dynamo(ceilingRequests, ceilingUploads),
      { ...storage, part: 'S3 storage, per user at their quota' },
      egress,
    ],
  };
}

/**
 * The total of the rows a limit bounds, and whether some row is unbounded.
 * @param rows one table of {@link worstMonth}
 */
export function total(rows: readonly BudgetRow[]): { usd: number; unbounded: boolean } {
  return {
    usd: rows.reduce((sum, r) => sum + (r.usd ?? 0), 0),
    unbounded: rows.some((r) => r.usd === null),
  };
}

/**
 * A table as GitHub Markdown: part, arithmetic, dollars, and a total line.
 * @param rows one table of {@link worstMonth}
 */
export function budgetMarkdown(rows: readonly BudgetRow[]): string {
  const sum = total(rows);
  const lines = [
    '| Part | Arithmetic | Per month |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.part} | ${r.arithmetic} | ${r.usd === null ? 'unbounded' : usd(r.usd)} |`),
    `| **Total** | ${sum.unbounded ? 'the bounded rows' : 'every row'} | **${usd(sum.usd)}** |`,
  ];
  return lines.join('\n');
}

function row(part: string, arithmetic: string, volume: number | null, unitPrice: number): BudgetRow {
  return { part, arithmetic, usd: volume === null ? null : volume * unitPrice };
}

/** 1234567 → `1 234 567` (the README's thousands separator); null → `∞`. */
function n(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '∞';
  return (Number.isInteger(value) ? String(value) : value.toFixed(2)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function usd(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
