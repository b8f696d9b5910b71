/**
 * Per-owner quota accounting in one DynamoDB item per owner, changed only by conditional single-item
 * updates (no transactions: they cost double, and dynalite has none). quota/README.md gives the item
 * layout and the exact call of every operation.
 */
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** One owner's limits; an absent unit is unlimited. */
export interface QuotaLimits {
  bytes?: number | undefined;
  images?: number | undefined;
}

/** A file to reserve: its image id and declared size. */
export interface QuotaFile {
  id: string;
  bytes: number;
}

/** Why a file was refused: which limit, what is counted (stored plus live reservations), the limit. */
export interface QuotaRefusal {
  unit: 'bytes' | 'images';
  used: number;
  limit: number;
}

/** What one owner keeps (`used`, settled) and has signed for (`reserved`, live reservations). */
export interface QuotaUsage {
  bytes: { used: number; reserved: number };
  images: { used: number; reserved: number };
}

export interface QuotaStore {
  /**
   * Reserves `files` until `expiresAt` (ms), in order: all in one conditional update when they fit;
   * otherwise, after dropping expired reservations, one by one, so the files that fit are reserved
   * and the others refused. Never reserves past a limit, whatever runs at the same time.
   * @returns one entry per file: `undefined` when reserved, else the refusal
   */
  reserve(
    owner: string,
    files: readonly QuotaFile[],
    limits: QuotaLimits,
    expiresAt: number,
  ): Promise<(QuotaRefusal | undefined)[]>;
  /** Moves a live reservation's expiry (a multipart upload signing its parts); false when there is none. */
  extend(owner: string, id: string, expiresAt: number): Promise<boolean>;
  /** Drops a reservation (upload aborted, or rejected); false when there was none. */
  release(owner: string, id: string): Promise<boolean>;
  /**
   * Counts a stored image at its real size, taking its reservation if it has one, expired or not.
   * Idempotent: a second settle of the same id changes nothing and returns false.
   */
  settle(owner: string, id: string, bytes: number): Promise<boolean>;
  /** Uncounts a deleted image (or drops its reservation when it was never settled). */
  remove(owner: string, id: string): Promise<void>;
  usage(owner: string): Promise<QuotaUsage>;
}

/** Options of {@link createQuotaStore}. */
export interface QuotaStoreOptions {
  client: DynamoDBClient;
  /** `QUOTA_TABLE`. */
  table: string;
  /** Milliseconds clock (default `Date.now`). */
  now?: () => number;
}

/** Reservations per update (an update expression is at most 4 KB). */
const FILES_PER_UPDATE = 50;
/** Reservation entries an item may hold before the expired ones are dropped on the next reserve. */
const RECONCILE_AT = 200;
const RESERVATION = 'res:';

const n = (value: number): AttributeValue => ({ N: String(value) });
const num = (value: AttributeValue | undefined) => Number(value?.N ?? 0);
type Item = Record<string, AttributeValue>;

