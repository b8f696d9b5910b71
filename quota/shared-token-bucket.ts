/**
 * A token bucket per key kept in the quota table, so every signer instance draws from the same one.
 * It is stored as GCRA's theoretical arrival time (`tat`, ms): one number, moved by one conditional
 * update per request (a second only when this instance guessed the bucket's state wrong).
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** Options of {@link createSharedTokenBucket}. */
export interface SharedTokenBucketOptions {
  client: DynamoDBClient;
  table: string;
  /** Refill rate: tokens per minute. */
  perMinute: number;
  /** Bucket size: how many tokens may be taken at once. */
  burst: number;
  /** Milliseconds clock (default `Date.now`). */
  now?: () => number;
}

/** The shared bucket. */
export interface SharedTokenBucket {
  /**
   * Takes `cost` tokens (at most `burst`) from `key`'s bucket.
   * @returns 0 when taken, else the seconds until they would be
   */
  take(key: string, cost?: number): Promise<number>;
}

/** Keys whose last `tat` this instance remembers, to guess which update to send first. */
const REMEMBERED = 10_000;
/** A bucket's item is removed by TTL this long after it is full again. */
const TTL_SECONDS = 3600;

/**
 * GCRA: a request of `cost` tokens is allowed when `max(tat, now) + cost·T − now ≤ burst·T`, `T` being
 * the time one token takes to come back; it moves `tat` to `max(tat, now) + cost·T`. DynamoDB has no
 * `max`, so each branch is its own conditional update: `tat ≤ now` (an idle bucket) or
 * `now < tat ≤ now + (burst − cost)·T` (a draining one).
 * @example const bucket = createSharedTokenBucket({ client, table, perMinute: 300, burst: 200 });
 */
export function createSharedTokenBucket(options: SharedTokenBucketOptions): SharedTokenBucket {
  const { client, table, burst } = options;
  const now = options.now ?? Date.now;
  const interval = 60_000 / options.perMinute;
  const known = new Map<string, number>();
  const remember = (key: string, tat: number) => {
    known.delete(key);
    if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
    known.set(key, tat);
  };
  const Key = (key: string) => ({ pk: { S: key }, sk: { S: 'rate' } });

  return {
    async take(key, cost = 1) {
      const tokens = Math.min(Math.max(1, cost), burst);
      const time = now();
      const latest = time + (burst - tokens) * interval;
      const ttl = { N: String(Math.ceil((latest + burst * interval) / 1000) + TTL_SECONDS) };
      let idle = (known.get(key) ?? 0) <= time;
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          const { Attributes } = await client.send(
            new UpdateItemCommand({
              TableName: table,
              Key: Key(key),
              ...(idle
                ? {
                    UpdateExpression: 'SET tat = :tat, #ttl = :ttl',
                    ConditionExpression: 'attribute_not_exists(tat) OR tat <= :now',
                    ExpressionAttributeValues: {
                      ':tat': { N: String(time + tokens * interval) },
                      ':now': { N: String(time) },
                      ':ttl': ttl,
                    },
                  }
                : {
                    UpdateExpression: 'SET tat = tat + :cost, #ttl = :ttl',
                    ConditionExpression: 'tat > :now AND tat <= :latest',
                    ExpressionAttributeValues: {
                      ':cost': { N: String(tokens * interval) },
                      ':now': { N: String(time) },
                      ':latest': { N: String(latest) },
                      ':ttl': ttl,
                    },
                  }),
              ExpressionAttributeNames: { '#ttl': 'ttl' },
              ReturnValues: 'UPDATED_NEW',
            }),
          );
          remember(key, Number(Attributes?.tat?.N ?? 0));
          return 0;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
        // Guessed wrong, or the bucket is empty: read where it is.
        const { Item } = await client.send(
          new GetItemCommand({ TableName: table, Key: Key(key), ConsistentRead: true }),
        );
        const tat = Number(Item?.tat?.N ?? 0);
        remember(key, tat);
        if (tat > latest) return Math.max(1, Math.ceil((tat - latest) / 1000));
        idle = tat <= time;
      }
      // Three writes lost to other instances in a row: the bucket is drawn on hard; say wait a second.
      return 1;
    },
  };
}
