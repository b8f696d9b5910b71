/**
 * `/v1/images`: the caller's own images, with presigned links, and their deletion.
 */
import { Hono } from 'hono';
import type { ListImagesResponse } from '../../contract/api.js';
import { ListImagesQuerySchema } from '../../contract/api-schemas.js';
import { manifestKey, originalKey, parseImageId, thumbnailsPrefix } from '../../contract/object-keys.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import type { SignerConfig } from '../config.js';
import { createImageLinks } from '../image-links.js';
import { parseManifest, toImageSummary } from '../image-summary.js';
import { readQuery } from '../request-schema.js';
import { SignerError, badRequest } from '../signer-error.js';
import type { Presign } from '../storage/presigner.js';
import type { S3Operations } from '../storage/s3-operations.js';
import { ownedOriginalKey } from './owned-key.js';
import { listImageIds } from './list-image-ids.js';

export interface ImageRoutesOptions {
  config: Readonly<SignerConfig>;
  presign: Presign;
  s3: S3Operations;
  now: () => number;
}

/** Creates the `/v1/images` routes. */
export function imageRoutes({ config, presign, s3, now }: ImageRoutesOptions) {
  const ttl = config.listing.urlTtlSeconds;

  const summarize = async (owner: string, id: string) => {
    const key = originalKey(owner, id);
    const [original, manifestText] = await Promise.all([s3.head(key), s3.getText(manifestKey(owner, id))]);
    const manifest = parseManifest(manifestText);
    if (!original && !manifest) return undefined;
    return toImageSummary(
      { id, key, original, manifest },
      createImageLinks(config.delivery, presign, ttl, now()),
    );
  };

  return new Hono<{ Variables: AuthVariables }>()
    .get('/', async (c) => {
      const { owner } = c.get('caller');
      const { cursor, limit = config.listing.pageSize } = readQuery(c, ListImagesQuerySchema);
      if (cursor !== undefined && !parseImageId(cursor)) throw badRequest('cursor: Invalid cursor');
      const page = await listImageIds(s3, owner, limit, cursor);
      const images = (await Promise.all(page.ids.map((id) => summarize(owner, id)))).filter(
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
      // The original goes first so nothing can be re-derived from it; the manifest goes last.
      if (original) await s3.deleteKeys([key]);
      const manifest = manifestKey(owner, id);
      await s3.deleteKeys(derived.objects.map((o) => o.key).filter((k) => k !== manifest));
      await s3.deleteKeys([manifest]);
      return c.body(null, 204);
    });
}
