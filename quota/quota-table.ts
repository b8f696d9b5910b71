/**
 * The quota table's shape and the DynamoDB actions each part needs: the one place the CDK stack
 * (table definition, IAM grants), dynalite (local stack, tests) and the store's code agree on.
 */

/** Partition key, sort key and TTL attribute names; all keys are strings, TTL is epoch seconds. */
export const QUOTA_TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
} as const;

/** What the signer does to the table: reserve, release, read usage, take rate-limit tokens. */
export const SIGNER_QUOTA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:TransactWriteItems',
] as const;

/** What the thumbnailer does to the table: settle a reservation to the real size, or release it. */
export const THUMBNAILER_QUOTA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:TransactWriteItems',
] as const;
