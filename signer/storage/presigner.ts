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
  return async ({
    method,
    key,
    expiresInSeconds,
    query = {},
    headers = {},
    signingDate = new Date(now()),
  }) => {
    const signedHeaders = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const url = await sign({
      method,
      protocol: base.protocol,
      host: base.host,
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

/** RFC 3986 encoding per path segment, as SigV4 canonical URIs for S3 expect (slashes kept). */
function encodeKey(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}
