/**
 * The local stand-in for the CDN: an HTTP server on 127.0.0.1 that serves exactly what the
 * deployed CloudFront distribution serves from the bucket, and nothing else.
 *
 * - `GET`/`HEAD /public/{id}/{width}.{webp|jpg}` and `/public/{id}/original.{ext}` (the keys
 *   `parsePublicKey` accepts, contract/object-keys.ts), read from the local S3 (s3rver or radosgw)
 *   with the stack's own credentials, as CloudFront reads through origin access control;
 * - with `Cache-Control: public, max-age=31536000, immutable`, the object's `Content-Type`,
 *   `ETag`, `Last-Modified` and length, `X-Content-Type-Options: nosniff`,
 *   `Cross-Origin-Resource-Policy: cross-origin` and `Access-Control-Allow-Origin: *` (so
 *   `<img crossorigin>` and canvas reads work from any site), as the distribution's response
 *   headers policy adds them; conditional (`If-None-Match` → 304) and range requests pass through;
 * - 404 for every other path: private thumbnails, manifests, originals that are not public, the
 *   bucket's listing, and paths with `..`, encoded characters or extra segments (the raw path must
 *   match a public key exactly, so nothing is decoded or normalised first); 405 for other methods.
 */
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { PUBLIC_CACHE_CONTROL } from '../contract/cache-control.js';
import { parsePublicKey } from '../contract/object-keys.js';
import { localS3Client, type LocalS3 } from './local-s3.js';

/** Options of {@link startLocalCdn}. */
export interface LocalCdnOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The local S3 it reads from. */
  s3: Pick<LocalS3, 'endpoint' | 'bucket' | 'region' | 'accessKeyId' | 'secretAccessKey'>;
}

/** A running local CDN. */
export interface LocalCdn {
  /** `http://127.0.0.1:{port}`: the signer's `IMAGE_BASE_URL`. */
  url: string;
  close(): Promise<void>;
}

/** Headers on every answer, as the distribution's response headers policy sets them. */
const ALWAYS = {
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'cross-origin',
  'access-control-allow-origin': '*',
};

/**
 * Starts the local CDN.
 * @example const cdn = await startLocalCdn({ s3 }); // IMAGE_BASE_URL=cdn.url
 */
export async function startLocalCdn(options: LocalCdnOptions): Promise<LocalCdn> {
  const client = localS3Client(options.s3);
  const server = createServer((request, response) => {
    serve(client, options.s3.bucket, request, response).catch(() => {
      // The S3 failed or the reader went away mid-body: CloudFront answers 502 when it can.
      if (!response.headersSent) answer(response, 502, 'Bad gateway');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.destroy();
    },
  };
}

async function serve(
  client: S3Client,
  bucket: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('allow', 'GET, HEAD');
    return answer(response, 405, 'Method not allowed');
  }
  // The raw path, query dropped (the cache policy ignores it), never decoded: a public key has
  // only [a-z0-9.-/], so `%2F`, `%2e%2e`, `..` and `//` simply do not match.
  const path = (request.url ?? '').split('?', 1)[0]!;
  const key = path.slice(1);
  if (!path.startsWith('/') || !parsePublicKey(key)) return answer(response, 404, 'Not found');

  const input = {
    Bucket: bucket,
    Key: key,
    ...(request.headers['if-none-match'] && { IfNoneMatch: request.headers['if-none-match'] }),
  };
  let object;
  try {
    object =
      request.method === 'HEAD'
        ? await client.send(new HeadObjectCommand(input))
        : await client.send(
            new GetObjectCommand({
              ...input,
              ...(request.headers.range && { Range: request.headers.range }),
            }),
          );
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 304) {
      response.writeHead(304, { ...ALWAYS, 'cache-control': PUBLIC_CACHE_CONTROL, etag: input.IfNoneMatch });
      return void response.end();
    }
    // A missing key (404, or 403 where S3 hides it): as CloudFront with an error page for both.
    if (status === 404 || status === 403) return answer(response, 404, 'Not found');
    throw error;
  }
  const range = 'ContentRange' in object ? object.ContentRange : undefined;
  response.writeHead(range ? 206 : 200, {
    ...ALWAYS,
    'cache-control': PUBLIC_CACHE_CONTROL,
    'content-type': object.ContentType ?? 'application/octet-stream',
    'content-length': String(object.ContentLength ?? 0),
    'accept-ranges': 'bytes',
    ...(object.ETag && { etag: object.ETag }),
    ...(object.LastModified && { 'last-modified': object.LastModified.toUTCString() }),
    ...(range && { 'content-range': range }),
  });
  const body = 'Body' in object ? (object.Body as Readable | undefined) : undefined;
  if (!body) return void response.end();
  body.pipe(response);
  await new Promise<void>((resolve, reject) => {
    body.once('error', reject);
    response.once('close', resolve);
  });
}

function answer(response: ServerResponse, status: number, text: string): void {
  // Not cached, so that a picture published a moment later shows at once.
  response.writeHead(status, {
    ...ALWAYS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(`${text}\n`);
}
