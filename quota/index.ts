/** Per-user quotas and the shared rate limit, kept in DynamoDB. */
export { QUOTA_TABLE_SCHEMA, SIGNER_QUOTA_ACTIONS, THUMBNAILER_QUOTA_ACTIONS } from './quota-table.js';
