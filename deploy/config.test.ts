import { describe, expect, it } from 'vitest';
import { resolveConfig } from './config.js';
import type { ImageUploaderConfig } from './config.js';
import { applyContext } from './context.js';

const BASE: ImageUploaderConfig = {
  siteOrigins: ['https://example.com'],
  issuers: [{ issuer: 'https://accounts.google.com', audience: 'client' }],
};

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
    });
    expect(config.thumbnailer.environment).toEqual({ MAX_SOURCE_BYTES: '2000', MAX_PIXELS: '40000000' });
  });

  it('raise the thumbnailer source limit to the upload limit when that is larger than its default', () => {
    const config = resolveConfig({ ...BASE, signer: { limits: { maxBytes: 200 * 1024 * 1024 } } });
    expect(config.thumbnailer.environment).toEqual({ MAX_SOURCE_BYTES: String(200 * 1024 * 1024) });
    expect(
      resolveConfig({ ...BASE, signer: { limits: { maxBytes: 1024 } } }).thumbnailer.environment,
    ).toEqual({});
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
    };
    const config = resolveConfig(applyContext(BASE, (key) => context[key]));
    expect(config.siteOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.issuers).toEqual([{ issuer: 'https://issuer.example', audience: 'x' }]);
    expect(config.bucket).toMatchObject({ encryption: 'kms', existingBucketName: 'photos' });
    expect(config.signer.endpoint).toBe('http-api');
    expect(config.architecture).toBe('x86_64');
  });

  it('leaves the file alone without context, and rejects issuers that are not a JSON array', () => {
    expect(resolveConfig(applyContext(BASE, () => undefined))).toEqual(resolveConfig(BASE));
    expect(() => applyContext(BASE, (key) => (key === 'issuers' ? '{"issuer":1}' : undefined))).toThrow(
      TypeError,
    );
  });
});
