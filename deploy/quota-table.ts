import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { QUOTA_TABLE_SCHEMA } from '../quota/quota-table.js';
import type { ResolvedConfig } from './config.js';

/**
 * Creates the quota table the signer and the thumbnailer share (`QUOTA_TABLE`): each owner's usage
 * and reservations, and the per-owner rate-limit buckets. The keys and the TTL attribute come from
 * `QUOTA_TABLE_SCHEMA` (quota/quota-table.ts), the one place the store's code, dynalite and this
 * stack agree on.
 *
 * On-demand billing (no capacity to plan; idle costs nothing), TTL so expired reservations and
 * buckets leave by themselves, point-in-time recovery (usage is the bill's basis), encryption with
 * an AWS-owned key (free, no key policy to keep). It stays when the stack is deleted whenever the
 * bucket does: the usage it records describes the objects that remain.
 * @param scope where the table goes
 * @param config the resolved deployment config
 */
export function createQuotaTable(scope: Construct, config: Readonly<ResolvedConfig>): dynamodb.Table {
  const retain = config.bucket.retainOnDelete || config.bucket.existingBucketName !== undefined;
  return new dynamodb.Table(scope, 'QuotaTable', {
    partitionKey: { name: QUOTA_TABLE_SCHEMA.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: QUOTA_TABLE_SCHEMA.sortKey, type: dynamodb.AttributeType.STRING },
    timeToLiveAttribute: QUOTA_TABLE_SCHEMA.timeToLiveAttribute,
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.DEFAULT,
    deletionProtection: retain,
    removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
}

/**
 * Lets a role do exactly `actions` on the quota table and nothing else: not its indexes (it has
 * none), not other tables. `table.grantReadWriteData` would add batch, scan and describe actions
 * the store never calls.
 * @param role the execution role
 * @param table the quota table
 * @param actions `SIGNER_QUOTA_ACTIONS` or `THUMBNAILER_QUOTA_ACTIONS` (quota/quota-table.ts)
 */
export function allowQuotaUse(role: iam.Role, table: dynamodb.ITable, actions: readonly string[]): void {
  role.addToPolicy(
    new iam.PolicyStatement({ sid: 'QuotaTable', actions: [...actions], resources: [table.tableArn] }),
  );
}
