import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { createHash } from 'node:crypto';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateUploadsResponse,
  ImageSummary,
  ListImagesResponse,
  MultipartTicket,
  SignPartsResponse,
  SinglePutTicket,
  UsageResponse,
} from '../contract/api.js';
import { manifestKey, parseOriginalKey, thumbnailKey } from '../contract/object-keys.js';
import type { ThumbnailManifest } from '../contract/thumbnail-manifest.js';
import { startLocalDynamoDb } from '../stack/local-dynamodb.js';
import { localS3Client, type LocalS3 } from '../stack/local-s3.js';
import { startS3Backend } from '../stack/s3-backend.js';
import { SMALL_UPLOAD_LIMITS, createTestApp, customLoginToken } from './test-support/test-app.js';

type App = ReturnType<typeof createTestApp>['app'];
type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: { 'application/json': { schema: Json } } };
  responses: Record<string, { content?: { 'application/json': { schema: Json } } }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const MIB = 1024 * 1024;
let s3: LocalS3;
let app: App;
let doc: Document;
let auth: Record<string, string>;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const compiled: Partial<Record<'open' | 'closed', WeakMap<object, ValidateFunction>>> = {};
/** `METHOD /path/{template} status` of every exchange, to check that every route was driven. */
const exercised = new Set<string>();

beforeAll(async () => {
  s3 = await startS3Backend({ port: 0, bucket: 'images', corsOrigins: [] });
  ({ app } = createTestApp({
    s3,
    env: {
      ...SMALL_UPLOAD_LIMITS,
      UPLOAD_VISIBILITIES: 'private,public',
      IMAGE_BASE_URL: 'https://cdn.example.com',
    },
  }));
  auth = { authorization: `Bearer ${await customLoginToken('conformance')}` };
  const response = await app.request('/openapi.json');
  expect(response.status).toBe(200);
  doc = (await response.json()) as Document;
  // Requests are checked against the document as served (unknown fields are allowed, and
  // ignored); responses against a closed copy, so a field the document does not name fails.
  ajv.addSchema(retarget({ $id: 'open', $defs: doc.components.schemas }, 'open'));
  ajv.addSchema(retarget(closeObjects({ $id: 'closed', $defs: doc.components.schemas }), 'closed'));
});
afterAll(() => s3.close());

/** Points the document's refs at one of the two registered copies of its component schemas. */
function retarget(schema: Json, id: 'open' | 'closed'): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${id}#/$defs/`)) as Json;
}

