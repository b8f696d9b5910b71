/** Creates the quota table where nothing else does: the local stack and the tests (the CDK does on AWS). */
import {
  CreateTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { QUOTA_TABLE_SCHEMA } from './quota-table.js';

/**
 * Creates `table` with {@link QUOTA_TABLE_SCHEMA} (on-demand) and turns on its TTL; a table that
 * exists already is left as it is.
 * @param client from `createDynamoDbClient`
 * @param table the name (`QUOTA_TABLE`)
 */
export async function createQuotaTable(client: DynamoDBClient, table: string): Promise<void> {
  const { partitionKey, sortKey, timeToLiveAttribute } = QUOTA_TABLE_SCHEMA;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: partitionKey, AttributeType: 'S' },
          { AttributeName: sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return;
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
      }),
    );
  } catch (error) {
    // dynalite has no UpdateTimeToLive (nor expires items): locally, nothing is removed by TTL,
    // which the store never relies on (quota/README.md).
    if ((error as { name?: string }).name !== 'UnknownOperationException') throw error;
  }
}
