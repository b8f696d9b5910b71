/**
 * What a caller may upload: reading and checking the files of `POST /v1/uploads`, the multipart
 * plan, and the part numbers it allows. Pure functions over the configuration, so tests call them
 * directly.
 */
import * as v from 'valibot';
import type { FileDescriptor } from '../contract/api.js';
import { CreateUploadsRequestSchema, FileDescriptorSchema, S3_MAX_PARTS } from '../contract/api-schemas.js';
import type { ErrorBody, SignerErrorCode } from '../contract/error-codes.js';
import { cleanFileName } from '../contract/file-name.js';
import {
  METADATA_HEADER_PREFIX,
  S3_USER_METADATA_MAX_BYTES,
  metadataHeaders,
  type AppMetadata,
  type UploadMetadata,
} from '../contract/upload-metadata.js';
import type { Visibility } from '../contract/visibility.js';
import type { Caller } from './auth/token-verifier.js';
import type { SignerConfig } from './config.js';
import { describeIssue } from './request-schema.js';
import { SignerError, badRequest, errorBody } from './signer-error.js';

type Limits = SignerConfig['uploads'];

/** S3's smallest part but the last (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const S3_MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Reads a `POST /v1/uploads` body: one slot per requested file, in order, holding the file as the
 * contract describes it or, when that entry alone is malformed, its ERR_BAD_REQUEST refusal (so one
 * bad entry does not cost the batch).
 * @throws {SignerError} 400 ERR_BAD_REQUEST when the body is not `{ files: [ … ] }` with 1+ entries
 * @throws {SignerError} 400 ERR_METADATA_INVALID when any file's `metadata` breaks the rules
 *   (contract/upload-metadata.ts); the message names the file and what is wrong, e.g.
 *   `files.1.metadata.Listing: Invalid key: …`. The page sent it, so it is the page's bug: the whole
 *   request is refused rather than a file uploaded without the context the app relies on.
 */
export function requestedFiles(body: unknown): (FileDescriptor | ErrorBody<SignerErrorCode>)[] {
  // One parse on the usual path; entries are looked at one by one only when something is wrong.
  const all = v.safeParse(CreateUploadsRequestSchema, body);
  if (all.success) return all.output.files;
  const outer = all.issues.find((issue) => (issue.path?.length ?? 0) < 2);
  if (outer) throw badRequest(describeIssue(outer));
  const metadata = all.issues.find((issue) => issue.path?.[2]?.key === 'metadata');
  if (metadata) throw new SignerError('ERR_METADATA_INVALID', 400, describeIssue(metadata));
  return (body as { files: unknown[] }).files.map((entry, index) => {
    const one = v.safeParse(FileDescriptorSchema, entry);
    return one.success
      ? one.output
      : errorBody('ERR_BAD_REQUEST', describeIssue(one.issues[0], `files.${index}`));
  });
}

/** A file as it will be signed. */
export interface CheckedFile {
  name: string;
  type: string;
  size: number;
  visibility: Visibility;
  /** The page's metadata; `{}` when it sent none. */
  metadata: AppMetadata;
}

/**
 * Checks one requested file against the limits; returns the file as it will be signed (its type
 * lower-cased, its name cleaned by `cleanFileName`: an odd name is never a reason to refuse, its
 * visibility the default when it asks for none), or the refusal for its slot.
 */
export function checkFile(
  file: FileDescriptor,
  limits: Limits,
):
  | { file: CheckedFile }
  | ErrorBody<
      'ERR_TYPE_NOT_ALLOWED' | 'ERR_FILE_EMPTY' | 'ERR_FILE_TOO_LARGE' | 'ERR_VISIBILITY_NOT_ALLOWED'
    > {
  const type = file.type.toLowerCase();
  if (!limits.allowedTypes.includes(type)) {
    return errorBody(
      'ERR_TYPE_NOT_ALLOWED',
      `Type ${JSON.stringify(file.type.slice(0, 100))} is not accepted`,
    );
  }
  if (file.size === 0) return errorBody('ERR_FILE_EMPTY', 'The file is empty');
  if (file.size > limits.maxBytes) {
    return errorBody('ERR_FILE_TOO_LARGE', `The file is larger than the ${limits.maxBytes} bytes allowed`);
  }
  const visibility = checkVisibility(file.visibility, limits);
  if (typeof visibility !== 'string') return visibility;
  return {
    file: {
      name: cleanFileName(file.name),
      type,
      size: file.size,
      visibility,
      metadata: file.metadata ?? {},
    },
  };
}

