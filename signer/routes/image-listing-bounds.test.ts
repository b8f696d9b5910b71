/**
 * Paging `GET /v1/images` where S3 cuts its listings short. An image's id is listed under
 * `uploads/{owner}/` (its original) and `thumbnails/{owner}/` (its manifest), and each page merges
 * one listing of each, `limit` folders long; a listing S3 truncated vouches only for ids up to its
 * last one. Every page but the last holds `limit` images, and paging shows every image once.
 *
 * s3rver never truncates a listing by folders (its `max-keys` counts objects, not common
 * prefixes), so there every page is cut from complete listings; the radosgw lane runs this file
 * again on an S3 that truncates as AWS does, where the bound is what keeps pages whole and in order.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { ListImagesResponse, SinglePutTicket } from '../../contract/api.js';
import { putManifest, uploadImages, useImagesApp } from '../test-support/stored-images.js';

const images = useImagesApp('pager');

/** A rejected upload: its manifest under `thumbnails/`, its original removed. */
async function reject(ticket: SinglePutTicket) {
  await putManifest(images.client, ticket.key, {
    version: 1,
    status: 'rejected',
    sourceKey: ticket.key,
    sourceEtag: '"x"',
    createdAt: new Date().toISOString(),
    reason: { code: 'ERR_NOT_AN_IMAGE', message: 'Not an image' },
  });
  await images.client.send(new DeleteObjectCommand({ Bucket: 'images', Key: ticket.key }));
}

describe('GET /v1/images', () => {
  it('pages through listings S3 truncates: full pages, every image once, newest first', async () => {
    const tickets = await uploadImages(images.app, images.headers, 7);
    // The first page is the truncated listing of originals alone; the second merges ids only
    // under thumbnails/ (rejected uploads) with ids only under uploads/.
    await reject(tickets[4]!);
    await reject(tickets[5]!);
    const all = tickets.map((ticket) => ticket.id);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '3', ...(cursor && { cursor }) });
      const response = await images.app.request(`/v1/images?${query}`, { headers: images.headers });
      const page = (await response.json()) as ListImagesResponse;
      pages.push(page.images.map((image) => image.id));
      cursor = page.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.slice(0, 2)).toEqual([all.slice(0, 3), all.slice(3, 6)]);
    expect(pages.flat()).toEqual(all);
  });
});
