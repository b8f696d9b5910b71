/**
 * Fast SigV4 query-string presigning for the few request shapes the signer hands out.
 *
 * `getSignedUrl(client, new PutObjectCommand(...))` runs the SDK's whole middleware stack
 * (≈ 0.6–0.9 ms a call); presigning a prebuilt `HttpRequest` with `S3RequestPresigner` gives the
 * same URL in ≈ 60 µs and does not load `@aws-sdk/client-s3` at all.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  HttpRequest as SignedRequest,
} from '@smithy/types';
import type { SignerConfig } from '../config.js';

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
): Presign {
  const presigner = new S3RequestPresigner({ credentials, region: s3.region, sha256: Sha256 });
  const base = bucketBaseUrl(s3);
  return async ({ method, key, expiresInSeconds, query = {}, headers = {}, signingDate }) => {
    const request = new HttpRequest({
      method,
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port && { port: Number(base.port) }),
      path: `${base.pathname === '/' ? '' : base.pathname}/${encodeKey(key)}`,
      query: { ...query },
      headers: { ...headers, host: base.host },
    });
    const signed = await presigner.presign(request, {
      expiresIn: expiresInSeconds,
      signableHeaders: new Set(Object.keys(headers).map((name) => name.toLowerCase())),
      ...(signingDate && { signingDate }),
    });
    const { host: _host, ...clientHeaders } = signed.headers;
    return { url: formatUrl(signed), headers: clientHeaders };
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
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

function formatUrl(request: SignedRequest): string {
  const query = Object.entries(request.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join('&');
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
}