/** A reservation entry: `res:{id}` = [declared bytes, expiry in ms]. */
function reservations(item: Item | undefined) {
  return Object.entries(item ?? {})
    .filter(([name]) => name.startsWith(RESERVATION))
    .map(([name, value]) => ({ name, bytes: num(value.L?.[0]), expiresAt: num(value.L?.[1]) }));
}

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** Creates the store over an existing table (`createQuotaTable` locally, the CDK on AWS). */
export function createQuotaStore({ client, table, now = Date.now }: QuotaStoreOptions): QuotaStore {
  const usageKey = (owner: string) => ({ pk: { S: owner }, sk: { S: 'usage' } });
  const imageKey = (owner: string, id: string) => ({ pk: { S: owner }, sk: { S: `image#${id}` } });
  const read = async (owner: string) =>
    (await client.send(new GetItemCommand({ TableName: table, Key: usageKey(owner), ConsistentRead: true })))
      .Item;
  /** Sends a conditional write: false when its condition did not hold; any other failure throws. */
  const conditional = async (command: UpdateItemCommand | PutItemCommand): Promise<boolean> => {
    try {
      await client.send(command as UpdateItemCommand);
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  /** One conditional update reserving `files`; false when a limit would be passed. */
  async function tryReserve(
    owner: string,
    files: readonly QuotaFile[],
    limits: QuotaLimits,
    expiresAt: number,
  ) {
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const names: Record<string, string> = {};
    const values: Item = { ':b': n(bytes), ':i': n(files.length), ':one': n(1) };
    const sets = files.map((file, index) => {
      names[`#r${index}`] = RESERVATION + file.id;
      values[`:r${index}`] = { L: [n(file.bytes), n(expiresAt)] };
      return `#r${index} = :r${index}`;
    });
    const conditions: string[] = [];
    for (const [unit, amount] of [
      ['bytes', bytes],
      ['images', files.length],
    ] as const) {
      const limit = limits[unit];
      if (limit === undefined) continue;
      if (amount > limit) return false;
      const attribute = unit === 'bytes' ? 'heldBytes' : 'heldImages';
      values[`:max${unit}`] = n(limit - amount);
      conditions.push(`(attribute_not_exists(${attribute}) OR ${attribute} <= :max${unit})`);
    }
    try {
      const { Attributes } = await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: usageKey(owner),
          UpdateExpression: `SET ${sets.join(', ')} ADD heldBytes :b, heldImages :i, entries :i, v :one`,
          ...(conditions.length > 0 && { ConditionExpression: conditions.join(' AND ') }),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      if (num(Attributes?.entries) > RECONCILE_AT) await reconcile(owner, await read(owner));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Recounts `held*` as settled plus live reservations and drops the expired ones, only if nothing
   * changed the item since it was read (`v`); returns the item as it now is, or undefined when
   * another write came first. This also heals a count left by a run cut short between two calls.
   */
  async function reconcile(owner: string, item: Item | undefined): Promise<Item | undefined> {
    if (!item) return item;
    const time = now();
    const all = reservations(item);
    // At most 100 removed per write (expression size); the others stay, counted, for the next one:
    // held is always used plus every reservation the item holds.
    const expired = all.filter((entry) => entry.expiresAt <= time).slice(0, 100);
    const kept = all.filter((entry) => !expired.includes(entry));
    const heldBytes = num(item.usedBytes) + kept.reduce((sum, entry) => sum + entry.bytes, 0);
    const heldImages = num(item.usedImages) + kept.length;
    if (expired.length === 0 && heldBytes === num(item.heldBytes) && heldImages === num(item.heldImages)) {
      return item;
    }
    const names = Object.fromEntries(expired.map((entry, index) => [`#x${index}`, entry.name]));
    const written = await conditional(
      new UpdateItemCommand({
        TableName: table,
        Key: usageKey(owner),
        UpdateExpression:
          'SET heldBytes = :hb, heldImages = :hi, entries = :e ADD v :one' +
          (expired.length > 0 ? ` REMOVE ${Object.keys(names).join(', ')}` : ''),
        ConditionExpression: 'v = :v',
        ...(expired.length > 0 && { ExpressionAttributeNames: names }),
        ExpressionAttributeValues: {
          ':hb': n(heldBytes),
          ':hi': n(heldImages),
          ':e': n(kept.length),
          ':one': n(1),
          ':v': item.v ?? n(0),
        },
      }),
    );
    return written ? read(owner) : undefined;
  }

  /** The refusal for `file` against `item`'s counts, or undefined when it fits. */
  function refusal(item: Item | undefined, file: QuotaFile, limits: QuotaLimits): QuotaRefusal | undefined {
    const bytes = num(item?.heldBytes);
    const images = num(item?.heldImages);
    if (limits.bytes !== undefined && bytes + file.bytes > limits.bytes) {
      return { unit: 'bytes', used: bytes, limit: limits.bytes };
    }
    if (limits.images !== undefined && images + 1 > limits.images) {
      return { unit: 'images', used: images, limit: limits.images };
    }
    return undefined;
  }

  return {
    async reserve(owner, files, limits, expiresAt) {
      const results: (QuotaRefusal | undefined)[] = [];
      for (let start = 0; start < files.length; start += FILES_PER_UPDATE) {
        const chunk = files.slice(start, start + FILES_PER_UPDATE);
        if (await tryReserve(owner, chunk, limits, expiresAt)) {
          results.push(...chunk.map(() => undefined));
          continue;
        }
        // Near a limit: drop what expired, then file by file, in order.
        let item = await read(owner);
        item = (await reconcile(owner, item)) ?? (await read(owner));
        for (const file of chunk) {
          let refused = refusal(item, file, limits);
          // Up to three tries: a failed update means another request took room first.
          for (let attempt = 0; !refused && attempt < 3; attempt++) {
            if (await tryReserve(owner, [file], limits, expiresAt)) break;
            item = await read(owner);
            refused = refusal(item, file, limits);
          }
          if (!refused) item = await read(owner);
          results.push(refused);
        }
      }
      return results;
    },

    async extend(owner, id, expiresAt) {
      return conditional(
        new UpdateItemCommand({
          TableName: table,
          Key: usageKey(owner),
          UpdateExpression: 'SET #r[1] = :e ADD v :one',
          ConditionExpression: 'attribute_exists(#r)',
          ExpressionAttributeNames: { '#r': RESERVATION + id },
          ExpressionAttributeValues: { ':e': n(expiresAt), ':one': n(1) },
        }),
      );
    },

    async release(owner, id) {
      return conditional(
        new UpdateItemCommand({
          TableName: table,
          Key: usageKey(owner),
          // Operands are read before the update: `#r[0]` is the reservation's declared size.
          UpdateExpression:
            'SET heldBytes = heldBytes - #r[0], heldImages = heldImages - :one REMOVE #r ADD entries :minus, v :one',
          ConditionExpression: 'attribute_exists(#r)',
          ExpressionAttributeNames: { '#r': RESERVATION + id },
          ExpressionAttributeValues: { ':one': n(1), ':minus': n(-1) },
        }),
      );
    },

    async settle(owner, id, bytes) {
      // The image's own item first: it makes a second settle a no-op, and keeps the size that a
      // delete subtracts. A run cut short right after it leaves the image uncounted (README).
      const first = await conditional(
        new PutItemCommand({
          TableName: table,
          Item: { ...imageKey(owner, id), bytes: n(bytes), settledAt: n(now()) },
          ConditionExpression: 'attribute_not_exists(sk)',
        }),
      );
      if (!first) return false;
      const name = RESERVATION + id;
      for (;;) {
        const entry = reservations(await read(owner)).find((reservation) => reservation.name === name);
        const values: Item = { ':b': n(bytes), ':one': n(1) };
        // No reservation (expired and dropped, or none taken): counted all the same.
        let update = 'ADD usedBytes :b, usedImages :one, heldBytes :b, heldImages :one, v :one';
        let condition = 'attribute_not_exists(#r)';
        if (entry) {
          // Its reservation becomes the stored size: held changes by real − declared, images stay.
          update = 'REMOVE #r ADD usedBytes :b, usedImages :one, heldBytes :d, entries :minus, v :one';
          condition = '#r[0] = :declared';
          Object.assign(values, {
            ':d': n(bytes - entry.bytes),
            ':declared': n(entry.bytes),
            ':minus': n(-1),
          });
        }
        const done = await conditional(
          new UpdateItemCommand({
            TableName: table,
            Key: usageKey(owner),
            UpdateExpression: update,
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#r': name },
            ExpressionAttributeValues: values,
          }),
        );
        // Not done: the reservation was dropped or released meanwhile; read again.
        if (done) return true;
      }
    },

    async remove(owner, id) {
      const { Attributes } = await client.send(
        new DeleteItemCommand({ TableName: table, Key: imageKey(owner, id), ReturnValues: 'ALL_OLD' }),
      );
      if (!Attributes) {
        await this.release(owner, id);
        return;
      }
      const bytes = num(Attributes.bytes);
      await client.send(
        new UpdateItemCommand({
          TableName: table,
          Key: usageKey(owner),
          UpdateExpression: 'ADD usedBytes :b, heldBytes :b, usedImages :i, heldImages :i, v :one',
          ExpressionAttributeValues: { ':b': n(-bytes), ':i': n(-1), ':one': n(1) },
        }),
      );
    },

    async usage(owner) {
      const item = await read(owner);
      const time = now();
      const live = reservations(item).filter((entry) => entry.expiresAt > time);
      return {
        bytes: { used: num(item?.usedBytes), reserved: live.reduce((sum, entry) => sum + entry.bytes, 0) },
        images: { used: num(item?.usedImages), reserved: live.length },
      };
    },
  };
}
