/**
 * Presigned URLs for the few request shapes the signer hands out: a PUT of an original (type and
 * size signed), a PUT of a multipart part, a GET.
 *
 * `getSignedUrl(client, new PutObjectCommand(...))` runs the SDK's whole middleware stack
 * (≈ 0.6–0.9 ms a URL); the signer signs directly (see sigv4-query.ts) and never loads
 * `@aws-sdk/client-s3` to presign.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { SignerConfig } from '../config.js';
import { createQueryPresigner, uriEncode } from './sigv4-query.js';

export interface PresignedRequest {
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
}

export interface PresignOptions {
  method: 'GET' | 'PUT';
  key: string;
  expiresInSeconds: number;
  query?: Record<string, string>;
  /** Headers to sign; the client must send them with these exact values. */
  headers?: Record<string, string>;
  signingDate?: Date;
}

export type Presign = (options: PresignOptions) => Promise<PresignedRequest>;

/** Creates a presigner for the configured bucket, endpoint and addressing style. */
export function createPresigner(
  s3: SignerConfig['s3'],
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  /** Milliseconds clock the URLs are signed at (injected by tests). */
  now: () => number = Date.now,
): Presign {
  const sign = createQueryPresigner(s3.region, credentials);
  const base = bucketBaseUrl(s3);
  const basePath = base.pathname === '/' ? '' : base.pathname;
  // Read once: URL's getters are not free, and these never change.
  const { protocol, host } = base;
  return async ({
    method,
    key,
    expiresInSeconds,
    query = {},
    headers = {},
    signingDate = new Date(now()),
  }) => {
    const signedHeaders = lowerCaseNames(headers);
    const url = await sign({
      method,
      protocol,
      host,
      path: `${basePath}/${encodeKey(key)}`,
      query,
      headers: signedHeaders,
      expiresInSeconds,
      signingDate,
    });
    return { url, headers: signedHeaders };
  };
}

/** Where the bucket's objects live: virtual-hosted style unless path style is asked for. */
function bucketBaseUrl(s3: SignerConfig['s3']): URL {
  if (s3.endpoint) {
    const endpoint = new URL(s3.endpoint);
    // Like the SDK: an IP address or localhost has no bucket subdomains, so path style it is.
    const pathStyle = s3.forcePathStyle || /^(\d+\.){3}\d+$|^\[.*\]$|^localhost$/.test(endpoint.hostname);
    if (pathStyle) return new URL(`${endpoint.origin}${endpoint.pathname.replace(/\/$/, '')}/${s3.bucket}`);
    return new URL(`${endpoint.protocol}//${s3.bucket}.${endpoint.host}`);
  }
  const host = `s3.${s3.region}.amazonaws.com`;
  return s3.forcePathStyle
    ? new URL(`https://${host}/${s3.bucket}`)
    : new URL(`https://${s3.bucket}.${host}`);
}

/**
 * `headers` with lower-case names: the object itself when they all are (the signer's own callers
 * pass them so, and the caller's object becomes the answer), else a copy. A ticket signs a dozen
 * headers: copying them through `Object.entries`/`fromEntries` on every ticket, with the URL's
 * getters read each time, made this function's own share of the signer's CPU 4.5 µs a ticket; 0.7 µs
 * now (bench/signer.ts with BENCH_SIGNER_CPU_PROF, self time per request).
 */
function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  let lower = true;
  for (const name in headers) if (name !== name.toLowerCase()) lower = false;
  if (lower) return headers;
  const copy: Record<string, string> = {};
  for (const name in headers) copy[name.toLowerCase()] = headers[name]!;
  return copy;
}

/** A key of RFC 3986 unreserved characters and slashes: its canonical URI as it is. */
const PLAIN_KEY = /^[\w.~/-]*$/;

/** RFC 3986 encoding per path segment, as SigV4 canonical URIs for S3 expect (slashes kept). */
function encodeKey(key: string): string {
  // Every key the signer makes (owner, id, extension) is plain: one test, not a split and a join
  // (2.2 µs a ticket in the server's CPU profile, 0.3 µs now).
  if (PLAIN_KEY.test(key)) return key;
  return key.split('/').map(uriEncode).join('/');
}
