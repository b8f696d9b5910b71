/**
 * The local DynamoDB: dynalite (DynamoDB's API on LevelDB) in this process, on 127.0.0.1, with the
 * quota table created. The signer and the thumbnailer reach it through the same
 * `@aws-sdk/client-dynamodb` code they run on AWS, pointed at it with `DYNAMODB_ENDPOINT`.
 */
import dynalite from 'dynalite';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createDynamoDbClient, createQuotaTable } from '../quota/index.js';

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Folder the data is kept in across runs (`npm start`: `.local/dynamodb/`); default: memory. */
  directory?: string;
  /** The quota table's name (default `image-uploader-quota`). */
  table?: string;
}

/** A running local DynamoDB. */
export interface LocalDynamoDb {
  /** `DYNAMODB_ENDPOINT`, e.g. `http://127.0.0.1:4567`. */
  endpoint: string;
  /** `QUOTA_TABLE`. */
  table: string;
  /** What the signer and the thumbnailer need to reach it: `QUOTA_TABLE` and `DYNAMODB_ENDPOINT`. */
  env: { QUOTA_TABLE: string; DYNAMODB_ENDPOINT: string };
  close(): Promise<void>;
}

/** Starts dynalite and creates the quota table (kept as it is when it exists). */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  if (options.directory) await mkdir(options.directory, { recursive: true });
  // Tables are ACTIVE at once: nothing here waits for a table to be created.
  const server = dynalite({ ...(options.directory && { path: options.directory }), createTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const table = options.table ?? 'image-uploader-quota';
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  try {
    const client = createDynamoDbClient({ endpoint });
    await createQuotaTable(client, table);
    client.destroy();
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, table, env: { QUOTA_TABLE: table, DYNAMODB_ENDPOINT: endpoint }, close };
}
