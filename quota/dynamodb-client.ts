/** The one DynamoDB client the signer and the thumbnailer build, for AWS and for dynalite alike. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Where the table is: AWS (the default chain's region and credentials), or a local endpoint. */
export interface DynamoDbClientOptions {
  /** `DYNAMODB_ENDPOINT`: the local stack's dynalite; AWS when absent. */
  endpoint?: string;
  /** Default `us-east-1` (any region does for a local endpoint). */
  region?: string;
}

/**
 * Creates the client. With `endpoint` (dynalite, which checks no signature) it signs with fixed
 * local keys, so no AWS credentials are looked up on a developer's machine.
 * @example const client = createDynamoDbClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
 */
export function createDynamoDbClient(options: DynamoDbClientOptions = {}): DynamoDBClient {
  const region = options.region ?? 'us-east-1';
  if (!options.endpoint) return new DynamoDBClient({ region, maxAttempts: 3 });
  return new DynamoDBClient({
    region,
    endpoint: options.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
}
