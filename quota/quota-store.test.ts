import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../stack/local-dynamodb.js';
import { createDynamoDbClient } from './dynamodb-client.js';
import { createQuotaStore, type QuotaStore } from './quota-store.js';

let db: LocalDynamoDb;
let clock: number;
let store: QuotaStore;
let owner: string;
let ownerCount = 0;
const client = () => createDynamoDbClient({ endpoint: db.endpoint });
const MINUTE = 60_000;

beforeAll(async () => {
  db = await startLocalDynamoDb();
});
afterAll(() => db.close());
beforeEach(() => {
  clock = 1_700_000_000_000;
  store = createQuotaStore({ client: client(), table: db.table, now: () => clock });
  owner = `owner-${++ownerCount}`;
});

describe('quota store', () => {
  describe('reserve', () => {
    it('reserves every file that fits in one go, and counts them as reserved', async () => {
      const result = await store.reserve(
        owner,
        [
          { id: 'a', bytes: 400 },
          { id: 'b', bytes: 500 },
        ],
        { bytes: 1000 },
        clock + MINUTE,
      );
      expect(result).toEqual([undefined, undefined]);
      expect(await store.usage(owner)).toEqual({
        bytes: { used: 0, reserved: 900 },
        images: { used: 0, reserved: 2 },
      });
    });

    it('refuses, file by file and in order, what would pass a limit, with the figures', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 600 }], { bytes: 1000 }, clock + MINUTE);
      const result = await store.reserve(
        owner,
        [
          { id: 'b', bytes: 500 },
          { id: 'c', bytes: 300 },
          { id: 'd', bytes: 200 },
        ],
        { bytes: 1000 },
        clock + MINUTE,
      );
      expect(result).toEqual([
        { unit: 'bytes', used: 600, limit: 1000 },
        undefined,
        { unit: 'bytes', used: 900, limit: 1000 },
      ]);
      expect((await store.usage(owner)).bytes.reserved).toBe(900);
    });

    it('limits images as well as bytes', async () => {
      const result = await store.reserve(
        owner,
        [
          { id: 'a', bytes: 1 },
          { id: 'b', bytes: 1 },
          { id: 'c', bytes: 1 },
        ],
        { images: 2 },
        clock + MINUTE,
      );
      expect(result).toEqual([undefined, undefined, { unit: 'images', used: 2, limit: 2 }]);
    });

    it('no longer counts reservations past their expiry, and reserves their room again', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 800 }], { bytes: 1000 }, clock + MINUTE);
      expect(
        (await store.reserve(owner, [{ id: 'b', bytes: 800 }], { bytes: 1000 }, clock + MINUTE))[0],
      ).toMatchObject({ unit: 'bytes' });
      clock += MINUTE;
      expect((await store.usage(owner)).bytes.reserved).toBe(0);
      expect(await store.reserve(owner, [{ id: 'c', bytes: 800 }], { bytes: 1000 }, clock + MINUTE)).toEqual([
        undefined,
      ]);
      expect(await store.usage(owner)).toMatchObject({
        bytes: { used: 0, reserved: 800 },
        images: { reserved: 1 },
      });
    });

    it('a multipart upload extends its reservation while it signs its parts', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 800 }], { bytes: 1000 }, clock + MINUTE);
      expect(await store.extend(owner, 'a', clock + 3 * MINUTE)).toBe(true);
      clock += 2 * MINUTE;
      expect((await store.usage(owner)).bytes.reserved).toBe(800);
      expect(await store.extend(owner, 'none', clock + MINUTE)).toBe(false);
    });

    it('lets 50 requests at once from two instances take no more than the quota', async () => {
      const other = createQuotaStore({ client: client(), table: db.table, now: () => clock });
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          (index % 2 ? store : other).reserve(
            owner,
            [
              { id: `f${index}`, bytes: 100 },
              { id: `g${index}`, bytes: 100 },
            ],
            { bytes: 2000, images: 15 },
            clock + MINUTE,
          ),
        ),
      );
      const reserved = results.flat().filter((refusal) => refusal === undefined).length;
      expect(reserved).toBe(15);
      expect(await store.usage(owner)).toMatchObject({ bytes: { reserved: 1500 }, images: { reserved: 15 } });
    });
  });

  describe('settle', () => {
    it('turns a reservation into the stored size, once', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 1000 }], { bytes: 1000 }, clock + MINUTE);
      expect(await store.settle(owner, 'a', 700)).toBe(true);
      expect(await store.settle(owner, 'a', 700)).toBe(false);
      expect(await store.usage(owner)).toEqual({
        bytes: { used: 700, reserved: 0 },
        images: { used: 1, reserved: 0 },
      });
      // The 300 bytes the file did not use are free again.
      expect(await store.reserve(owner, [{ id: 'b', bytes: 300 }], { bytes: 1000 }, clock + MINUTE)).toEqual([
        undefined,
      ]);
      expect(await store.reserve(owner, [{ id: 'c', bytes: 1 }], { bytes: 1000 }, clock + MINUTE)).toEqual([
        { unit: 'bytes', used: 1000, limit: 1000 },
      ]);
    });

    it('counts an upload that completed after its reservation expired and was dropped', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 900 }], { bytes: 1000 }, clock + MINUTE);
      clock += 2 * MINUTE;
      // Another file takes the room the expired reservation held.
      expect(await store.reserve(owner, [{ id: 'b', bytes: 900 }], { bytes: 1000 }, clock + MINUTE)).toEqual([
        undefined,
      ]);
      expect(await store.settle(owner, 'a', 900)).toBe(true);
      expect(await store.usage(owner)).toEqual({
        bytes: { used: 900, reserved: 900 },
        images: { used: 1, reserved: 1 },
      });
      expect(await store.reserve(owner, [{ id: 'c', bytes: 1 }], { bytes: 1800 }, clock + MINUTE)).toEqual([
        { unit: 'bytes', used: 1800, limit: 1800 },
      ]);
    });
  });

  describe('release and remove', () => {
    it('release frees a reservation, once', async () => {
      await store.reserve(owner, [{ id: 'a', bytes: 1000 }], { bytes: 1000 }, clock + MINUTE);
      expect(await store.release(owner, 'a')).toBe(true);
      expect(await store.release(owner, 'a')).toBe(false);
      expect(await store.usage(owner)).toEqual({
        bytes: { used: 0, reserved: 0 },
        images: { used: 0, reserved: 0 },
      });
      expect(await store.reserve(owner, [{ id: 'b', bytes: 1000 }], { bytes: 1000 }, clock + MINUTE)).toEqual(
        [undefined],
      );
    });

    it('remove uncounts a stored image, once, and drops the reservation of one never stored', async () => {
      await store.reserve(
        owner,
        [
          { id: 'a', bytes: 600 },
          { id: 'b', bytes: 400 },
        ],
        { bytes: 1000 },
        clock + MINUTE,
      );
      await store.settle(owner, 'a', 600);
      await store.remove(owner, 'a');
      await store.remove(owner, 'a');
      await store.remove(owner, 'b');
      expect(await store.usage(owner)).toEqual({
        bytes: { used: 0, reserved: 0 },
        images: { used: 0, reserved: 0 },
      });
      expect(
        await store.reserve(owner, [{ id: 'c', bytes: 1000 }], { bytes: 1000, images: 1 }, clock + MINUTE),
      ).toEqual([undefined]);
    });
  });
});
