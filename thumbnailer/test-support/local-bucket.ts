/**
 * One local S3 (s3rver, bucket `images`) for a thumbnailer test file, with the handler built as
 * Lambda builds it and the originals stored as the signer's tickets make the browser send them.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { makeImageId, manifestKey, originalKey } from '../../contract/object-keys.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import { s3Metadata } from '../../contract/upload-metadata.js';
import type { Visibility } from '../../contract/visibility.js';
import { startLocalS3, type LocalS3 } from '../../stack/local-s3.js';
import { loadConfig } from '../config.js';
import {
  createHandler,
  type HandlerOptions,
  type LogEntry,
  type ThumbnailerHandler,
} from '../create-handler.js';
import { get, put, testClient } from './s3.js';

/** The bucket every original of a {@link useLocalBucket} goes to. */
export const BUCKET = 'images';

/** An original as stored: what an S3 notification about it carries, and where it lives. */
export interface StoredOriginal {
  key: string;
  owner: string;
  id: string;
  size: number;
  etag: string;
}

/** What {@link useLocalBucket} gives a test file, ready once its `beforeAll` has run. */
export interface LocalBucket {
  s3: LocalS3;
  client: S3Client;
  /** Every entry the handlers built by {@link LocalBucket.handler} logged in the current test. */
  logs: LogEntry[];
  /** The handler on this S3, from `env` as Lambda reads it, logging into {@link LocalBucket.logs}. */
  handler(env?: Record<string, string>, options?: HandlerOptions, s3Client?: S3Client): ThumbnailerHandler;
  /**
   * Stores `body` as a new original of `owner` (a fresh id), with the name, visibility and
   * identity signed in as the signer does (contract/upload-metadata.ts).
   */
  upload(owner: string, ext: string, body: Buffer, visibility?: Visibility): Promise<StoredOriginal>;
  /** Stores other bytes under an original's key, as a second PUT of its ticket does. */
  replace(original: StoredOriginal, body: Buffer): Promise<StoredOriginal>;
  /** The manifest of an original, as the bucket holds it (`undefined` when there is none). */
  manifestOf(original: StoredOriginal): Promise<ThumbnailManifest | undefined>;
}

/** Starts a local S3 in `beforeAll` and closes it in `afterAll`; `logs` start empty in each test. */
export function useLocalBucket(): LocalBucket {
  let next = 0;
  const fixture: LocalBucket = {
    s3: undefined as unknown as LocalS3,
    client: undefined as unknown as S3Client,
    logs: [],
    handler: (env = {}, options = {}, s3Client = fixture.client) =>
      createHandler(
        loadConfig({ S3_ENDPOINT: fixture.s3.endpoint, S3_FORCE_PATH_STYLE: 'true', ...env }),
        s3Client,
        { log: (entry) => fixture.logs.push(entry), ...options },
      ),
    async upload(owner, ext, body, visibility = 'private') {
      const id = makeImageId(`lb${String(next++).padStart(14, '0')}`, ext);
      const key = originalKey(owner, id);
      const metadata = s3Metadata({
        name: `photo.${ext}`,
        visibility,
        iss: 'https://id.example.com',
        sub: owner,
        metadata: {},
      });
      return {
        key,
        owner,
        id,
        size: body.length,
        etag: await put(fixture.client, BUCKET, key, body, metadata),
      };
    },
    async replace(original, body) {
      const etag = await put(fixture.client, BUCKET, original.key, body);
      return { ...original, size: body.length, etag };
    },
    async manifestOf({ owner, id }) {
      const stored = await get(fixture.client, BUCKET, manifestKey(owner, id));
      return stored && (JSON.parse(stored.body.toString()) as ThumbnailManifest);
    },
  };
  beforeAll(async () => {
    fixture.s3 = await startLocalS3({ port: 0, bucket: BUCKET, corsOrigins: [] });
    fixture.client = testClient(fixture.s3.endpoint);
  });
  afterAll(async () => {
    fixture.client?.destroy();
    await fixture.s3?.close();
  });
  beforeEach(() => {
    fixture.logs.length = 0;
  });
  return fixture;
}
