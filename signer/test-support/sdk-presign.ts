/**
 * The AWS SDK's own presigned URL for a request (`S3RequestPresigner`), as the reference that the
 * signer's SigV4 presigner (signer/storage/sigv4-query.ts) must match byte for byte.
 */
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { HttpRequest } from '@smithy/core/protocols';
import type { AwsCredentialIdentity } from '@smithy/types';

export interface SdkPresignRequest {
  region: string;
  credentials: AwsCredentialIdentity;
  method: string;
  host: string;
  /** Already URI-encoded, as the SDK and our presigner both take it. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names; all of them are signed. */
  headers: Record<string, string>;
  expiresInSeconds: number;
  signingDate: Date;
}

/** The SDK's presigned query parameters (decoded) for `request`, `X-Amz-Signature` included. */
export async function sdkPresignedQuery(request: SdkPresignRequest): Promise<Record<string, string>> {
  const sdk = new S3RequestPresigner({
    credentials: request.credentials,
    region: request.region,
    sha256: Sha256,
  });
  const signed = await sdk.presign(
    new HttpRequest({
      method: request.method,
      protocol: 'https:',
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
