/**
 * The OpenAPI 3.1 document served at `GET /openapi.json`, generated from the contract's schemas
 * (`contract/api-schemas.ts`), the same ones the routes validate with. Built on first request and
 * kept: `app.ts` imports this module lazily, so start-up never pays for it.
 *
 * What is written here is only what a schema cannot say: each route's method and path, its
 * summary, and which statuses it answers. `openapi.test.ts` drives every route and checks both
 * against the app.
 */
import { toJsonSchema, toJsonSchemaDefs, type ConversionConfig } from '@valibot/to-json-schema';
import type { GenericSchema, ObjectEntries, ObjectSchema } from 'valibot';
import * as S from '../contract/api-schemas.js';
import { isAppMetadata } from '../contract/upload-metadata.js';

/** Named schemas, served as `components.schemas` and referenced from the operations. */
const components = {
  ErrorBody: S.ErrorBodySchema,
  AppMetadata: S.AppMetadataSchema,
  FileDescriptor: S.FileDescriptorSchema,
  CreateUploadsRequest: S.CreateUploadsRequestSchema,
  SinglePutTicket: S.SinglePutTicketSchema,
  MultipartTicket: S.MultipartTicketSchema,
  CreateUploadsResponse: S.CreateUploadsResponseSchema,
  SignPartsRequest: S.SignPartsRequestSchema,
  SignedPart: S.SignedPartSchema,
  SignPartsResponse: S.SignPartsResponseSchema,
  UploadedPart: S.UploadedPartSchema,
  ListPartsResponse: S.ListPartsResponseSchema,
  CompleteUploadRequest: S.CompleteUploadRequestSchema,
  CompleteUploadResponse: S.CompleteUploadResponseSchema,
  ThumbnailLink: S.ThumbnailLinkSchema,
  ImageSummary: S.ImageSummarySchema,
  UpdateImageRequest: S.UpdateImageRequestSchema,
  ListImagesResponse: S.ListImagesResponseSchema,
  UsageResponse: S.UsageResponseSchema,
  HealthResponse: S.HealthResponseSchema,
} satisfies Record<string, GenericSchema>;
type Component = keyof typeof components;

type QuerySchema = ObjectSchema<ObjectEntries, undefined>;
type ErrorStatus = keyof typeof errorResponses;

interface Operation {
  summary: string;
  /** No bearer token needed. */
  open?: true;
  body?: Component;
  query?: QuerySchema;
  /** The success status and its body (none for 204). */
  ok: [status: 200 | 201 | 204, body?: Component];
  /** Error statuses besides the ones every `/v1` route can answer. */
  errors?: ErrorStatus[];
}

const errorResponses = {
  400: 'ERR_BAD_REQUEST (the message names the field), ERR_METADATA_INVALID (the message names the file and what is wrong), ERR_TOO_MANY_FILES, ERR_INVALID_PARTS or ERR_VISIBILITY_NOT_ALLOWED',
  401: 'ERR_TOKEN_MISSING, ERR_TOKEN_INVALID or ERR_TOKEN_EXPIRED; see WWW-Authenticate',
  403: "ERR_QUOTA_EXCEEDED: not one of the request's files fits the caller's quota (QUOTA_BYTES, QUOTA_IMAGES); the error carries `unit`, `used` (stored plus reserved) and `limit`. When some files fit, they get tickets and the others this refusal in their own slots (201)",
  404: 'ERR_NOT_FOUND: no such image or upload for this caller (on GET /v1/usage: the signer counts no usage, QUOTA_TABLE is unset)',
  409: 'ERR_IMAGE_NOT_READY: the image is still processing, or was rejected',
  413: 'ERR_BODY_TOO_LARGE, or ERR_FILE_TOO_LARGE when the declared size (signing parts) or the parts (completing) add up to more than allowed',
  429: 'ERR_RATE_LIMITED (per owner: one token per file signed and per other request; per client IP: requests without a valid token) or, on POST /v1/uploads, ERR_TOO_MANY_OPEN_UPLOADS (the caller has MAX_OPEN_UPLOADS multipart uploads open: complete or abort one); see Retry-After',
  500: 'ERR_INTERNAL',
  503: 'ERR_ISSUER_UNAVAILABLE, ERR_STORAGE_UNAVAILABLE (S3, or the quota table) or, on DELETE, ERR_EVENTS_UNAVAILABLE (the image.deleted event was not accepted; send it again); see Retry-After',
};
/** What any authenticated route can answer. */
const V1_ERRORS: ErrorStatus[] = [401, 413, 429, 500, 503];

