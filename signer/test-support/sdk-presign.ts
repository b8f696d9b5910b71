/**
 * The AWS SDK's own presigned URL for a request (`S3RequestPresigner`), as the reference that the
 * signer's SigV4 presigner (signer/storage/sigv4-query.ts) must match byte for byte.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { QueryPresignRequest } from '../storage/sigv4-query.js';

/**
 * The SDK's presigned query parameters (decoded), `X-Amz-Signature` included, for the request
 * our presigner is given; every header in `request.headers` is signed.
 */
export async function sdkPresignedQuery(
  region: string,
  credentials: AwsCredentialIdentity,
  request: QueryPresignRequest,
): Promise<Record<string, string>> {
  const sdk = new S3RequestPresigner({ credentials, region, sha256: Sha256 });
  const signed = await sdk.presign(
    new HttpRequest({
      method: request.method,
      protocol: request.protocol,
      hostname: request.host,
      path: request.path,
      query: { ...request.query },
      headers: { ...request.headers, host: request.host },
    }),
    {
      expiresIn: request.expiresInSeconds,
      signingDate: request.signingDate,
      signableHeaders: new Set(Object.keys(request.headers)),
    },
  );
  return Object.fromEntries(Object.entries(signed.query ?? {}).map(([name, value]) => [name, String(value)]));
}
