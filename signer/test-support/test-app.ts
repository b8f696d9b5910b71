/** Builds a signer app for tests from a few settings, with the HS256 login always available. */
import { SignJWT } from 'jose';
import type { LocalS3 } from '../../stack/local-s3.js';
import { createApp, type AppDependencies } from '../app.js';
import { loadConfig } from '../config.js';

export const TEST_AUDIENCE = 'https://signer.test';
export const TEST_HS256 = {
  issuer: 'https://login.example.test',
  audience: 'image-uploader',
  secret: 'x'.repeat(40),
};

/**
 * The `OWNER_ID_SECRET` of every signer the tests and benchmarks build themselves (never used
 * outside them): fixed, so owner ids are the same in every run.
 */
export const TEST_OWNER_ID_SECRET = 'test-owner-id-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Small upload limits for tests that drive both upload paths: at most three files of 20 MiB,
 * multipart from 6 MiB in 5 MiB parts.
 */
export const SMALL_UPLOAD_LIMITS = {
  UPLOAD_MAX_BYTES: String(20 * 1024 * 1024),
  UPLOAD_MAX_FILES: '3',
  MULTIPART_THRESHOLD_BYTES: String(6 * 1024 * 1024),
  MULTIPART_PART_SIZE_BYTES: String(5 * 1024 * 1024),
};

export interface TestAppOptions {
  issuers?: object[];
  /** The S3 to use (default: a closed port, for tests that never reach S3). */
  s3?: Pick<LocalS3, 'endpoint' | 'accessKeyId' | 'secretAccessKey'>;
  env?: Record<string, string>;
  deps?: AppDependencies;
}

export function createTestApp(options: TestAppOptions = {}) {
  const config = loadConfig({
    S3_BUCKET: 'images',
    S3_REGION: 'us-east-1',
    S3_ENDPOINT: options.s3?.endpoint ?? 'http://127.0.0.1:9',
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: options.s3?.accessKeyId ?? 'S3RVER',
    S3_SECRET_ACCESS_KEY: options.s3?.secretAccessKey ?? 'S3RVER',
    AUTH_ISSUERS: JSON.stringify(options.issuers ?? []),
    AUTH_HS256_SECRET: TEST_HS256.secret,
    AUTH_HS256_ISSUER: TEST_HS256.issuer,
    AUTH_HS256_AUDIENCE: TEST_HS256.audience,
    OWNER_ID_SECRET: TEST_OWNER_ID_SECRET,
    AUTH_JWKS_TIMEOUT_MS: '300',
    CORS_ORIGINS: 'http://localhost:5173',
    ...options.env,
  });
  const errors: unknown[] = [];
  const app = createApp(config, { logError: (_m, e) => errors.push(e), ...options.deps });
  return { app, config, errors };
}

/** `POST /v1/uploads` for one small JPEG: the cheapest authenticated request (no S3 call). */
export function requestTicket(app: ReturnType<typeof createTestApp>['app'], headers: Record<string, string>) {
  return app.request('/v1/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ files: [{ name: 'a.jpg', type: 'image/jpeg', size: 1000 }] }),
  });
}

/** An HS256 token of the custom login for `sub`. */
export async function customLoginToken(sub: string, expiresIn = '5m'): Promise<string> {
  return new SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TEST_HS256.issuer)
    .setAudience(TEST_HS256.audience)
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(TEST_HS256.secret));
}
