/**
 * ListParts and AbortMultipartUpload for s3rver 3.7.1, which answers both with 405
 * MethodNotAllowed. The widget resumes uploads with ListParts and cancels with Abort, so the
 * local stack adds them, reading s3rver's own upload folders.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}

interface S3rverStore {
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}

/** Koa middleware to put in front of s3rver's router. */
export function multipartExtensions(store: S3rverStore) {
  return async (ctx: KoaContext, next: () => Promise<void>) => {
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
        const [info, md5] = await Promise.all([stat(file), readFile(`${file}.md5`, 'utf8')]);
        return `<Part><PartNumber>${n}</PartNumber><LastModified>${info.mtime.toISOString()}</LastModified><ETag>"${md5}"</ETag><Size>${info.size}</Size></Part>`;
      }),
    );
    ctx.status = 200;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<ListPartsResult><Bucket>${escapeXml(bucket!)}</Bucket><Key>${escapeXml(storedKey)}</Key><UploadId>${escapeXml(uploadId)}</UploadId><IsTruncated>false</IsTruncated>${parts.join('')}</ListPartsResult>`;
  };
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