/** Adds `additionalProperties: false` to every object schema that does not say otherwise. */
function closeObjects<T>(node: T): T {
  if (Array.isArray(node)) return node.map(closeObjects) as T;
  if (typeof node !== 'object' || node === null) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closeObjects(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy as T;
}

/** Compiles (once) a schema of the document, for a request (`open`) or a response (`closed`). */
function validator(schema: Json, id: 'open' | 'closed' = 'open'): ValidateFunction {
  const cache = (compiled[id] ??= new WeakMap());
  let validate = cache.get(schema);
  if (!validate) {
    const target = retarget(id === 'closed' ? closeObjects(schema) : schema, id);
    cache.set(schema, (validate = ajv.compile(target)));
  }
  return validate;
}

function operationOf(method: string, path: string): [template: string, Operation] {
  const pathname = new URL(path, 'http://signer').pathname;
  for (const [template, methods] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = methods[method.toLowerCase()];
    if (pattern.test(pathname) && operation) return [template, operation];
  }
  throw new Error(`${method} ${pathname} is not in the document`);
}

/** Does the request match what the document asks for (query parameters and JSON body)? */
function requestConforms(operation: Operation, path: string, body: unknown): boolean {
  const query = new URL(path, 'http://signer').searchParams;
  const queryOk = (operation.parameters ?? [])
    .filter((p) => p.in === 'query')
    .every((p) => {
      const raw = query.get(p.name);
      if (raw === null) return !p.required;
      return validator(p.schema)(p.schema.type === 'integer' ? Number(raw) : raw);
    });
  const schema = operation.requestBody?.content['application/json'].schema;
  const bodyOk = schema ? body !== undefined && validator(schema)(body) : body === undefined;
  return queryOk && bodyOk;
}

interface Exchange {
  method?: string;
  body?: unknown;
  /** A body sent as is, not as JSON (never conforms). */
  raw?: string;
  /** Whether the request is meant to match the document (default true). */
  conforms?: boolean;
  headers?: Record<string, string>;
  on?: App;
}

/**
 * Sends a request through the app after checking it against the document, then checks that the
 * answered status is documented for the operation and that the body matches its schema.
 */
async function call<T = unknown>(
  path: string,
  exchange: Exchange = {},
): Promise<{ status: number; body: T }> {
  const { method = 'GET', body, raw, conforms = true, headers = auth, on = app } = exchange;
  const [template, operation] = operationOf(method, path);
  expect(requestConforms(operation, path, raw === undefined ? body : raw), `${method} ${path} request`).toBe(
    conforms && raw === undefined,
  );
  const response = await on.request(path, {
    method,
    headers: { ...headers, ...((body !== undefined || raw) && { 'content-type': 'application/json' }) },
    ...((body !== undefined || raw) && { body: raw ?? JSON.stringify(body) }),
  });
  const documented = operation.responses[String(response.status)];
  expect(documented, `${method} ${template} answered ${response.status}, undocumented`).toBeDefined();
  exercised.add(`${method} ${template} ${response.status}`);
  const text = await response.text();
  const schema = documented!.content?.['application/json'].schema;
  if (!schema) {
    expect(text).toBe('');
    return { status: response.status, body: undefined as T };
  }
  const json = JSON.parse(text) as T;
  const validate = validator(schema, 'closed');
  expect(validate(json), `${method} ${template} ${response.status}: ${ajv.errorsText(validate.errors)}`).toBe(
    true,
  );
  return { status: response.status, body: json };
}

/** The base64 MD5 of `bytes` zero bytes (what `putTo` sends). */
const zerosMd5 = (bytes: number) => createHash('md5').update(new Uint8Array(bytes)).digest('base64');
const putTo = (url: string, headers: Record<string, string>, bytes: number) =>
  fetch(url, { method: 'PUT', headers, body: new Uint8Array(bytes) });

async function writeManifest(key: string, manifest: Partial<ThumbnailManifest>) {
  const { owner, id } = parseOriginalKey(key)!;
  const body = JSON.stringify({ version: 1, sourceKey: key, sourceEtag: '"x"', ...manifest });
  await localS3Client(s3).send(
    new PutObjectCommand({ Bucket: 'images', Key: manifestKey(owner, id), Body: body }),
  );
}

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app serves', () => {
    const served = app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  describe('matches every request and response of every route', () => {
    let single: SinglePutTicket;
    let multipart: MultipartTicket;

    it('GET /healthz and GET /openapi.json', async () => {
      expect((await call('/healthz', { headers: {} })).status).toBe(200);
      expect((await call('/openapi.json', { headers: {} })).status).toBe(200);
    });

    it('POST /v1/uploads: tickets, per-file refusals, and whole-request errors', async () => {
      const file = { name: 'a.jpg', type: 'image/jpeg', size: 3 };
      const created = await call<CreateUploadsResponse>('/v1/uploads', {
        method: 'POST',
        // Unknown fields are allowed by the document and ignored by the signer.
        body: {
          files: [
            { ...file, lastModified: 1, metadata: { listing_id: '42' } },
            { name: 'b.png', type: 'image/png', size: 7 * MIB, metadata: {} },
            { ...file, size: 0 },
          ],
        },
      });
      expect(created.status).toBe(201);
      [single, multipart] = created.body.uploads as [SinglePutTicket, MultipartTicket];
      expect((await putTo(single.url, single.headers, 3)).status).toBe(200);
      const refused = await call<CreateUploadsResponse>('/v1/uploads', {
        method: 'POST',
        body: { files: [{ ...file, type: 'image/svg+xml' }, { ...file, size: 21 * MIB }, { name: 'x' }] },
        conforms: false,
      });
      expect(refused.body.uploads.map((slot) => 'error' in slot && slot.error.code)).toEqual([
        'ERR_TYPE_NOT_ALLOWED',
        'ERR_FILE_TOO_LARGE',
        'ERR_BAD_REQUEST',
      ]);
      const post = { method: 'POST' };
      expect((await call('/v1/uploads', { ...post, body: { files: [file, file, file, file] } })).status).toBe(
        400,
      );
      expect((await call('/v1/uploads', { ...post, raw: 'nope' })).status).toBe(400);
      for (const metadata of [{ 'Listing ID': '42' }, { count: 3 }, []]) {
        const invalid = await call<{ error: { code: string } }>('/v1/uploads', {
          ...post,
          body: { files: [{ ...file, metadata }] },
          conforms: false,
        });
        expect([invalid.status, invalid.body.error.code]).toEqual([400, 'ERR_METADATA_INVALID']);
      }
      expect((await call('/v1/uploads', { ...post, body: { files: [] }, conforms: false })).status).toBe(400);
      expect((await call('/v1/uploads', { ...post, body: { files: [file] }, headers: {} })).status).toBe(401);
      const huge = { files: [{ ...file, name: 'x'.repeat(70_000) }] };
      expect((await call('/v1/uploads', { ...post, body: huge, conforms: false })).status).toBe(413);
    });

    it('the multipart routes: sign, list, complete, abort', async () => {
      const parts = `/v1/uploads/${multipart.id}/parts`;
      const { uploadId } = multipart.multipart;
      const signed = await call<SignPartsResponse>(parts, {
        method: 'POST',
        body: {
          uploadId,
          size: 7 * MIB,
          parts: [1, 2].map((partNumber) => ({
            partNumber,
            md5: zerosMd5(partNumber === 1 ? 5 * MIB : 2 * MIB),
          })),
        },
      });
      expect(signed.status).toBe(200);
      const etags = await Promise.all(
        signed.body.parts.map(async ({ partNumber, url, headers }) => {
          const response = await putTo(url, headers, partNumber === 1 ? 5 * MIB : 2 * MIB);
          return { partNumber, etag: response.headers.get('etag')! };
        }),
      );
      const beyond = { uploadId, size: 7 * MIB, parts: [{ partNumber: 3, md5: zerosMd5(1) }] };
      expect((await call(parts, { method: 'POST', body: beyond })).status).toBe(400);
      const empty = { uploadId: '', size: 7 * MIB, parts: [{ partNumber: 1, md5: zerosMd5(1) }] };
      expect((await call(parts, { method: 'POST', body: empty, conforms: false })).status).toBe(400);
      expect((await call('/v1/uploads/nope/parts', { method: 'POST', body: beyond })).status).toBe(404);
      expect((await call(`${parts}?uploadId=${uploadId}`)).status).toBe(200);
      expect((await call(parts, { conforms: false })).status).toBe(400);
      expect((await call(`/v1/uploads/nope/parts?uploadId=${uploadId}`)).status).toBe(404);
      const complete = `/v1/uploads/${multipart.id}/complete`;
      const unordered = { uploadId, parts: [...etags].reverse() };
      expect((await call(complete, { method: 'POST', body: unordered })).status).toBe(400);
      expect((await call(complete, { method: 'POST', body: { uploadId, parts: etags } })).status).toBe(200);

      const { body } = await call<CreateUploadsResponse>('/v1/uploads', {
        method: 'POST',
        body: { files: [{ name: 'c.png', type: 'image/png', size: 7 * MIB }] },
      });
      const other = body.uploads[0] as MultipartTicket;
      const abort = `/v1/uploads/${other.id}`;
      expect((await call(abort, { method: 'DELETE', conforms: false })).status).toBe(400);
      expect((await call(`${abort}?uploadId=${other.multipart.uploadId}`, { method: 'DELETE' })).status).toBe(
        204,
      );
    });

    it('the image routes: processing, ready and rejected images, paging, deletion', async () => {
      const { owner, id } = parseOriginalKey(multipart.key)!;
      await writeManifest(multipart.key, {
        status: 'ready',
        createdAt: new Date().toISOString(),
        format: 'png',
        width: 4032,
        height: 3024,
        thumbhash: 'AAAA',
        outputs: [320, 640].map((width) => ({
          key: thumbnailKey(owner, id, width, 'webp'),
          width,
          height: (width * 3) / 4,
          format: 'webp' as const,
          contentType: 'image/webp' as const,
          size: 9,
        })),
      });
      const rejected = (
        await call<CreateUploadsResponse>('/v1/uploads', {
          method: 'POST',
          body: { files: [{ name: 'd.jpg', type: 'image/jpeg', size: 3 }] },
        })
      ).body.uploads[0] as SinglePutTicket;
      await writeManifest(rejected.key, {
        status: 'rejected',
        sourceSize: 3,
        createdAt: new Date().toISOString(),
        reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' },
      });
      await localS3Client(s3).send(new DeleteObjectCommand({ Bucket: 'images', Key: rejected.key }));

      const { body: list } = await call<ListImagesResponse>('/v1/images');
      expect(new Set(list.images.map((image) => image.status))).toEqual(
        new Set(['processing', 'ready', 'rejected']),
      );
      expect((await call<ListImagesResponse>('/v1/images?limit=1')).body.nextCursor).toBeDefined();
      expect((await call(`/v1/images?limit=1&cursor=${list.images[0]!.id}`)).status).toBe(200);
      expect((await call('/v1/images?limit=0', { conforms: false })).status).toBe(400);
      expect((await call('/v1/images?cursor=nope')).status).toBe(400);
      expect((await call<ImageSummary>(`/v1/images/${id}`)).body.thumbnails).toHaveLength(2);
      expect((await call('/v1/images/nope')).status).toBe(404);

      for (const width of [320, 640]) {
        const thumbnail = { Bucket: 'images', Key: thumbnailKey(owner, id, width, 'webp'), Body: 'w' };
        await localS3Client(s3).send(new PutObjectCommand(thumbnail));
      }
      const patch = (path: string, body: unknown, conforms = true) =>
        call<ImageSummary>(path, { method: 'PATCH', body, conforms });
      const published = await patch(`/v1/images/${id}`, { visibility: 'public' });
      expect([published.status, published.body.visibility, published.body.publicUrl]).toEqual([
        200,
        'public',
        `https://cdn.example.com/public/${id}/640.webp`, // no JPEG in this manifest
      ]);
      expect((await patch(`/v1/images/${id}`, { visibility: 'private' })).body.visibility).toBe('private');
      expect((await patch(`/v1/images/${id}`, { visibility: 'everyone' })).status).toBe(400);
      expect((await patch(`/v1/images/${id}`, {}, false)).status).toBe(400);
      expect((await patch(`/v1/images/${rejected.id}`, { visibility: 'public' })).status).toBe(409);
      expect((await patch('/v1/images/nope', { visibility: 'public' })).status).toBe(404);

      const unannounced = createTestApp({
        s3,
        deps: { publishEvent: () => Promise.reject(new Error('down')), logError: () => {} },
      }).app;
      const announcing = { method: 'DELETE', on: unannounced };
      expect((await call(`/v1/images/${multipart.id}`, announcing)).status).toBe(503);
      expect((await call(`/v1/images/${single.id}`, { method: 'DELETE' })).status).toBe(204);
      expect((await call(`/v1/images/${single.id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('quotas: usage, refusals per file and of the whole request, the table unreachable', async () => {
      const db = await startLocalDynamoDb();
      try {
        const quota = createTestApp({ s3, env: { ...db.env, QUOTA_BYTES: '10', QUOTA_IMAGES: '5' } }).app;
        const file = { name: 'a.jpg', type: 'image/jpeg' };
        const post = { method: 'POST', on: quota };
        const some = await call<CreateUploadsResponse>('/v1/uploads', {
          ...post,
          body: {
            files: [
              { ...file, size: 6 },
              { ...file, size: 6 },
            ],
          },
        });
        expect([some.status, some.body.uploads[1]]).toEqual([
          201,
          {
            error: expect.objectContaining({ code: 'ERR_QUOTA_EXCEEDED', unit: 'bytes', used: 6, limit: 10 }),
          },
        ]);
        const none = await call<{ error: object }>('/v1/uploads', {
          ...post,
          body: { files: [{ ...file, size: 5 }] },
        });
        expect([none.status, none.body.error]).toMatchObject([
          403,
          { code: 'ERR_QUOTA_EXCEEDED', used: 6, limit: 10 },
        ]);
        const usage = await call<UsageResponse>('/v1/usage', { on: quota });
        expect(usage.body).toEqual({
          bytes: { used: 0, reserved: 6, limit: 10 },
          images: { used: 0, reserved: 1, limit: 5 },
        });
        expect((await call('/v1/usage')).status).toBe(404);
        const unreachable = createTestApp({
          s3,
          env: { QUOTA_TABLE: 'quota', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
          deps: { logError: () => {} },
        }).app;
        expect((await call('/v1/usage', { on: unreachable })).status).toBe(503);
      } finally {
        await db.close();
      }
    });

    it('rate limiting and storage outages', async () => {
      const limited = createTestApp({ s3, env: { RATE_LIMIT_PER_MINUTE: '60', RATE_LIMIT_BURST: '1' } }).app;
      expect((await call('/v1/images', { on: limited })).status).toBe(200);
      expect((await call('/v1/images', { on: limited })).status).toBe(429);
      expect((await call('/v1/images', { on: createTestApp().app })).status).toBe(503);
    });

    it('drove every documented operation to its success status', () => {
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          const success = Object.keys(operation.responses).find((status) => status.startsWith('2'));
          expect(exercised).toContain(`${method.toUpperCase()} ${path} ${success}`);
        }
      }
    });
  });
});
