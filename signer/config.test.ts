import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

/** A PEM private key's shape (the config checks the shape; cloudfront-url.test.ts signs with a real key). */
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';

const base = {
  S3_BUCKET: 'images',
  AUTH_ISSUERS: '[{"issuer":"https://accounts.google.com","audience":"123.apps"}]',
  OWNER_ID_SECRET: 'config-test-owner-id-secret-0123456789abcdef',
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

  it('allows HEIC only when UPLOAD_ALLOWED_TYPES lists it (the thumbnailer decodes it with ACCEPT_HEIC)', () => {
    expect(loadConfig(base).uploads.allowedTypes).not.toContain('image/heic');
    const config = loadConfig({ ...base, UPLOAD_ALLOWED_TYPES: 'image/jpeg,image/heic' });
    expect(config.uploads.allowedTypes).toEqual(['image/jpeg', 'image/heic']);
  });

  describe('quotas and rate limits', () => {
    it('count nothing and limit in-process by default, with room for 100 files at once', () => {
      const config = loadConfig(base);
      expect(config.quota).toBeUndefined();
      expect(config.rateLimit).toEqual({ requestsPerMinute: 300, burst: 200 });
      expect(config.badTokenLimit).toEqual({ requestsPerMinute: 60, burst: 30 });
    });

    it('read QUOTA_TABLE, DYNAMODB_ENDPOINT, QUOTA_BYTES, QUOTA_IMAGES and QUOTA_OVERRIDES', () => {
      const config = loadConfig({
        ...base,
        QUOTA_TABLE: 'uploader-quota',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567',
        QUOTA_BYTES: '1000000',
        QUOTA_OVERRIDES: '{"https://accounts.google.com": {"bytes": null, "images": 5}}',
        AWS_REGION: 'eu-west-1',
      });
      expect(config.quota).toEqual({
        table: 'uploader-quota',
        endpoint: 'http://127.0.0.1:4567',
        region: 'eu-west-1',
        bytes: 1_000_000,
        images: null,
        overrides: { 'https://accounts.google.com': { bytes: null, images: 5 } },
      });
      expect(Object.isFrozen(config.quota!.overrides)).toBe(true);
    });

    it.each(['QUOTA_BYTES', 'QUOTA_IMAGES', 'QUOTA_OVERRIDES', 'DYNAMODB_ENDPOINT'])(
      'refuses %s without QUOTA_TABLE, naming both',
      (name) => {
        const value =
          name === 'QUOTA_OVERRIDES' ? '{}' : name === 'DYNAMODB_ENDPOINT' ? 'http://127.0.0.1:1' : '5';
        expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(`QUOTA_TABLE.*${name}`));
      },
    );

    it.each([
      ['QUOTA_TABLE', 'a b'],
      ['QUOTA_BYTES', '0'],
      ['QUOTA_IMAGES', '1.5'],
      ['QUOTA_OVERRIDES', '[]'],
      ['QUOTA_OVERRIDES', '{"https://i.example": {"files": 3}}'],
      ['QUOTA_OVERRIDES', '{"https://i.example": {"bytes": -1}}'],
      ['QUOTA_OVERRIDES', 'nope'],
    ])('refuses %s=%s', (name, value) => {
      expect(() => loadConfig({ ...base, QUOTA_TABLE: 'quota', [name]: value })).toThrow(
        expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(name) }),
      );
    });
  });

  describe('AUTH_HEADER', () => {
    it('defaults to authorization and is lower-cased', () => {
      expect(loadConfig(base).auth.header).toBe('authorization');
      expect(loadConfig({ ...base, AUTH_HEADER: ' X-Forwarded-Authorization ' }).auth.header).toBe(
        'x-forwarded-authorization',
      );
    });

    it.each(['x forwarded', 'x-token:', 'Authorization\r\nX-Evil'])('refuses %j', (value) => {
      expect(() => loadConfig({ ...base, AUTH_HEADER: value })).toThrow(/AUTH_HEADER/);
    });
  });

  describe('EVENT_BUS_NAME', () => {
    it('is unset by default (no events), and takes a bus name or ARN', () => {
      expect(loadConfig(base).events.busName).toBeUndefined();
      expect(loadConfig({ ...base, EVENT_BUS_NAME: ' ' }).events.busName).toBeUndefined();
      for (const name of [
        'image-events',
        'default',
        'arn:aws:events:eu-west-1:123456789012:event-bus/image-events',
        'arn:aws-us-gov:events:us-gov-west-1:123456789012:event-bus/a.b_c/d',
      ]) {
        expect(loadConfig({ ...base, EVENT_BUS_NAME: name }).events.busName).toBe(name);
      }
    });

    it.each(['image events', 'a'.repeat(257), 'arn:aws:sqs:eu-west-1:123456789012:queue', 'bus\nX'])(
      'refuses %j naming the setting',
      (value) => {
        expect(() => loadConfig({ ...base, EVENT_BUS_NAME: value })).toThrow(/EVENT_BUS_NAME/);
      },
    );
  });

  describe('delivery', () => {
    it('defaults to private uploads only, no CDN, no public originals', () => {
      const config = loadConfig(base);
      expect(config.uploads).toMatchObject({ visibilities: ['private'], defaultVisibility: 'private' });
      expect(config.delivery).toEqual({ publicOriginals: false });
    });

    it('reads the visibilities, the CDN and CloudFront signing', () => {
      const config = loadConfig({
        ...base,
        UPLOAD_VISIBILITIES: 'public, private',
        UPLOAD_DEFAULT_VISIBILITY: 'public',
        IMAGE_BASE_URL: 'https://cdn.example.com/images',
        PUBLIC_ORIGINALS: 'true',
        CDN_DISTRIBUTION_ID: 'E2QWRUHAPOMQZL',
        CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
        // As a console stores a PEM in one line.
        CLOUDFRONT_PRIVATE_KEY: PEM.replaceAll('\n', '\\n'),
      });
      expect(config.uploads).toMatchObject({
        visibilities: ['public', 'private'],
        defaultVisibility: 'public',
      });
      expect(config.delivery).toEqual({
        imageBaseUrl: 'https://cdn.example.com/images',
        publicOriginals: true,
        distributionId: 'E2QWRUHAPOMQZL',
        cloudFrontSigning: { keyPairId: 'K2JCJMDEHXQW5F', privateKey: PEM },
      });
    });
  });

  it('reads the issuer failure cooldown and the open-upload cap', () => {
    const config = loadConfig({ ...base, AUTH_ISSUER_FAILURE_COOLDOWN_MS: '5000', MAX_OPEN_UPLOADS: '3' });
    expect(config.auth.issuerFailureCooldownMs).toBe(5000);
    expect(config.uploads.maxOpenUploads).toBe(3);
    expect(loadConfig(base).auth.issuerFailureCooldownMs).toBe(30_000);
    expect(loadConfig(base).uploads.maxOpenUploads).toBe(20);
    expect(() => loadConfig({ ...base, MAX_OPEN_UPLOADS: '0' })).toThrow(/MAX_OPEN_UPLOADS/);
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
    [{ OWNER_ID_SECRET: ' ' }, /OWNER_ID_SECRET/],
    [{ OWNER_ID_SECRET: 'x'.repeat(31) }, /OWNER_ID_SECRET/],
    [{ UPLOAD_MAX_BYTES: '-1' }, /UPLOAD_MAX_BYTES/],
    [{ UPLOAD_URL_TTL_SECONDS: 'soon' }, /UPLOAD_URL_TTL_SECONDS/],
    [{ UPLOAD_ALLOWED_TYPES: 'image/svg+xml' }, /UPLOAD_ALLOWED_TYPES/],
    [{ CORS_ORIGINS: 'https://example.com/path' }, /CORS_ORIGINS/],
    [{ S3_ENDPOINT: 'not a url' }, /S3_ENDPOINT/],
    [{ S3_ACCESS_KEY_ID: 'only-half' }, /S3_SECRET_ACCESS_KEY/],
    [{ S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE/],
    [{ UPLOAD_MAX_FILES: '1e1' }, /UPLOAD_MAX_FILES/],
    [{ LIST_PAGE_SIZE: '0x10' }, /LIST_PAGE_SIZE/],
    [{ UPLOAD_VISIBILITIES: 'public,secret' }, /UPLOAD_VISIBILITIES/],
    [{ UPLOAD_VISIBILITIES: ',' }, /UPLOAD_VISIBILITIES/],
    [{ UPLOAD_DEFAULT_VISIBILITY: 'public' }, /UPLOAD_DEFAULT_VISIBILITY/],
    [{ UPLOAD_VISIBILITIES: 'public', UPLOAD_DEFAULT_VISIBILITY: 'private' }, /UPLOAD_DEFAULT_VISIBILITY/],
    [{ IMAGE_BASE_URL: 'cdn.example.com' }, /IMAGE_BASE_URL/],
    [{ IMAGE_BASE_URL: 'https://cdn.example.com/' }, /IMAGE_BASE_URL/],
    [{ IMAGE_BASE_URL: 'https://cdn.example.com?x=1' }, /IMAGE_BASE_URL/],
    [{ PUBLIC_ORIGINALS: 'yes' }, /PUBLIC_ORIGINALS/],
    [{ CDN_DISTRIBUTION_ID: 'arn:aws:cloudfront::1:distribution/E1' }, /CDN_DISTRIBUTION_ID/],
    [{ CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F' }, /CLOUDFRONT_PRIVATE_KEY/],
    [
      {
        CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F',
        CLOUDFRONT_PRIVATE_KEY: 'secret',
        IMAGE_BASE_URL: 'https://c.test',
      },
      /CLOUDFRONT_PRIVATE_KEY/,
    ],
    [{ CLOUDFRONT_KEY_PAIR_ID: 'K2JCJMDEHXQW5F', CLOUDFRONT_PRIVATE_KEY: PEM }, /IMAGE_BASE_URL/],
  ])('refuses %o with a TypeError naming the variable', (override, name) => {
    expect(() => loadConfig({ ...base, ...override })).toThrow(TypeError);
    expect(() => loadConfig({ ...base, ...override })).toThrow(name);
  });
});
