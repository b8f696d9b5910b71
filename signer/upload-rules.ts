/**
 * What a caller may upload: the per-file checks of `POST /v1/uploads`, and the multipart plan.
 * Pure functions over the configuration, so tests call them directly.
 */
import type { ErrorBody, FileDescriptor } from '../contract/index.js';
import type { SignerConfig } from './config.js';

type Limits = SignerConfig['uploads'];

/** S3's limits (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const S3_MAX_PARTS = 10_000;
export const S3_MIN_PART_SIZE = 5 * 1024 * 1024;

/** Checks one requested file; returns the refusal, or undefined when it may be uploaded. */
export function checkFile(file: unknown, limits: Limits): { file: FileDescriptor } | ErrorBody {
  const entry = file as Partial<FileDescriptor> | null;
  if (
    typeof entry !== 'object' ||
    entry === null ||
    typeof entry.name !== 'string' ||
    entry.name.length > 1024 ||
    typeof entry.type !== 'string' ||
    typeof entry.size !== 'number' ||
    !Number.isSafeInteger(entry.size) ||
    entry.size < 0
  ) {
    return refusal('ERR_BAD_REQUEST', 'Expected { name, type, size } with a whole size in bytes');
  }
  const type = entry.type.toLowerCase();
  if (!limits.allowedTypes.includes(type)) {
    return refusal(
      'ERR_TYPE_NOT_ALLOWED',
      `Type ${JSON.stringify(entry.type.slice(0, 100))} is not accepted`,
    );
  }
  if (entry.size === 0) return refusal('ERR_FILE_EMPTY', 'The file is empty');
  if (entry.size > limits.maxBytes) {
    return refusal('ERR_FILE_TOO_LARGE', `The file is larger than the ${limits.maxBytes} bytes allowed`);
  }
  return { file: { name: entry.name, type, size: entry.size } };
}

/** How a file of `size` bytes is split, or undefined when one PUT is used. */
export function multipartPlan(
  size: number,
  limits: Limits,
): { partSize: number; partCount: number } | undefined {
  if (size <= limits.multipartThresholdBytes) return undefined;
  // Grow the part size when the file would need more parts than S3 allows.
  const partSize = Math.max(limits.partSizeBytes, Math.ceil(size / S3_MAX_PARTS));
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/** The most parts any allowed upload can have: higher part numbers are never signed. */
export function maxPartNumber(limits: Limits): number {
  return Math.min(S3_MAX_PARTS, Math.ceil(limits.maxBytes / limits.partSizeBytes));
}

function refusal(code: ErrorBody['error']['code'], message: string): ErrorBody {
  return { error: { code, message } };
}
