/**
 * Multipart uploads on s3rver 3.7.1 as S3 does them. s3rver answers ListParts and
 * AbortMultipartUpload with 405 MethodNotAllowed, ListMultipartUploads with 501 NotImplemented, and its UploadPart writes straight into the
 * part's file: a part whose connection drops stays on disk, half written and without its `.md5`
 * file, and a part sent again truncates the stored one before the new bytes arrive. The widget
 * resumes uploads with ListParts and cancels with Abort, so the local stack adds both, and stores
 * parts atomically: only a complete part is a part.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}

/** The part of s3rver's FilesystemStore used here. */
export interface S3rverStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  putPart(
    bucket: string,
    uploadId: string,
    partNumber: number | string,
    content: Readable,
  ): Promise<PartInfo>;
}

interface PartInfo {
  size: number;
  md5: string;
}

/**
 * Replaces the store's `putPart` with one that writes the part to a temporary file and moves it
 * into place only once every byte has arrived, the `.md5` file last. An interrupted part leaves
 * nothing behind (and the part stored before it, if any, whole); s3rver's own version never settles
 * when the request is aborted.
 */
export function storePartsAtomically(store: S3rverStore): void {
  store.putPart = async (bucket, uploadId, partNumber, content) => {
    const part = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId, String(partNumber));
    const partial = `${part}.${randomUUID()}.partial`;
    await mkdir(dirname(part), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    const measure = async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        md5.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    };
    try {
      // `pipeline` rejects when the request is aborted (its stream errors with "aborted").
      await pipeline(content, measure, createWriteStream(partial));
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    const digest = md5.digest('hex');
    // Without its `.md5` a part is not listed, so between these steps it is absent, never wrong.
    await rm(`${part}.md5`, { force: true });
    await rename(partial, part);
    await writeFile(`${part}.md5.partial`, digest);
    await rename(`${part}.md5.partial`, `${part}.md5`);
    return { size, md5: digest };
  };
}

/** Koa middleware to put in front of s3rver's router. */
export function multipartExtensions(store: S3rverStore) {
  return async (ctx: KoaContext, next: () => Promise<void>) => {
    const bucketOnly = /^\/([^/]+)\/?$/.exec(ctx.path);
    if (ctx.method === 'GET' && bucketOnly && ctx.query.uploads !== undefined) {
      return listUploads(store, ctx, bucketOnly[1]!);
    }
    const uploadId = ctx.query.uploadId;
    const match = /^\/([^/]+)\/(.+)$/.exec(ctx.path);
    const isPartsCall = typeof uploadId === 'string' && ctx.query.partNumber === undefined && match;
    if (!isPartsCall || (ctx.method !== 'GET' && ctx.method !== 'DELETE')) return next();
    const [, bucket, key] = match;
    // s3rver names upload folders by id; refuse anything that could walk out of its folder.
    const uploadDir = /^[A-Za-z0-9_-]+$/.test(uploadId)
      ? join(store.getResourcePath(bucket!, undefined, 'uploads'), uploadId)
      : undefined;
    const storedKey = uploadDir && (await readFile(join(uploadDir, 'key'), 'utf8').catch(() => undefined));
    if (!uploadDir || storedKey !== decodeURIComponent(key!)) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message><UploadId>${escapeXml(uploadId)}</UploadId></Error>`;
      return;
    }
    if (ctx.method === 'DELETE') {
      await rm(uploadDir, { recursive: true, force: true });
      ctx.status = 204;
      return;
    }
    const numbers = (await readdir(uploadDir))
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .sort((a, b) => a - b);
    const parts = await Promise.all(
      numbers.map(async (n) => {
        const file = join(uploadDir, String(n));
        // A part without its `.md5` is still arriving, or was cut off (from before the atomic
        // store): S3 lists only complete parts.
        const md5 = await readFile(`${file}.md5`, 'utf8').catch(() => undefined);
        const info = md5 && (await stat(file).catch(() => undefined));
        return info
          ? `<Part><PartNumber>${n}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5}"</ETag><Size>${info.size}</Size></Part>`
          : '';
      }),
    );
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult><Bucket>${escapeXml(bucket!)}</Bucket><Key>${escapeXml(storedKey)}</Key><UploadId>${escapeXml(uploadId)}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
  };
}

/**
 * ListMultipartUploads (s3rver: 501 NotImplemented), which the signer counts a user's open uploads
 * with: every upload whose key starts with `prefix`, in one page.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
 */
async function listUploads(store: S3rverStore, ctx: KoaContext, bucket: string): Promise<void> {
  const prefix = typeof ctx.query.prefix === 'string' ? ctx.query.prefix : '';
  const root = store.getResourcePath(bucket, undefined, 'uploads');
  const ids = await readdir(root).catch(() => []);
  const uploads = await Promise.all(
    ids.map(async (id) => ({
      id,
      key: await readFile(join(root, id, 'key'), 'utf8').catch(() => undefined),
    })),
  );
  const listed = uploads
    .filter((upload): upload is { id: string; key: string } => upload.key?.startsWith(prefix) === true)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(
      ({ id, key }) => `<Upload><Key>${escapeXml(key)}</Key><UploadId>${escapeXml(id)}</UploadId></Upload>`,
    );
  ctx.status = 200;
  ctx.type = 'application/xml';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult><Bucket>${escapeXml(bucket)}</Bucket><Prefix>${escapeXml(prefix)}</Prefix><IsTruncated>false</IsTruncated>${listed.join('')}</ListMultipartUploadsResult>`;
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
