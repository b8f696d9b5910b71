/**
 * Tells the CDN to forget an image's public copies after `PATCH` or `DELETE /v1/images/:id`
 * (CloudFront `CreateInvalidation`). `@aws-sdk/client-cloudfront` is imported on first use: a
 * signer that never changes a public image never loads it.
 *
 * An invalidation clears CloudFront's edge caches within minutes; it cannot reach browsers that
 * already hold a public copy (`max-age=31536000, immutable`), so a withdrawn image stays in those
 * caches (signer/README.md, "Deleting and unpublishing").
 */
import type * as ClientCloudFront from '@aws-sdk/client-cloudfront';
import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { SignerError } from '../signer-error.js';

/** Invalidates viewer paths (each starting with `/`, `*` allowed at the end). */
export type InvalidateCdn = (paths: string[]) => Promise<void>;

/** Options of {@link createCdnInvalidator}. */
export interface CdnInvalidatorOptions {
  /** `CDN_DISTRIBUTION_ID`. */
  distributionId: string;
  /** CloudFront's API endpoint; default AWS's. */
  endpoint?: string;
  /** Default: the AWS default chain (on Lambda, the function role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** An invalidator that does nothing: without a distribution there is no CDN cache to clear. */
export const noCdn: InvalidateCdn = async () => {};

/**
 * Creates the invalidator for one distribution.
 * @throws {SignerError} (from the returned function) 503 ERR_STORAGE_UNAVAILABLE when CloudFront
 *   refuses or cannot be reached; the change to S3 is already made, and the request may be repeated.
 */
export function createCdnInvalidator(options: CdnInvalidatorOptions): InvalidateCdn {
  let loaded: Promise<{ sdk: typeof ClientCloudFront; client: CloudFrontClient }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-cloudfront').then((sdk) => ({
      sdk,
      client: new sdk.CloudFrontClient({
        // CloudFront's API is global, signed for us-east-1.
        region: 'us-east-1',
        maxAttempts: 3,
        ...(options.endpoint && { endpoint: options.endpoint }),
        ...(options.credentials && { credentials: { ...options.credentials } }),
      }),
    })));
  return async (paths) => {
    if (paths.length === 0) return;
    const { sdk, client } = await load();
    try {
      await client.send(
        new sdk.CreateInvalidationCommand({
          DistributionId: options.distributionId,
          InvalidationBatch: {
            Paths: { Quantity: paths.length, Items: paths },
            // Unique per call: the same reference twice would be taken as a repeat of the first.
            CallerReference: `image-uploader-${Date.now()}-${crypto.randomUUID()}`,
          },
        }),
      );
    } catch (error) {
      throw new SignerError(
        'ERR_STORAGE_UNAVAILABLE',
        503,
        'The CDN could not be told to drop its copies; try again',
        { 'Retry-After': '2' },
        { cause: error },
      );
    }
  };
}
