/** The OpenAPI 3.1 description served at `GET /openapi.json`. Types mirror contract/api.ts. */

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const errors = {
  '400': {
    description: 'Invalid request (ERR_BAD_REQUEST, ERR_TOO_MANY_FILES, ERR_INVALID_PARTS)',
    ...json(ref('Error')),
  },
  '401': { description: 'ERR_TOKEN_MISSING, ERR_TOKEN_INVALID or ERR_TOKEN_EXPIRED', ...json(ref('Error')) },
  '404': { description: 'ERR_NOT_FOUND: no such image or upload for this caller', ...json(ref('Error')) },
  '413': { description: 'ERR_BODY_TOO_LARGE or ERR_FILE_TOO_LARGE', ...json(ref('Error')) },
  '429': { description: 'ERR_RATE_LIMITED; see Retry-After', ...json(ref('Error')) },
  '503': {
    description: 'ERR_ISSUER_UNAVAILABLE or ERR_STORAGE_UNAVAILABLE; see Retry-After',
    ...json(ref('Error')),
  },
};
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const uploadIdQuery = { name: 'uploadId', in: 'query', required: true, schema: { type: 'string' } };
const str = { type: 'string' };
const int = { type: 'integer' };
const headers = { type: 'object', additionalProperties: str };

export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'image-uploader signer', version: '1.0.0', description: 'Presigned S3 uploads for images.' },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str } },
        },
      },
      FileDescriptor: {
        type: 'object',
        required: ['name', 'type', 'size'],
        properties: { name: str, type: str, size: int },
      },
      SinglePutTicket: {
        type: 'object',
        required: ['id', 'key', 'expiresAt', 'method', 'url', 'headers'],
        properties: { id: str, key: str, expiresAt: str, method: { const: 'PUT' }, url: str, headers },
      },
      MultipartTicket: {
        type: 'object',
        required: ['id', 'key', 'expiresAt', 'multipart'],
        properties: {
          id: str,
          key: str,
          expiresAt: str,
          multipart: { type: 'object', properties: { uploadId: str, partSize: int, partCount: int } },
        },
      },
      ImageSummary: {
        type: 'object',
        required: ['id', 'key', 'size', 'type', 'createdAt', 'status', 'thumbnails'],
        properties: {
          id: str,
          key: str,
          size: int,
          type: str,
          createdAt: str,
          status: { enum: ['processing', 'ready', 'rejected'] },
          reason: { type: 'object', properties: { code: str, message: str } },
          original: { type: 'object', properties: { url: str, expiresAt: str } },
          width: int,
          height: int,
          placeholder: { type: 'string', description: 'ThumbHash, base64' },
          thumbnails: {
            type: 'array',
            items: {
              type: 'object',
              properties: { url: str, width: int, height: int, format: { enum: ['webp', 'jpeg'] } },
            },
          },
        },
      },
    },
  },
  security: [{ bearer: [] }],
  paths: {
    '/healthz': { get: { security: [], summary: 'Liveness', responses: { '200': { description: 'OK' } } } },
    '/openapi.json': {
      get: { security: [], summary: 'This document', responses: { '200': { description: 'OK' } } },
    },
    '/v1/uploads': {
      post: {
        summary: 'Tickets for new uploads: one slot per file, a ticket or a per-file error',
        requestBody: json({
          type: 'object',
          required: ['files'],
          properties: { files: { type: 'array', items: ref('FileDescriptor') } },
        }),
        responses: {
          '201': json({
            type: 'object',
            properties: {
              uploads: {
                type: 'array',
                items: { oneOf: [ref('SinglePutTicket'), ref('MultipartTicket'), ref('Error')] },
              },
            },
          }),
          ...errors,
        },
      },
    },
    '/v1/uploads/{id}/parts': {
      parameters: [id],
      post: {
        summary: 'Presigned URLs for multipart parts',
        requestBody: json({
          type: 'object',
          properties: { uploadId: str, partNumbers: { type: 'array', items: int } },
        }),
        responses: {
          '200': json({
            type: 'object',
            properties: {
              expiresAt: str,
              parts: {
                type: 'array',
                items: { type: 'object', properties: { partNumber: int, url: str, headers } },
              },
            },
          }),
          ...errors,
        },
      },
      get: {
        summary: 'Parts already uploaded (to resume)',
        parameters: [uploadIdQuery],
        responses: {
          '200': json({
            type: 'object',
            properties: {
              parts: {
                type: 'array',
                items: { type: 'object', properties: { partNumber: int, etag: str, size: int } },
              },
            },
          }),
          ...errors,
        },
      },
    },
    '/v1/uploads/{id}/complete': {
      parameters: [id],
      post: {
        summary: 'Complete a multipart upload',
        requestBody: json({
          type: 'object',
          properties: {
            uploadId: str,
            parts: { type: 'array', items: { type: 'object', properties: { partNumber: int, etag: str } } },
          },
        }),
        responses: { '200': json({ type: 'object', properties: { id: str, key: str } }), ...errors },
      },
    },
    '/v1/uploads/{id}': {
      parameters: [id],
      delete: {
        summary: 'Abort a multipart upload',
        parameters: [uploadIdQuery],
        responses: { '204': { description: 'Aborted' }, ...errors },
      },
    },
    '/v1/images': {
      get: {
        summary: "The caller's images, newest first",
        parameters: [
          { name: 'cursor', in: 'query', schema: str },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: {
          '200': json({
            type: 'object',
            properties: { images: { type: 'array', items: ref('ImageSummary') }, nextCursor: str },
          }),
          ...errors,
        },
      },
    },
    '/v1/images/{id}': {
      parameters: [id],
      get: { summary: 'One image', responses: { '200': json(ref('ImageSummary')), ...errors } },
      delete: {
        summary: 'Delete the original and everything derived from it',
        responses: { '204': { description: 'Deleted' }, ...errors },
      },
    },
  },
} as const;
