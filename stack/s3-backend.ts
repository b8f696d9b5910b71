/**
 * Which S3 the local stack and the S3-facing test suites run on: the embedded s3rver (default), or
 * a throwaway Ceph radosgw (`S3_BACKEND=radosgw`), which verifies signatures as S3 does.
 */
import { startRadosgw } from './radosgw/start-radosgw.js';
import { startLocalS3, type LocalS3, type LocalS3Event } from './local-s3.js';

export type S3Backend = 's3rver' | 'radosgw';

export interface S3BackendOptions {
  /** Default: `S3_BACKEND` from the environment, else `s3rver`. */
  backend?: S3Backend;
  /** 0 picks a free port. */
  port?: number;
  bucket: string;
  corsOrigins: readonly string[];
  onEvent?: (event: LocalS3Event) => void;
  /** s3rver's data folder, kept on close (a temporary one, removed on close, when omitted); radosgw is always throwaway. */
  directory?: string;
}

/** Reads `S3_BACKEND`; anything but `radosgw` or empty is a mistake worth stopping for. */
export function backendFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): S3Backend {
  const value = env.S3_BACKEND;
  if (value === undefined || value === '' || value === 's3rver') return 's3rver';
  if (value === 'radosgw') return 'radosgw';
  throw new TypeError(`Expected S3_BACKEND to be s3rver or radosgw, got ${value}`);
}

/** Starts the chosen S3 with the bucket and its CORS rule. */
export function startS3Backend(options: S3BackendOptions): Promise<LocalS3> {
  const { backend = backendFromEnv(), port = 0, bucket, corsOrigins, onEvent, directory } = options;
  return backend === 'radosgw'
    ? startRadosgw({ port, bucket, corsOrigins, ...(onEvent && { onEvent }) })
    : startLocalS3({
        port,
        bucket,
        corsOrigins,
        ...(onEvent && { onEvent }),
        ...(directory && { directory }),
      });
}
