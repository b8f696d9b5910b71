/**
 * `/v1/images`: the caller's own images, with their links; changing one's visibility; deleting one.
 */
import { Hono } from 'hono';
import type { ListImagesResponse } from '../../contract/api.js';
import { ListImagesQuerySchema, UpdateImageRequestSchema } from '../../contract/api-schemas.js';
import { MANIFEST_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from '../../contract/cache-control.js';
import { deletedEvent, type PublishImageEvent } from '../../contract/image-events.js';
import {
  manifestKey,
  originalKey,
  parseImageId,
  publicPrefix,
  thumbnailsPrefix,
} from '../../contract/object-keys.js';
import { publicCopies } from '../../contract/public-copies.js';
import type { ThumbnailManifest } from '../../contract/thumbnail-manifest.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import type { SignerQuota } from '../quota.js';
import type { SignerConfig } from '../config.js';
import { createImageLinks } from '../image-links.js';
import { parseManifest, toImageSummary } from '../image-summary.js';
import { readBody, readQuery } from '../request-schema.js';
import { SignerError, badRequest } from '../signer-error.js';
import type { InvalidateCdn } from '../storage/cdn-invalidator.js';
import type { Presign } from '../storage/presigner.js';
import { checkVisibility } from '../upload-rules.js';
import type { S3Operations } from '../storage/s3-operations.js';
import { ownedOriginalKey } from './owned-key.js';
import { listImageIds } from './list-image-ids.js';

export interface ImageRoutesOptions {
  config: Readonly<SignerConfig>;
  presign: Presign;
  s3: S3Operations;
  now: () => number;
  invalidateCdn: InvalidateCdn;
  /** Where `image.deleted` goes; none: no events. */
  publishEvent?: PublishImageEvent;
  /** With `QUOTA_TABLE`: a deleted image stops counting. */
  quota?: SignerQuota | undefined;
}

/** Creates the `/v1/images` routes. */
export function imageRoutes({
  config,
  presign,
  s3,
  now,
  invalidateCdn,
  publishEvent,
  quota,
}: ImageRoutesOptions) {
  const ttl = config.listing.urlTtlSeconds;
  const { delivery } = config;
  // The CDN's viewer path of an image's public copies (IMAGE_BASE_URL may have a path).
  const basePath = delivery.imageBaseUrl ? new URL(delivery.imageBaseUrl).pathname.replace(/\/$/, '') : '';
  const cdnPaths = (id: string) => [`${basePath}/${publicPrefix(id)}*`];
  const writeManifest = (owner: string, id: string, manifest: ThumbnailManifest) =>
    s3.putText(manifestKey(owner, id), JSON.stringify(manifest), 'application/json', MANIFEST_CACHE_CONTROL);
  /** Deletes every object under `public/{id}/`; returns whether there were any. */
  const deletePublicCopies = async (id: string) => {
    const { objects } = await s3.list(publicPrefix(id), 1000);
    await s3.deleteKeys(objects.map((o) => o.key));
    return objects.length > 0;
  };

  /**
   * Tells `image.deleted` for the image `manifest` describes, with the identity and metadata it was
   * signed with, under the caller's own `key` whatever the manifest claims.
   * @throws {SignerError} 503 ERR_EVENTS_UNAVAILABLE when it was not accepted for delivery
   */
  const tellDeleted = async (manifest: ThumbnailManifest, key: string) => {
    if (!publishEvent) return;
    const event = await deletedEvent({ ...manifest, sourceKey: key }, { timestamp: new Date(now()) });
    try {
      await publishEvent(event);
    } catch (error) {
      throw new SignerError(
        'ERR_EVENTS_UNAVAILABLE',
        503,
        'The deletion could not be announced, so the image is not fully deleted yet; send the DELETE again',
        { 'Retry-After': '2' },
        { cause: error },
      );
    }
  };

  /** The links of one request: a listing's URLs share one clock and lifetime. */
  const links = () => createImageLinks(delivery, presign, ttl, now());
  const summarize = async (owner: string, id: string, imageLinks = links()) => {
    const key = originalKey(owner, id);
    const [original, manifestText] = await Promise.all([s3.head(key), s3.getText(manifestKey(owner, id))]);
    const manifest = parseManifest(manifestText);
    if (!original && !manifest) return undefined;
    return toImageSummary({ id, key, original, manifest }, imageLinks);
  };

  return new Hono<{ Variables: AuthVariables }>()
    .get('/', async (c) => {
      const { owner } = c.get('caller');
      const { cursor, limit = config.listing.pageSize } = readQuery(c, ListImagesQuerySchema);
      if (cursor !== undefined && !parseImageId(cursor)) throw badRequest('cursor: Invalid cursor');
      const page = await listImageIds(s3, owner, limit, cursor);
      const pageLinks = links();
      const images = (await Promise.all(page.ids.map((id) => summarize(owner, id, pageLinks)))).filter(
        (image) => !!image,
      );
      return c.json({
        images,
        ...(page.nextCursor && { nextCursor: page.nextCursor }),
      } satisfies ListImagesResponse);
    })
    .get('/:id', async (c) => {
      ownedOriginalKey(c);
      const image = await summarize(c.get('caller').owner, c.req.param('id'));
      if (!image) throw new SignerError('ERR_NOT_FOUND', 404, 'No such image');
      return c.json(image);
    })
    .patch('/:id', async (c) => {
      const key = ownedOriginalKey(c);
      const { owner } = c.get('caller');
      const id = c.req.param('id');
      const allowed = checkVisibility(
        (await readBody(c, UpdateImageRequestSchema)).visibility,
        config.uploads,
      );
      if (typeof allowed !== 'string') throw new SignerError(allowed.error.code, 400, allowed.error.message);
      const [manifest, original] = await Promise.all([
        s3.getText(manifestKey(owner, id)).then(parseManifest),
        s3.head(key),
      ]);
      if (!manifest && !original) throw new SignerError('ERR_NOT_FOUND', 404, 'No such image');
      if (manifest?.status !== 'ready') {
        throw new SignerError(
          'ERR_IMAGE_NOT_READY',
          409,
          manifest
            ? 'A rejected image has nothing to show'
            : 'The image is still being processed; try again shortly',
        );
      }
      // Both ways repeat every step, so a request cut short is completed by sending it again.
      if (allowed === 'public') {
        // Copies first, the manifest last: a listing never hands out a public URL that does not answer.
        const copies = publicCopies(id, manifest, delivery.publicOriginals && original !== undefined);
        await Promise.all(
          copies.map((copy) => s3.copy(copy.source, copy.key, copy.contentType, PUBLIC_CACHE_CONTROL)),
        );
        await writeManifest(owner, id, { ...manifest, visibility: 'public' });
      } else {
        // The manifest first: the listing stops handing out public URLs before they stop answering.
        await writeManifest(owner, id, { ...manifest, visibility: 'private' });
        await deletePublicCopies(id);
      }
      // Also after publishing: the CDN may hold the 404s of an earlier unpublish.
      await invalidateCdn(cdnPaths(id));
      const image = await summarize(owner, id);
      return c.json(image!);
    })
    .delete('/:id', async (c) => {
      const key = ownedOriginalKey(c);
      const { owner } = c.get('caller');
      const id = c.req.param('id');
      const [derived, original] = await Promise.all([
        s3.list(thumbnailsPrefix(owner, id), 1000),
        s3.head(key),
      ]);
      if (!original && derived.objects.length === 0)
        throw new SignerError('ERR_NOT_FOUND', 404, 'No such image');
      // The original goes first so nothing can be re-derived from it; the public copies next (only
      // now that the caller is known to own `id`: public keys carry no owner) and the CDN told; then
      // the thumbnails, `image.deleted`, and the manifest last: it is the delete's commit point. A
      // DELETE cut short by a failure is completed by sending it again, which tells the same event
      // again (its id is the original's key and ETag, which the manifest keeps), the CDN's
      // invalidation included.
      const manifestObject = manifestKey(owner, id);
      if (original) await s3.deleteKeys([key]);
      const hadCopies = await deletePublicCopies(id);
      // Read once the original is gone, so no new thumbnailer run can write a newer one.
      const manifest = parseManifest(await s3.getText(manifestObject));
      if (hadCopies || manifest?.visibility === 'public') await invalidateCdn(cdnPaths(id));
      await s3.deleteKeys(derived.objects.map((o) => o.key).filter((k) => k !== manifestObject));
      // Without a manifest the app was told nothing of this image (no image.ready or
      // image.rejected), so there is nothing to take back.
      if (manifest) await tellDeleted(manifest, key);
      // Before the commit point, so a DELETE answered 503 here and sent again still gets here (it
      // uncounts once: quota/README.md). An image never finished only gives back its reservation.
      await quota?.store.remove(owner, id);
      await s3.deleteKeys([manifestObject]);
      return c.body(null, 204);
    });
}