/** What an upload is signed with, encoded once: the metadata, and its headers for a single PUT. */
export interface SignedMetadata {
  metadata: UploadMetadata;
  /** `x-amz-meta-*` headers (contract/upload-metadata.ts `metadataHeaders`). */
  headers: Record<string, string>;
}

/**
 * Binds a checked file's name, visibility and page metadata to the caller's verified `iss` and
 * `sub` (contract/upload-metadata.ts), encoded once.
 * @param index the file's place in the request, for the message
 * @throws {SignerError} 400 ERR_METADATA_INVALID when S3 would refuse to store that much user
 *   metadata (`S3_USER_METADATA_MAX_BYTES`): S3 answers a PUT or CreateMultipartUpload over its
 *   limit with 400 MetadataTooLarge, long after the page could have been told why.
 */
export function signedMetadata(
  file: CheckedFile,
  caller: Pick<Caller, 'issuer' | 'subject'>,
  index: number,
): SignedMetadata {
  const metadata: UploadMetadata = {
    name: file.name,
    visibility: file.visibility,
    iss: caller.issuer,
    sub: caller.subject,
    metadata: file.metadata,
  };
  const headers = metadataHeaders(metadata);
  // contract/upload-metadata.ts `s3MetadataBytes`, counted from the headers already encoded.
  let bytes = 0;
  for (const name in headers) bytes += name.length - METADATA_HEADER_PREFIX.length + headers[name]!.length;
  if (bytes > S3_USER_METADATA_MAX_BYTES) {
    throw new SignerError(
      'ERR_METADATA_INVALID',
      400,
      `files.${index}: S3 keeps at most ${S3_USER_METADATA_MAX_BYTES} bytes of metadata with an object, which the file's name, the uploader's identity and the page's metadata share (percent-encoded); this file's would take ${bytes}. Send less metadata or a shorter name.`,
    );
  }
  return { metadata, headers };
}

/**
 * The visibility a caller asked for if the configuration allows it (`UPLOAD_VISIBILITIES`), the
 * default (`UPLOAD_DEFAULT_VISIBILITY`) when it asked for none, else the refusal.
 */
export function checkVisibility(
  requested: string | undefined,
  limits: Pick<Limits, 'visibilities' | 'defaultVisibility'>,
): Visibility | ErrorBody<'ERR_VISIBILITY_NOT_ALLOWED'> {
  if (requested === undefined) return limits.defaultVisibility;
  const allowed = limits.visibilities.find((visibility) => visibility === requested);
  return (
    allowed ??
    errorBody(
      'ERR_VISIBILITY_NOT_ALLOWED',
      `Visibility ${JSON.stringify(requested)} is not allowed here; allowed: ${limits.visibilities.join(', ')}`,
    )
  );
}

/**
 * Refuses part numbers past `highestPart` (what the size limit allows), which the contract's
 * schema cannot know: it only bounds them by S3's 10,000.
 * @param field the list's name in the body; `itemField`, the number's name in each entry (if any)
 * @throws {SignerError} 400 ERR_BAD_REQUEST naming the field
 */
export function checkPartNumbers(
  numbers: readonly number[],
  highestPart: number,
  field: string,
  itemField?: string,
): void {
  if (numbers.length > highestPart) {
    throw badRequest(`${field}: Invalid length: Expected <=${highestPart} but received ${numbers.length}`);
  }
  const beyond = numbers.findIndex((n) => n > highestPart);
  if (beyond !== -1) {
    throw badRequest(
      `${[field, beyond, itemField].filter((part) => part !== undefined).join('.')}: Invalid value: Expected <=${highestPart} but received ${numbers[beyond]}`,
    );
  }
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
