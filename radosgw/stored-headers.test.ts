import { GetObjectAclCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SinglePutTicket } from '../contract/api.js';
import { readUploadMetadata } from '../contract/upload-metadata.js';
import { createPresigner } from '../signer/storage/presigner.js';
import { bytes, rawRequest, startLane, type Lane } from './test-support/lane.js';

/**
 * Nothing a client adds to a ticket's PUT changes what is stored or who may read it: the signer
 * signs the ACL and the stored headers (signer/storage/object-headers.ts). Headers sent without a
 * signature are the store's business; what Ceph radosgw 16 does with them is recorded here.
 */
let lane: Lane;
beforeAll(async () => {
  lane = await startLane();
});
afterAll(() => lane?.close());

const SIZE = 1000;
const ALL_USERS = 'uri=http://acs.amazonaws.com/groups/global/AllUsers';
const ticketFor = async () =>
  (await lane.tickets('alice', [{ name: 'a.jpg', type: 'image/jpeg', size: SIZE }]))[0] as SinglePutTicket;
const put = (ticket: SinglePutTicket, headers: Record<string, string>) =>
  rawRequest('PUT', ticket.url, headers, bytes(SIZE));
const anonymousGet = async (key: string) =>
  (await rawRequest('GET', `${lane.s3.endpoint}/${lane.s3.bucket}/${key}`)).status;
const head = (key: string) => lane.client.send(new HeadObjectCommand({ Bucket: lane.s3.bucket, Key: key }));

describe('what a ticket stores, on radosgw', () => {
  describe('who may read it', () => {
    it('signs x-amz-acl: bucket-owner-full-control, which keeps the object private (anonymous GET 403)', async () => {
      const ticket = await ticketFor();
      expect(ticket.headers['x-amz-acl']).toBe('bucket-owner-full-control');
      expect(new URL(ticket.url).searchParams.get('X-Amz-SignedHeaders')).toContain('x-amz-acl');
      expect((await put(ticket, ticket.headers)).status).toBe(200);
      expect(await anonymousGet(ticket.key)).toBe(403);
      const acl = await lane.client.send(
        new GetObjectAclCommand({ Bucket: lane.s3.bucket, Key: ticket.key }),
      );
      expect(acl.Grants?.map((grant) => [grant.Grantee?.ID, grant.Permission])).toEqual([
        [acl.Owner?.ID, 'FULL_CONTROL'],
      ]);
    });

    it('refuses x-amz-acl: public-read instead (403 SignatureDoesNotMatch); the object stays unreadable', async () => {
      const ticket = await ticketFor();
      const response = await put(ticket, { ...ticket.headers, 'x-amz-acl': 'public-read' });
      expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      expect(await anonymousGet(ticket.key)).toBe(403);
    });

    it('refuses a grant header added to the signed ACL (400 InvalidRequest: a canned ACL and grants)', async () => {
      for (const grant of [
        'x-amz-grant-read',
        'x-amz-grant-full-control',
        'x-amz-grant-read-acp',
        'x-amz-grant-write-acp',
      ]) {
        const ticket = await ticketFor();
        const response = await put(ticket, { ...ticket.headers, [grant]: ALL_USERS });
        expect([grant, response.status, response.code]).toEqual([grant, 400, 'InvalidRequest']);
        expect(await anonymousGet(ticket.key)).toBe(403);
      }
    });
  });

  describe('the stored headers', () => {
    it('stores the signed Content-Disposition, Cache-Control and no Content-Encoding', async () => {
      const ticket = await ticketFor();
      expect((await put(ticket, ticket.headers)).status).toBe(200);
      const stored = await head(ticket.key);
      expect([
        stored.ContentType,
        stored.ContentDisposition,
        stored.CacheControl,
        stored.ContentEncoding,
      ]).toEqual(['image/jpeg', 'inline', 'private, max-age=900', '']);
    });

    it('refuses another Content-Disposition, Content-Encoding or Cache-Control, or none (403 SignatureDoesNotMatch)', async () => {
      const ticket = await ticketFor();
      const without = (name: string) =>
        Object.fromEntries(Object.entries(ticket.headers).filter(([header]) => header !== name));
      for (const headers of [
        { ...ticket.headers, 'content-disposition': 'attachment; filename="invoice.html"' },
        { ...ticket.headers, 'content-encoding': 'gzip' },
        { ...ticket.headers, 'cache-control': 'public, max-age=31536000' },
        without('content-disposition'),
        without('content-encoding'),
        without('cache-control'),
      ]) {
        const response = await put(ticket, headers);
        expect([response.status, response.code]).toEqual([403, 'SignatureDoesNotMatch']);
      }
      expect(await head(ticket.key).catch((e: { name?: string }) => e.name)).toBe('NotFound');
    });
  });

  describe('Ceph 16 differences from AWS S3 (which refuses any unsigned x-amz-* header: 403 AccessDenied)', () => {
    it('stores unsigned x-amz-meta-* headers next to the signed ones; what the signer reads is unchanged', async () => {
      const ticket = await ticketFor();
      const response = await put(ticket, {
        ...ticket.headers,
        'x-amz-meta-visibility2': 'public',
        'x-amz-meta-extra': 'x',
      });
      expect(response.status).toBe(200);
      const stored = await head(ticket.key);
      expect(stored.Metadata).toMatchObject({ extra: 'x', visibility2: 'public' });
      expect(readUploadMetadata(stored.Metadata)).toMatchObject({ visibility: 'private', sub: 'alice' });
    });

    it('applies an unsigned x-amz-acl: public-read to a PUT that signs none (anonymous GET 200): why every ticket signs one', async () => {
      const url = new URL((await ticketFor()).url);
      // The same store, a presigned PUT that does not sign x-amz-acl (as tickets did before).
      const presign = createPresigner(
        { bucket: lane.s3.bucket, region: lane.s3.region, endpoint: lane.s3.endpoint, forcePathStyle: true },
        { accessKeyId: lane.s3.accessKeyId, secretAccessKey: lane.s3.secretAccessKey },
      );
      const key = `${url.pathname.split('/').slice(2, -1).join('/')}/unsigned-acl.jpg`;
      const unsigned = await presign({
        method: 'PUT',
        key,
        expiresInSeconds: 60,
        headers: { 'content-type': 'image/jpeg', 'content-length': String(SIZE) },
      });
      const response = await rawRequest(
        'PUT',
        unsigned.url,
        { ...unsigned.headers, 'x-amz-acl': 'public-read' },
        bytes(SIZE),
      );
      expect(response.status).toBe(200);
      expect(await anonymousGet(key)).toBe(200);
    });
  });
});
