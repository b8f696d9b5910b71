import type { IssuerConfig } from '../contract/issuer.js';
import type { CdnConfig } from './cdn-config.js';
import type { ImageUploaderConfig } from './config.js';

/** Reads one context value (`cdk -c key=value` or cdk.json `context`). */
export type ContextReader = (key: string) => unknown;

/**
 * Overlays `cdk -c` context on the config file, so one deployment can differ without editing it:
 * `siteOrigins` (comma list), `issuers` (JSON array), `encryption` (s3|kms), `endpoint`
 * (function-url|http-api), `existingBucketName`, `ownerIdSecretArn`, `architecture` (arm64|x86_64), `alarmTopicArn`,
 * for the events `eventBusName`, `webhookUrl`, `webhookSecretArn`, for the CDN `domainName`, `certificateArn`, `priceClass`, `webAclArn`, `wafRateLimit` (a
 * number) and `waf=off`, and for the limits `quotaBytes`, `quotaImages`, `signerConcurrency`,
 * `thumbnailerConcurrency` (each a number, or `off`).
 * @param base the config file's settings
 * @param read the app's `node.tryGetContext`
 * @throws {TypeError} naming the key when `issuers` is not a JSON array, or a number is not one.
 * @example npx cdk deploy -c siteOrigins=https://example.com -c encryption=kms
 */
export function applyContext(base: ImageUploaderConfig, read: ContextReader): ImageUploaderConfig {
  const text = (key: string): string | undefined => {
    const value = read(key);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const config: ImageUploaderConfig = {
    ...base,
    bucket: { ...base.bucket },
    signer: { ...base.signer },
    thumbnailer: { ...base.thumbnailer },
    quota: { ...base.quota },
    cdn: { ...base.cdn },
    events: { ...base.events },
  };
  const origins = read('siteOrigins');
  if (Array.isArray(origins)) config.siteOrigins = origins.map(String);
  else if (text('siteOrigins'))
    config.siteOrigins = text('siteOrigins')!
      .split(',')
      .map((o) => o.trim());
  const issuers = read('issuers');
  if (issuers !== undefined) config.issuers = parseIssuers(issuers);
  const encryption = text('encryption');
  if (encryption) config.bucket!.encryption = encryption as 's3' | 'kms';
  const existing = text('existingBucketName');
  if (existing) config.bucket!.existingBucketName = existing;
  const endpoint = text('endpoint');
  if (endpoint) config.signer!.endpoint = endpoint as 'function-url' | 'http-api';
  const ownerIdSecretArn = text('ownerIdSecretArn');
  if (ownerIdSecretArn) config.signer!.ownerIdSecretArn = ownerIdSecretArn;
  const architecture = text('architecture');
  if (architecture) config.architecture = architecture as 'arm64' | 'x86_64';
  const topic = text('alarmTopicArn');
  if (topic) config.alarmTopicArn = topic;
  for (const key of ['eventBusName', 'webhookUrl', 'webhookSecretArn'] as const) {
    const value = text(key);
    if (value) config.events![key] = value;
  }
  applyCdnContext(config.cdn!, text);
  const limit = (key: string): number | false | undefined => {
    const value = text(key);
    if (value === undefined) return undefined;
    if (value === 'off') return false;
    if (!/^\d+$/.test(value))
      throw new TypeError(`Expected context ${key} to be a number or off, got ${value}`);
    return Number(value);
  };
  const [bytes, images] = [limit('quotaBytes'), limit('quotaImages')];
  if (bytes !== undefined) config.quota!.bytes = bytes;
  if (images !== undefined) config.quota!.images = images;
  const [signer, thumbnailer] = [limit('signerConcurrency'), limit('thumbnailerConcurrency')];
  if (signer !== undefined) config.signer!.concurrency = signer;
  if (thumbnailer !== undefined) config.thumbnailer!.concurrency = thumbnailer;
  return config;
}

function applyCdnContext(cdn: CdnConfig, text: (key: string) => string | undefined): void {
  const domainName = text('domainName');
  if (domainName) cdn.domainName = domainName;
  const certificateArn = text('certificateArn');
  if (certificateArn) cdn.certificateArn = certificateArn;
  const priceClass = text('priceClass');
  if (priceClass) cdn.priceClass = priceClass as CdnConfig['priceClass'];
  const webAclArn = text('webAclArn');
  const rate = text('wafRateLimit');
  if (text('waf') === 'off') cdn.waf = false;
  else if (webAclArn) cdn.waf = { webAclArn };
  else if (rate) {
    if (!/^\d+$/.test(rate)) throw new TypeError(`Expected context wafRateLimit to be a number, got ${rate}`);
    cdn.waf = { ...(cdn.waf || {}), rateLimit: Number(rate) };
  }
}

function parseIssuers(value: unknown): IssuerConfig[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new TypeError('Expected context issuers to be a JSON array');
    }
  }
  if (!Array.isArray(parsed)) throw new TypeError('Expected context issuers to be a JSON array');
  return parsed as IssuerConfig[];
}
