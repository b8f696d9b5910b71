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

/**
 * What the signer does to the table (quota/README.md): reserve, extend and release (`UpdateItem`),
 * read usage (`GetItem`), take rate-limit tokens (`UpdateItem`, `GetItem`), uncount a deleted image
 * (`DeleteItem`, `UpdateItem`).
 */
export const SIGNER_QUOTA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/**
 * What the thumbnailer does to the table: settle a reservation to the real size (`PutItem` of the
 * image's item, `GetItem`, `UpdateItem`), or release it (`UpdateItem`).
 */
export const THUMBNAILER_QUOTA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
] as const;
