import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

const base = {
  S3_BUCKET: 'images',
  AUTH_ISSUERS: '[{"issuer":"https://accounts.google.com","audience":"123.apps"}]',
};

describe('loadConfig', () => {
  it('fills documented defaults and freezes the result', () => {
    const config = loadConfig(base);
    expect(config.uploads).toMatchObject({ maxBytes: 50 * 1024 * 1024, urlTtlSeconds: 300, maxFiles: 20 });
    expect(config.uploads.allowedTypes).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/avif',
      'image/gif',
    ]);
    expect(Object.isFrozen(config.uploads)).toBe(true);
    expect(config.s3.credentials).toBeUndefined();
  });

  it('reads the shared boolean rule (contract/env.ts): true/false and 1/0', () => {
    expect(loadConfig({ ...base, S3_FORCE_PATH_STYLE: '1' }).s3.forcePathStyle).toBe(true);
    expect(loadConfig({ ...base, S3_FORCE_PATH_STYLE: '0' }).s3.forcePathStyle).toBe(false);
    expect(loadConfig({ ...base, S3_FORCE_PATH_STYLE: 'true' }).s3.forcePathStyle).toBe(true);
  });

  it.each([
    [{ S3_BUCKET: '' }, /S3_BUCKET/],
    [{ AUTH_ISSUERS: '', AUTH_HS256_SECRET: '' }, /AUTH_ISSUERS or AUTH_HS256_SECRET/],
    [{ AUTH_ISSUERS: '{' }, /AUTH_ISSUERS/],
    [
      { AUTH_ISSUERS: '[{"issuer":"https://x","audience":"a","algorithms":["HS256"]}]' },
      /AUTH_ISSUERS\[0\]\.algorithms/,
    ],
    [{ AUTH_HS256_SECRET: 'short', AUTH_HS256_ISSUER: 'i', AUTH_HS256_AUDIENCE: 'a' }, /AUTH_HS256_SECRET/],
    [{ UPLOAD_MAX_BYTES: '-1' }, /UPLOAD_MAX_BYTES/],
    [{ UPLOAD_URL_TTL_SECONDS: 'soon' }, /UPLOAD_URL_TTL_SECONDS/],
    [{ UPLOAD_ALLOWED_TYPES: 'image/svg+xml' }, /UPLOAD_ALLOWED_TYPES/],
    [{ CORS_ORIGINS: 'https://example.com/path' }, /CORS_ORIGINS/],
    [{ S3_ENDPOINT: 'not a url' }, /S3_ENDPOINT/],
    [{ S3_ACCESS_KEY_ID: 'only-half' }, /S3_SECRET_ACCESS_KEY/],
    [{ S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE/],
    [{ UPLOAD_MAX_FILES: '1e1' }, /UPLOAD_MAX_FILES/],
    [{ LIST_PAGE_SIZE: '0x10' }, /LIST_PAGE_SIZE/],
  ])('refuses %o with a TypeError naming the variable', (override, name) => {
    expect(() => loadConfig({ ...base, ...override })).toThrow(TypeError);
    expect(() => loadConfig({ ...base, ...override })).toThrow(name);
  });
});