/** Every route, by OpenAPI path and method. */
const routes: Record<string, Record<string, Operation>> = {
  '/healthz': { get: { summary: 'Liveness', open: true, ok: [200, 'HealthResponse'] } },
  '/openapi.json': { get: { summary: 'This document', open: true, ok: [200] } },
  '/v1/uploads': {
    post: {
      summary: 'Tickets for new uploads: one slot per file, a ticket or that file’s refusal',
      body: 'CreateUploadsRequest',
      ok: [201, 'CreateUploadsResponse'],
      errors: [400, 403],
    },
  },
  '/v1/uploads/{id}/parts': {
    post: {
      summary: 'Presigned URLs for multipart parts, each signing its exact length and MD5',
      body: 'SignPartsRequest',
      ok: [200, 'SignPartsResponse'],
      errors: [400, 404],
    },
    get: {
      summary: 'Parts S3 already holds (to resume)',
      query: S.UploadIdQuerySchema,
      ok: [200, 'ListPartsResponse'],
      errors: [400, 404],
    },
  },
  '/v1/uploads/{id}/complete': {
    post: {
      summary:
        'Complete a multipart upload with exactly the parts S3 lists (their total size is checked first)',
      body: 'CompleteUploadRequest',
      ok: [200, 'CompleteUploadResponse'],
      errors: [400, 404],
    },
  },
  '/v1/uploads/{id}': {
    delete: {
      summary: 'Abort a multipart upload',
      query: S.UploadIdQuerySchema,
      ok: [204],
      errors: [400, 404],
    },
  },
  '/v1/images': {
    get: {
      summary: "The caller's images, newest first",
      query: S.ListImagesQuerySchema,
      ok: [200, 'ListImagesResponse'],
      errors: [400],
    },
  },
  '/v1/usage': {
    get: {
      summary: "The caller's stored and reserved bytes and images, and their quotas (null: unlimited)",
      ok: [200, 'UsageResponse'],
      errors: [404],
    },
  },
  '/v1/images/{id}': {
    get: { summary: 'One image', ok: [200, 'ImageSummary'], errors: [404] },
    patch: {
      summary:
        "Change an image's visibility: publish its thumbnails on the CDN, or take them down (and invalidate the CDN's copies)",
      body: 'UpdateImageRequest',
      ok: [200, 'ImageSummary'],
      errors: [400, 404, 409],
    },
    delete: {
      summary:
        'Delete the original, everything derived from it and its public copies (and invalidate them on the CDN)',
      ok: [204],
      errors: [404],
    },
  },
};

// Output types (a query's `limit` is described as the integer it becomes); refs to components.
const config: ConversionConfig = {
  target: 'draft-2020-12',
  typeMode: 'output',
  errorMode: 'throw',
  // The metadata's size rule has no JSON Schema keyword (it counts UTF-8 bytes of its JSON); its
  // description says it. Any other check still fails the build of the document.
  overrideAction: ({ valibotAction, jsonSchema }) =>
    valibotAction.type === 'check' &&
    'requirement' in valibotAction &&
    valibotAction.requirement === isAppMetadata
      ? jsonSchema
      : undefined,
  overrideRef: ({ referenceId }) => `#/components/schemas/${referenceId}`,
};

const ref = (name: Component) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

function queryParameters(schema: QuerySchema) {
  return Object.entries(schema.entries).map(([name, entry]) => {
    const { $schema: _, ...converted } = toJsonSchema(entry, config);
    return { name, in: 'query', required: entry.type !== 'optional', schema: converted };
  });
}

function operation(op: Operation, path: string) {
  const [status, body] = op.ok;
  const errors = op.open ? [] : [...(op.errors ?? []), ...V1_ERRORS].sort((a, b) => a - b);
  return {
    summary: op.summary,
    ...(op.open && { security: [] }),
    ...((op.query || path.includes('{id}')) && {
      parameters: [
        ...(path.includes('{id}')
          ? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]
          : []),
        ...(op.query ? queryParameters(op.query) : []),
      ],
    }),
    ...(op.body && { requestBody: { required: true, ...json(ref(op.body)) } }),
    responses: {
      [status]: {
        description: status === 204 ? 'Done' : 'OK',
        ...(status !== 204 && json(body ? ref(body) : { type: 'object' })),
      },
      ...Object.fromEntries(
        errors.map((code) => [code, { description: errorResponses[code], ...json(ref('ErrorBody')) }]),
      ),
    },
  };
}

function build() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'image-uploader signer',
      version: '1.0.0',
      description: 'Presigned S3 uploads for images.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths: Object.fromEntries(
      Object.entries(routes).map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).map(([method, op]) => [method, operation(op, path)])),
      ]),
    ),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: toJsonSchemaDefs(components, config),
    },
  };
}

let document: ReturnType<typeof build> | undefined;

/** The document, built on first call and then kept. */
export function openApiDocument(): ReturnType<typeof build> {
  return (document ??= build());
}
