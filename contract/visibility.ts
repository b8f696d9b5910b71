/**
 * Who may see an image's thumbnails: `private` (only its owner, through short-lived signed URLs
 * the signer hands out) or `public` (anyone with the URL: copies under `public/{id}/` served by the
 * CDN at stable URLs; unlisted, since an id holds 80 random bits).
 *
 * Chosen per file in `POST /v1/uploads`, allowed by the signer's `UPLOAD_VISIBILITIES`, signed into
 * the upload as `x-amz-meta-visibility` (contract/upload-metadata.ts), recorded in the image's
 * `meta.json` by the thumbnailer and changed by `PATCH /v1/images/:id`.
 */

/** Every visibility, the default first. */
export const VISIBILITIES = ['private', 'public'] as const;

/** `'public' | 'private'`. */
export type Visibility = (typeof VISIBILITIES)[number];

/** Type guard: is `value` a visibility? */
export function isVisibility(value: unknown): value is Visibility {
  return value === 'private' || value === 'public';
}
