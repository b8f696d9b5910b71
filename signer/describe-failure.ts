/**
 * What the log says about the failure behind a 5xx: one line an operator can act on, with nothing
 * secret in it.
 */

/** At most this much of a cause's message is logged. */
const MAX_MESSAGE = 300;

/**
 * Values that must never reach a log: SigV4 signatures, credentials and session tokens (in a
 * presigned URL's query or an `Authorization` header), bearer tokens and anything shaped like a JWT.
 */
const SECRETS: readonly [RegExp, string][] = [
  [/((?:X-Amz-)?(?:Signature|Credential|Security-Token)=)[^&\s,;"'<>]+/gi, '$1[redacted]'],
  [/\b(Bearer\s+)[^\s,;"'<>]+/gi, '$1[redacted]'],
  [/\beyJ[\w-]+(?:\.[\w-]*)*/g, '[redacted]'],
];

interface ErrorFields {
  name?: unknown;
  cause?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string; attempts?: number };
}

/**
 * Describes a failure, typically the `cause` of a `SignerError`: the error's name and code (an S3
 * error code such as `SlowDown`, or a Node code such as `ECONNREFUSED`), the HTTP status, request id
 * and host id S3 answered with, the SDK's attempts, and the message with secrets cut out; then,
 * after `←`, the same of its own `cause` (two levels at most).
 * @example describeFailure(sdkError)
 * // 'SlowDown (HTTP 503, request id 4442587FB7D0A2F9, host id …, 3 attempts): Please reduce your request rate.'
 */
export function describeFailure(error: unknown): string {
  return describe(error, 0);
}

function describe(error: unknown, depth: number): string {
  if (error === undefined || error === null) return 'no cause recorded';
  if (typeof error !== 'object') return redact(String(error));
  const e = error as ErrorFields;
  const meta = e.$metadata ?? {};
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' && e.code !== name ? ` ${e.code}` : '';
  const details = [
    meta.httpStatusCode !== undefined && `HTTP ${meta.httpStatusCode}`,
    meta.requestId && `request id ${meta.requestId}`,
    meta.extendedRequestId && `host id ${meta.extendedRequestId}`,
    meta.attempts !== undefined && `${meta.attempts} attempt${meta.attempts === 1 ? '' : 's'}`,
  ].filter(Boolean);
  // Node reports a failed connection to every address of a name as an AggregateError with no message.
  const message =
    (typeof e.message === 'string' && e.message) ||
    (Array.isArray(e.errors) ? e.errors.map((inner: ErrorFields) => inner?.message).join('; ') : '');
  const text = `${name}${code}${details.length ? ` (${details.join(', ')})` : ''}${message ? `: ${message}` : ''}`;
  // fetch's "fetch failed" says why only in its cause (ECONNREFUSED, a TLS error, …).
  const inner = e.cause !== undefined && depth < 2 ? ` ← ${describe(e.cause, depth + 1)}` : '';
  return redact(text) + inner;
}

function redact(text: string): string {
  let clean = text;
  for (const [pattern, replacement] of SECRETS) clean = clean.replace(pattern, replacement);
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}
