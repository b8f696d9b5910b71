import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ImageSummary } from './api.js';
import { ErrorBodySchema, ImageSummarySchema } from './api-schemas.js';
import type { ErrorBody, RejectionCode, SignerErrorCode } from './error-codes.js';
import type { ThumbnailFormat } from './thumbnail-manifest.js';

describe('contract schemas', () => {
  it('describe the error body as error-codes.ts types it, for every signer code', () => {
    expectTypeOf<v.InferOutput<typeof ErrorBodySchema>>().toEqualTypeOf<ErrorBody<SignerErrorCode>>();
    expect(v.is(ErrorBodySchema, { error: { code: 'ERR_INTERNAL', message: 'x' } })).toBe(true);
    expect(v.is(ErrorBodySchema, { error: { code: 'ERR_NOPE', message: 'x' } })).toBe(false);
  });

  it('use the thumbnail manifest’s rejection codes and formats', () => {
    expectTypeOf<NonNullable<ImageSummary['reason']>['code']>().toEqualTypeOf<RejectionCode>();
    expectTypeOf<ImageSummary['thumbnails'][number]['format']>().toEqualTypeOf<ThumbnailFormat>();
    const summary = {
      id: 'i',
      key: 'k',
      size: 1,
      type: 'image/png',
      createdAt: new Date(0).toISOString(),
      visibility: 'private',
    };
    const rejected = {
      ...summary,
      status: 'rejected',
      thumbnails: [],
      reason: { code: 'ERR_TOO_LARGE', message: '' },
    };
    expect(v.is(ImageSummarySchema, rejected)).toBe(true);
  });
});
