/** Per-user quotas and the shared rate limit, kept in DynamoDB. */
export { QUOTA_TABLE_SCHEMA, SIGNER_QUOTA_ACTIONS, THUMBNAILER_QUOTA_ACTIONS } from './quota-table.js';
export { createDynamoDbClient } from './dynamodb-client.js';
export type { DynamoDbClientOptions } from './dynamodb-client.js';
export { createQuotaTable } from './create-quota-table.js';
export { createQuotaStore } from './quota-store.js';
export type {
  QuotaFile,
  QuotaLimits,
  QuotaRefusal,
  QuotaStore,
  QuotaStoreOptions,
  QuotaUsage,
} from './quota-store.js';
export { createSharedTokenBucket } from './shared-token-bucket.js';
export type { SharedTokenBucket, SharedTokenBucketOptions } from './shared-token-bucket.js';
