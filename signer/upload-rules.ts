/**
 * What a caller may upload: reading and checking the files of `POST /v1/uploads`, the multipart
 * plan, the parts it allows and the exact length each is signed with, and the parts `complete`
 * accepts. Pure functions over the configuration, so tests call them directly.
 */
import * as v from 'valibot';
import type { FileDescriptor, SignPartsRequest, UploadedPart } from '../contract/api.js';
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
import { SINGLE_PUT_HEADERS } from './storage/object-headers.js';

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
  /** The file's MD5 (base64), when the page sent it. */
  md5?: string;
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
      ...(file.md5 !== undefined && { md5: file.md5 }),
    },
  };
}

/**
 * Everything a single PUT of `file` signs, to be sent exactly: its type, size and MD5 (when known),
 * its metadata headers, and `SINGLE_PUT_HEADERS` (one object, once; private; the stored headers).
 */
export function singlePutHeaders(file: CheckedFile, signed: SignedMetadata): Record<string, string> {
  return {
    'content-type': file.type,
    'content-length': String(file.size),
    ...(file.md5 !== undefined && { 'content-md5': file.md5 }),
    ...SINGLE_PUT_HEADERS,
    ...signed.headers,
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

/** A multipart plan: every part but the last is `partSize` bytes. */
export interface MultipartPlan {
  partSize: number;
  partCount: number;
}

/** How a file of `size` bytes is split, or undefined when one PUT is used. */
export function multipartPlan(size: number, limits: Limits): MultipartPlan | undefined {
  if (size <= limits.multipartThresholdBytes) return undefined;
  // Grow the part size when the file would need more parts than S3 allows.
  const partSize = Math.max(limits.partSizeBytes, Math.ceil(size / S3_MAX_PARTS));
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/**
 * The parts of `POST /v1/uploads/:id/parts`, each with the exact length its URL signs: the plan's
 * part size, the remainder for the last part. The plan comes from the declared `size` again, so a
 * client that lies about it can never have a part signed longer than a part of an allowed file.
 * @throws {SignerError} 413 ERR_FILE_TOO_LARGE when `size` is over the limit
 * @throws {SignerError} 400 ERR_INVALID_PARTS when `size` is not a multipart upload's, a part
 *   number is past the plan's part count, or one is asked for twice, or an MD5 is missing while
 *   `UPLOAD_REQUIRE_PART_MD5` is on
 */
export function partsToSign(
  { size, parts }: Pick<SignPartsRequest, 'size' | 'parts'>,
  limits: Limits,
): { partNumber: number; md5?: string; length: number }[] {
  if (size > limits.maxBytes) {
    throw new SignerError(
      'ERR_FILE_TOO_LARGE',
      413,
      `The file is larger than the ${limits.maxBytes} bytes allowed`,
    );
  }
  const plan = multipartPlan(size, limits);
  if (!plan) {
    throw new SignerError(
      'ERR_INVALID_PARTS',
      400,
      `size: a file of ${size} bytes is uploaded with one PUT, not in parts`,
    );
  }
  const seen = new Set<number>();
  return parts.map(({ partNumber, md5 }, index) => {
    if (partNumber > plan.partCount) {
      throw new SignerError(
        'ERR_INVALID_PARTS',
        400,
        `parts.${index}.partNumber: a file of ${size} bytes has ${plan.partCount} parts, not ${partNumber}`,
      );
    }
    if (seen.has(partNumber)) {
      throw new SignerError(
        'ERR_INVALID_PARTS',
        400,
        `parts.${index}.partNumber: part ${partNumber} is asked for twice`,
      );
    }
    seen.add(partNumber);
    if (md5 === undefined && limits.requirePartMd5) {
      throw new SignerError(
        'ERR_INVALID_PARTS',
        400,
        `parts.${index}.md5: each part's MD5 is required (the signer's UPLOAD_REQUIRE_PART_MD5)`,
      );
    }
    const length = partNumber < plan.partCount ? plan.partSize : size - (plan.partCount - 1) * plan.partSize;
    return { partNumber, ...(md5 !== undefined && { md5 }), length };
  });
}

/**
 * Checks that the parts a client completes with are exactly the parts S3 lists: the same part
 * numbers, in the same (ascending) order, with the same ETags. What is completed is then what was
 * listed, whatever a client uploads meanwhile: S3 refuses to complete with an ETag a part no
 * longer has (400 InvalidPart).
 * @throws {SignerError} 400 ERR_INVALID_PARTS naming the first difference
 */
export function checkListedParts(
  sent: readonly { partNumber: number; etag: string }[],
  listed: readonly UploadedPart[],
): void {
  for (let index = 0; index < Math.max(sent.length, listed.length); index++) {
    const mine = sent[index];
    const stored = listed[index];
    const differs = (message: string) =>
      new SignerError('ERR_INVALID_PARTS', 400, `parts.${index}: ${message}`);
    if (!stored) throw differs(`part ${mine!.partNumber} is not stored (S3 holds ${listed.length} parts)`);
    if (!mine) throw differs(`part ${stored.partNumber} is stored but not listed`);
    if (mine.partNumber !== stored.partNumber) {
      throw differs(
        `expected part ${stored.partNumber} (S3's next stored part) but received ${mine.partNumber}`,
      );
    }
    if (unquote(mine.etag) !== unquote(stored.etag)) {
      throw differs(`part ${stored.partNumber} is stored with ETag ${stored.etag}, not ${mine.etag}`);
    }
  }
}

/** An ETag's value without its quotes (RFC 9110 §8.8.3), compared case-insensitively (hex). */
function unquote(etag: string): string {
  return etag.replace(/^(W\/)?"|"$/g, '').toLowerCase();
}
