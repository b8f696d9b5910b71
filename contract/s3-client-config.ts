/**
 * The settings every S3 client of this project is built with, in one place. Only the type of
 * `@aws-sdk/client-s3` is imported, so importing this module loads no SDK code (the signer loads
 * the SDK lazily, on the first call that needs it).
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * `config` plus checksums only where an operation requires them. Since January 2025 the SDK by
 * default adds CRC32 checksums to every request (aws/aws-sdk-js-v3#6750): presigned URLs then
 * sign an empty-body CRC32 that real S3 and S3-compatible stores refuse for the real body, and
 * streamed bodies go out aws-chunked with trailers that S3-compatible stores (s3rver, radosgw)
 * reject or store verbatim.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-dataintegrity.html
 * @param config the client's own settings (region, endpoint, credentials, timeouts, …); its
 *   checksum settings, if any, are overridden.
 * @example const client = new S3Client(s3ClientConfig({ region: 'eu-west-1' }));
 */
export function s3ClientConfig(config: S3ClientConfig): S3ClientConfig {
  return {
    ...config,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}
