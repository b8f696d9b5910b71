import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../stack/local-dynamodb.js';
import { createDynamoDbClient } from './dynamodb-client.js';
import { createSharedTokenBucket } from './shared-token-bucket.js';

let db: LocalDynamoDb;
beforeAll(async () => {
  db = await startLocalDynamoDb();
});
afterAll(() => db.close());

describe('shared token bucket', () => {
  const bucket = (now: () => number) =>
    createSharedTokenBucket({
      client: createDynamoDbClient({ endpoint: db.endpoint }),
      table: db.table,
      perMinute: 60,
      burst: 10,
      now,
    });

  it('gives a burst, then refills at its rate, with the wait until the next token', async () => {
    let clock = 1_700_000_000_000;
    const limiter = bucket(() => clock);
    expect(await limiter.take('a', 4)).toBe(0);
    expect(await limiter.take('a', 6)).toBe(0);
    expect(await limiter.take('a')).toBe(1);
    expect(await limiter.take('a', 3)).toBe(3);
    clock += 3000;
    expect(await limiter.take('a', 3)).toBe(0);
    expect(await limiter.take('a')).toBe(1);
    // Another key has its own bucket.
    expect(await limiter.take('b', 10)).toBe(0);
  });

  it('is one bucket for every instance, taken at once', async () => {
    const clock = 1_800_000_000_000;
    const first = bucket(() => clock);
    const second = bucket(() => clock);
    const waits = await Promise.all(
      Array.from({ length: 30 }, (_, index) => (index % 2 ? first : second).take('shared')),
    );
    expect(waits.filter((wait) => wait === 0).length).toBe(10);
  });
});
