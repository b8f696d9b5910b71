/**
 * The embedded S3 of the local stack: s3rver with one bucket and a CORS rule for the demo.
 *
 * s3rver 3.7.1 does not verify SigV4 signatures and lets anonymous requests through; the
 * radosgw lane proves what real S3 refuses. It does serve CORS and multipart, and emits
 * S3-shaped `ObjectCreated` events (with raw, not URL-encoded, keys).
 */
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ClientConfig } from '../contract/s3-client-config.js';
import { multipartExtensions, storePartsAtomically, type S3rverStore } from './s3rver-multipart.js';

/** s3rver's fixed credentials; it accepts any, but the SDK needs some to sign. */
export const LOCAL_S3_CREDENTIALS = Object.freeze({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

/** An S3 event record as s3rver emits it (a subset of AWS's shape). */
export interface LocalS3Event {
  Records: {
    eventName: string;
    eventTime: string;
    awsRegion: string;
    s3: {
      bucket: { name: string; arn: string };
      object: { key: string; size?: number; eTag?: string; sequencer: string };
    };
  }[];
}

export interface LocalS3Options {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  bucket: string;
  /** Origins allowed by the bucket's CORS rule. */
  corsOrigins: readonly string[];
  /** Data folder; a fresh temporary folder (removed on close) when omitted. */
  directory?: string;
  /** Called for every S3 event; errors are the listener's to handle. */
  onEvent?: (event: LocalS3Event) => void;
}

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  close(): Promise<void>;
}

/** The bucket CORS rule the browser needs: PUT/GET from the site, `ETag` readable for multipart. */
export function corsConfigurationXml(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) => `<CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join('\n  ');
  return `<CORSConfiguration>\n  ${rules}\n</CORSConfiguration>`;
}

/**
 * Starts s3rver on 127.0.0.1 with the bucket configured.
 * @example const s3 = await startLocalS3({ port: 0, bucket: 'images', corsOrigins: ['http://localhost:5173'] });
 */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  const ownDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), 'image-uploader-s3-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [
      {
        name: options.bucket,
        configs: options.corsOrigins.length ? [corsConfigurationXml(options.corsOrigins)] : [],
      },
    ],
  });
  if (options.onEvent) server.on('event', options.onEvent);
  // `silent` quiets only s3rver's console transport; a request that ends after close (an upload cut
  // off by the shutdown) would still make winston print "Attempt to write logs with no transports".
  (server as unknown as { logger: { silent: boolean } }).logger.silent = true;
  const koa = server as unknown as { middleware: unknown[]; store: S3rverStore };
  storePartsAtomically(koa.store);
  koa.middleware.unshift(multipartExtensions(koa.store));
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: options.bucket,
    region: 'us-east-1',
    ...LOCAL_S3_CREDENTIALS,
    async close() {
      await server.close();
      if (ownDirectory) await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The signer's S3 settings (its environment variables) for a local S3: bucket, endpoint, path style, keys. */
export function signerS3Env(
  s3: Pick<LocalS3, 'bucket' | 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>,
): Record<string, string> {
  return {
    S3_BUCKET: s3.bucket,
    S3_REGION: s3.region,
    S3_ENDPOINT: s3.endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}

/**
 * An SDK client for a local S3 (s3rver or radosgw): path style, its keys, and the project's S3
 * settings (contract/s3-client-config.ts).
 */
export function localS3Client(
  s3: Pick<LocalS3, 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>,
): S3Client {
  return new S3Client(
    s3ClientConfig({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    }),
  );
}
