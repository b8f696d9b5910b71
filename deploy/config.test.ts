import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import type { ImageUploaderConfig } from './config.js';
import { applyContext } from './context.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cloudfront-key-AbCdEf';
const pem = (type: 'ec' | 'rsa', options: object): string =>
  (generateKeyPairSync as (t: string, o: object) => { publicKey: KeyObject })(type, options)
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
const EC_KEY = pem('ec', { namedCurve: 'P-256' });
const RSA_2048 = pem('rsa', { modulusLength: 2048 });
const RSA_4096 = pem('rsa', { modulusLength: 4096 });

const BASE: ImageUploaderConfig = {
  siteOrigins: ['https://example.com'],
  issuers: [{ issuer: 'https://accounts.google.com', audience: 'client' }],
};
/** The signer environment every default config carries: 1 GiB and 1000 images per owner. */
const QUOTA_ENV = { QUOTA_BYTES: String(2 ** 30), QUOTA_IMAGES: '1000' };

describe('resolveConfig', () => {
  it('fills in the documented defaults', () => {
    const config = resolveConfig(BASE);
    expect(config).toMatchObject({
      bucket: { encryption: 's3', retainOnDelete: true },
      signer: { endpoint: 'function-url', memoryMb: 512 },
      thumbnailer: { memoryMb: 1769, timeoutSeconds: 60, widths: [320, 720, 1440] },
      architecture: 'arm64',
      logRetentionDays: 30,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['siteOrigins', { ...BASE, siteOrigins: [] }],
    ['siteOrigins', { ...BASE, siteOrigins: ['https://example.com/path'] }],
    ['issuers\\[0\\].issuer', { ...BASE, issuers: [{ issuer: 'not a url', audience: 'a' }] }],
    ['issuers\\[0\\].audience', { ...BASE, issuers: [{ issuer: 'https://i.example', audience: [] }] }],
    ['bucket.encryption', { ...BASE, bucket: { encryption: 'aes' as 's3' } }],
    ['signer.endpoint', { ...BASE, signer: { endpoint: 'rest-api' as 'http-api' } }],
    ['thumbnailer.widths', { ...BASE, thumbnailer: { widths: [8] } }],
    ['thumbnailer.memoryMb', { ...BASE, thumbnailer: { memoryMb: 64 } }],
    ['cdn.priceClass', { ...BASE, cdn: { priceClass: 'PriceClass_50' as 'PriceClass_100' } }],
    ['cdn.domainName and cdn.certificateArn', { ...BASE, cdn: { domainName: 'images.example.com' } }],
    ['cdn.domainName', { ...BASE, cdn: { domainName: 'https://images.example.com', certificateArn: CERT } }],
    [
      'cdn.certificateArn',
      {
        ...BASE,
        cdn: { domainName: 'i.example.com', certificateArn: CERT.replace('us-east-1', 'eu-west-1') },
      },
    ],
    [
      'cdn.signedUrls.privateKeySecretArn',
      { ...BASE, cdn: { signedUrls: { publicKeyPem: EC_KEY, privateKeySecretArn: 'my-secret' } } },
    ],
    [
      'cdn.signedUrls.publicKeyPem',
      { ...BASE, cdn: { signedUrls: { publicKeyPem: 'not a key', privateKeySecretArn: SECRET } } },
    ],
    [
      'cdn.signedUrls.publicKeyPem',
      { ...BASE, cdn: { signedUrls: { publicKeyPem: RSA_4096, privateKeySecretArn: SECRET } } },
    ],
    ['cdn.waf.webAclArn', { ...BASE, cdn: { waf: { webAclArn: CERT } } }],
    ['cdn.waf.rateLimit', { ...BASE, cdn: { waf: { rateLimit: 5 } } }],
    ['signer.visibilities', { ...BASE, signer: { visibilities: ['shared' as 'public'] } }],
    [
      'signer.defaultVisibility',
      { ...BASE, signer: { visibilities: ['private' as const], defaultVisibility: 'public' as const } },
    ],
    ['signer.throttle.burstLimit', { ...BASE, signer: { throttle: { burstLimit: 0 } } }],
    ['signer.ownerIdSecretArn', { ...BASE, signer: { ownerIdSecretArn: 'image-uploader/owner-id' } }],
    ['signer.ownerIdSecretArn', { ...BASE, signer: { ownerIdSecretArn: SECRET.replace(/-AbCdEf$/, '') } }],
    [
      'signer.ownerIdSecretArn rather than OWNER_ID_SECRET',
      { ...BASE, signer: { environment: { OWNER_ID_SECRET: 'x'.repeat(44) } } },
    ],
    [
      'signer.ownerIdSecretArn rather than OWNER_ID_SECRET_ARN',
      { ...BASE, signer: { environment: { OWNER_ID_SECRET_ARN: SECRET } } },
    ],
    ['architecture', { ...BASE, architecture: 'riscv' as 'arm64' }],
    ['signer.limits.maxFiles', { ...BASE, signer: { limits: { maxFiles: 0 } } }],
    ['signer.limits.allowedTypes', { ...BASE, signer: { limits: { allowedTypes: ['text/html'] } } }],
    [
      'thumbnailer.maxSourceBytes',
      { ...BASE, signer: { limits: { maxBytes: 100 } }, thumbnailer: { maxSourceBytes: 99 } },
    ],
  ])('rejects an invalid %s with a TypeError naming it', (setting, input) => {
    expect(() => resolveConfig(input)).toThrow(TypeError);
    expect(() => resolveConfig(input)).toThrow(new RegExp(setting));
  });
});

describe('cdn', () => {
  it('defaults to price class 100, thumbnails only, no signed URLs, and a new web ACL', () => {
    expect(resolveConfig(BASE).cdn).toEqual({
      priceClass: 'PriceClass_100',
      publicOriginals: false,
      waf: { mode: 'create', rateLimit: 1000 },
    });
  });

  it('accepts a custom domain, signed URLs with an RSA 2048 or P-256 key, and an existing web ACL', () => {
    const acl =
      'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0f7e6a2c-1111-2222-3333-444455556666';
    for (const publicKeyPem of [EC_KEY, RSA_2048]) {
      const cdn = resolveConfig({
        ...BASE,
        cdn: {
          domainName: 'images.example.com',
          certificateArn: CERT,
          signedUrls: { publicKeyPem, privateKeySecretArn: SECRET },
          waf: { webAclArn: acl },
        },
      }).cdn;
      expect(cdn.domain).toEqual({ name: 'images.example.com', certificateArn: CERT });
      expect(cdn.signedUrls?.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      expect(cdn.waf).toEqual({ mode: 'existing', webAclArn: acl });
    }
    expect(resolveConfig({ ...BASE, cdn: { waf: false } }).cdn.waf).toEqual({ mode: 'off' });
  });

  it('tells the signer who may publish and whether originals are published', () => {
    const env = (signer: ImageUploaderConfig['signer'], publicOriginals?: boolean) =>
      resolveConfig({ ...BASE, signer, cdn: { ...(publicOriginals && { publicOriginals }) } }).signer
        .environment;
    expect(env({ visibilities: ['public', 'private'], defaultVisibility: 'private' }, true)).toEqual({
      UPLOAD_VISIBILITIES: 'public,private',
      UPLOAD_DEFAULT_VISIBILITY: 'private',
      PUBLIC_ORIGINALS: 'true',
      ...QUOTA_ENV,
    });
    // The signer's own default, private, would not be allowed.
    expect(env({ visibilities: ['public'] })).toEqual({
      UPLOAD_VISIBILITIES: 'public',
      UPLOAD_DEFAULT_VISIBILITY: 'public',
      ...QUOTA_ENV,
    });
    expect(env(undefined)).toEqual(QUOTA_ENV);
  });
});

describe('events', () => {
  const HOOK = 'https://app.example.com/webhooks/images';
  const events = (input: ImageUploaderConfig['events']) => resolveConfig({ ...BASE, events: input }).events;

  it('defaults to a new bus and no webhook', () => {
    expect(resolveConfig(BASE).events).toEqual({ bus: { mode: 'create' } });
  });

  it("takes the operator's bus by name or ARN, and a webhook with its defaults", () => {
    const arn = 'arn:aws:events:eu-west-1:123456789012:event-bus/shared';
    expect(events({ eventBusName: 'default' }).bus).toEqual({ mode: 'existing', name: 'default' });
    expect(events({ eventBusName: arn }).bus).toEqual({ mode: 'existing', arn });
    expect(events({ webhookUrl: HOOK }).webhook).toEqual({ url: HOOK, maxAttempts: 8, concurrency: 2 });
    expect(
      events({ webhookUrl: HOOK, webhookSecretArn: SECRET, maxAttempts: 12, concurrency: 5 }).webhook,
    ).toEqual({ url: HOOK, secretArn: SECRET, maxAttempts: 12, concurrency: 5 });
  });

  it.each([
    ['events.webhookUrl', { webhookUrl: 'http://app.example.com/hook' }],
    ['events.webhookUrl', { webhookUrl: 'app.example.com/hook' }],
    ['events.webhookUrl', { webhookUrl: 'https://user:pass@app.example.com/hook' }],
    ['events.webhookSecretArn', { webhookUrl: HOOK, webhookSecretArn: 'my-secret' }],
    ['events.maxAttempts', { webhookUrl: HOOK, maxAttempts: 0 }],
    ['events.maxAttempts', { webhookUrl: HOOK, maxAttempts: 1001 }],
    ['events.concurrency', { webhookUrl: HOOK, concurrency: 1 }],
    ['events.eventBusName', { eventBusName: 'my bus' }],
    ['events.eventBusName', { eventBusName: 'arn:aws:sqs:eu-west-1:123456789012:queue' }],
    ['events.webhookUrl with events.webhookSecretArn', { webhookSecretArn: SECRET }],
    ['events.webhookUrl with events.maxAttempts', { maxAttempts: 3 }],
  ])('rejects an invalid %s with a TypeError naming it', (setting, input) => {
    expect(() => events(input)).toThrow(TypeError);
    expect(() => events(input)).toThrow(new RegExp(setting));
  });

  it('never echoes a webhook URL it refuses (it may carry credentials)', () => {
    expect(() => events({ webhookUrl: 'http://user:hunter2@app.example.com' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(() => events({ webhookUrl: 'https://user:hunter2@app.example.com' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});

describe('limits', () => {
  it('become the signer and thumbnailer environment variables', () => {
    const config = resolveConfig({
      ...BASE,
      signer: {
        limits: {
          maxBytes: 1000,
          maxFiles: 5,
          urlTtlSeconds: 120,
          allowedTypes: ['image/jpeg', 'image/png'],
        },
      },
      thumbnailer: { maxSourceBytes: 2000, maxPixels: 40_000_000 },
    });
    expect(config.signer.environment).toEqual({
      UPLOAD_MAX_BYTES: '1000',
      UPLOAD_MAX_FILES: '5',
      UPLOAD_URL_TTL_SECONDS: '120',
      UPLOAD_ALLOWED_TYPES: 'image/jpeg,image/png',
      ...QUOTA_ENV,
    });
    expect(config.thumbnailer.environment).toEqual({ MAX_SOURCE_BYTES: '2000', MAX_PIXELS: '40000000' });
  });

  it('let the thumbnailer decode HEIC (ACCEPT_HEIC) when the signer allows image/heic, only then', () => {
    const heic = resolveConfig({
      ...BASE,
      signer: { limits: { allowedTypes: ['image/jpeg', 'image/heic'] } },
    });
    expect(heic.thumbnailer.environment).toEqual({ ACCEPT_HEIC: 'true' });
    expect(resolveConfig(BASE).thumbnailer.environment).toEqual({});
  });

  it('raise the thumbnailer source limit to the upload limit when that is larger than its default', () => {
    const config = resolveConfig({ ...BASE, signer: { limits: { maxBytes: 200 * 1024 * 1024 } } });
    expect(config.thumbnailer.environment).toEqual({ MAX_SOURCE_BYTES: String(200 * 1024 * 1024) });
    expect(
      resolveConfig({ ...BASE, signer: { limits: { maxBytes: 1024 } } }).thumbnailer.environment,
    ).toEqual({});
  });
});

describe('quota', () => {
  const STAFF = 'https://staff.example.com';
  const issuers = [...BASE.issuers, { issuer: STAFF, audience: 'staff' }];

  it('defaults to 1 GiB and 1000 images per owner, passed to the signer only', () => {
    const config = resolveConfig(BASE);
    expect(config.quota).toEqual({ bytes: 2 ** 30, images: 1000, overrides: {} });
    expect(config.signer.environment).toEqual(QUOTA_ENV);
    expect(config.thumbnailer.environment).toEqual({});
  });

  it('takes other limits, unlimited ones (false) and per-issuer overrides', () => {
    const config = resolveConfig({
      ...BASE,
      issuers,
      quota: {
        bytes: 5 * 2 ** 30,
        images: false,
        overrides: { [STAFF]: { bytes: 2 ** 40, images: 10_000 } },
      },
    });
    expect(config.quota).toEqual({
      bytes: 5 * 2 ** 30,
      images: null,
      overrides: { [STAFF]: { bytes: 2 ** 40, images: 10_000 } },
    });
    expect(config.signer.environment).toEqual({
      QUOTA_BYTES: String(5 * 2 ** 30),
      QUOTA_OVERRIDES: JSON.stringify({ [STAFF]: { bytes: 2 ** 40, images: 10_000 } }),
    });
    expect(resolveConfig({ ...BASE, quota: { bytes: false, images: false } }).signer.environment).toEqual({});
  });

  it.each([
    ['quota.bytes', { quota: { bytes: 0 } }],
    ['quota.bytes', { quota: { bytes: 1.5 } }],
    ['quota.images', { quota: { images: -1 } }],
    [
      `quota.overrides\\["${STAFF}"\\] to name one of issuers`,
      { quota: { overrides: { [STAFF]: { bytes: 1 } } } },
    ],
    [`quota.overrides\\["${STAFF}"\\] to set bytes`, { issuers, quota: { overrides: { [STAFF]: {} } } }],
    [`quota.overrides\\["${STAFF}"\\].images`, { issuers, quota: { overrides: { [STAFF]: { images: 0 } } } }],
    ['quota.bytes rather than QUOTA_BYTES', { signer: { environment: { QUOTA_BYTES: '1' } } }],
    [
      "the stack's quota table rather than QUOTA_TABLE",
      { thumbnailer: { environment: { QUOTA_TABLE: 't' } } },
    ],
    [
      "the stack's quota table rather than DYNAMODB_ENDPOINT",
      { signer: { environment: { DYNAMODB_ENDPOINT: 'http://x' } } },
    ],
  ] as [string, Partial<ImageUploaderConfig>][])('rejects %s with a TypeError', (name, patch) => {
    expect(() => resolveConfig({ ...BASE, ...patch })).toThrow(new RegExp(name));
    expect(() => resolveConfig({ ...BASE, ...patch })).toThrow(TypeError);
  });
});

describe('ceilings', () => {
  it('reserve 50 signer and 10 thumbnailer instances by default', () => {
    const config = resolveConfig(BASE);
    expect(config.signer.concurrency).toBe(50);
    expect(config.thumbnailer.concurrency).toBe(10);
  });

  it('take other values, or none (false)', () => {
    const config = resolveConfig({
      ...BASE,
      signer: { concurrency: 200 },
      thumbnailer: { concurrency: false },
    });
    expect(config.signer.concurrency).toBe(200);
    expect(config.thumbnailer).not.toHaveProperty('concurrency');
  });

  it.each([
    ['signer.concurrency', { signer: { concurrency: 0 } }],
    ['thumbnailer.concurrency', { thumbnailer: { concurrency: 2.5 } }],
  ] as [string, Partial<ImageUploaderConfig>][])('rejects an invalid %s', (name, patch) => {
    expect(() => resolveConfig({ ...BASE, ...patch })).toThrow(new RegExp(`for ${name} but received`));
  });
});

describe('applyContext', () => {
  it('overrides the file with `cdk -c` values', () => {
    const context: Record<string, string> = {
      siteOrigins: 'https://a.example, https://b.example',
      issuers: JSON.stringify([{ issuer: 'https://issuer.example', audience: 'x' }]),
      encryption: 'kms',
      endpoint: 'http-api',
      existingBucketName: 'photos',
      architecture: 'x86_64',
      domainName: 'images.example.com',
      certificateArn: CERT,
      priceClass: 'PriceClass_200',
      wafRateLimit: '300',
      eventBusName: 'default',
      webhookUrl: 'https://app.example.com/hook',
      webhookSecretArn: SECRET,
      ownerIdSecretArn: SECRET,
      quotaBytes: String(5 * 2 ** 30),
      quotaImages: 'off',
      signerConcurrency: '20',
      thumbnailerConcurrency: 'off',
    };
    const config = resolveConfig(applyContext(BASE, (key) => context[key]));
    expect(config.quota).toEqual({ bytes: 5 * 2 ** 30, images: null, overrides: {} });
    expect(config.signer.concurrency).toBe(20);
    expect(config.thumbnailer).not.toHaveProperty('concurrency');
    expect(config.cdn).toMatchObject({
      domain: { name: 'images.example.com', certificateArn: CERT },
      priceClass: 'PriceClass_200',
      waf: { mode: 'create', rateLimit: 300 },
    });
    expect(resolveConfig(applyContext(BASE, (key) => (key === 'waf' ? 'off' : undefined))).cdn.waf).toEqual({
      mode: 'off',
    });
    expect(config.siteOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.issuers).toEqual([{ issuer: 'https://issuer.example', audience: 'x' }]);
    expect(config.bucket).toMatchObject({ encryption: 'kms', existingBucketName: 'photos' });
    expect(config.signer).toMatchObject({ endpoint: 'http-api', ownerIdSecretArn: SECRET });
    expect(config.architecture).toBe('x86_64');
    expect(config.events).toEqual({
      bus: { mode: 'existing', name: 'default' },
      webhook: { url: 'https://app.example.com/hook', secretArn: SECRET, maxAttempts: 8, concurrency: 2 },
    });
  });

  it('leaves the file alone without context, and rejects issuers that are not a JSON array', () => {
    expect(resolveConfig(applyContext(BASE, () => undefined))).toEqual(resolveConfig(BASE));
    expect(() => applyContext(BASE, (key) => (key === 'issuers' ? '{"issuer":1}' : undefined))).toThrow(
      TypeError,
    );
    expect(() => applyContext(BASE, (key) => (key === 'quotaBytes' ? '1GB' : undefined))).toThrow(
      /context quotaBytes to be a number or off/,
    );
  });
});
