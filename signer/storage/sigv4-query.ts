/**
 * AWS Signature Version 4, query-string form ("presigned URL"), for S3.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
 *
 * The same algorithm as the SDK's `S3RequestPresigner` (a test checks the URLs are identical), cut
 * down to what the signer needs and with the signing key kept per day: well under the SDK's
 * per-URL cost (`bench/presign.ts` measures both), which is most of the signer's work per request.
 */
import { fastSha256 } from '../sha256.js';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface QueryPresignRequest {
  method: string;
  /** `https:` or `http:` */
  protocol: string;
  /** Host header value (with the port when not the default). */
  host: string;
  /** Already URI-encoded path (S3 does not encode it twice). */
  path: string;
  query: Record<string, string>;
  /** Headers to sign, lower-case names; the client must send them as given. */
  headers: Record<string, string>;
  expiresInSeconds: number;
  signingDate: Date;
}

export type QueryPresigner = (request: QueryPresignRequest) => Promise<string>;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const AMZ_PARAMS = new Set(
  ['Algorithm', 'Content-Sha256', 'Credential', 'Date', 'Expires', 'SignedHeaders', 'Security-Token'].map(
    (name) => `X-Amz-${name}`,
  ),
);

/**
 * Creates a presigner for one region; credentials may be a provider (resolved per URL). With
 * credentials given as an object, signing is synchronous inside (one settled promise per URL).
 */
export function createQueryPresigner(
  region: string,
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
): QueryPresigner {
  // The signing key depends only on the secret and the day: derived once a day, so each URL costs
  // one SHA-256 of the canonical request and one HMAC.
  let cachedKey: { scope: string; secret: string; key: Uint8Array } | undefined;
  const signingKey = (secret: string, date: string, scope: string): Uint8Array => {
    if (cachedKey?.scope !== scope || cachedKey.secret !== secret) {
      let key: Uint8Array = new TextEncoder().encode(`AWS4${secret}`);
      for (const part of [date, region, 's3', 'aws4_request']) key = fastSha256.hmac(key, part);
      cachedKey = { scope, secret, key };
    }
    return cachedKey.key;
  };

  // X-Amz-Date and the scope change once a second and once a day: kept for the second
  // (toISOString and the slicing took 2.2 µs a ticket in the server's CPU profile).
  let cachedDate: { ms: number; amzDate: string; scope: string } | undefined;
  const dates = (signingDate: Date) => {
    const ms = signingDate.getTime() - (signingDate.getTime() % 1000);
    if (cachedDate?.ms !== ms) {
      const amzDate = toAmzDate(signingDate);
      cachedDate = { ms, amzDate, scope: `${amzDate.slice(0, 8)}/${region}/s3/aws4_request` };
    }
    return cachedDate;
  };
  const headerOrder = createHeaderOrder();
  // The credential's query parameters, URI-encoded, change with the credentials and the day. On
  // Lambda the session token alone is ~1 KB to encode for every URL.
  let cachedCredential:
    | { accessKeyId: string; sessionToken: string | undefined; scope: string; param: string; token: string }
    | undefined;
  const credentialParams = ({ accessKeyId, sessionToken }: AwsCredentialIdentity, scope: string) => {
    const cached = cachedCredential;
    if (
      cached?.scope === scope &&
      cached.accessKeyId === accessKeyId &&
      cached.sessionToken === sessionToken
    ) {
      return cached;
    }
    return (cachedCredential = {
      accessKeyId,
      sessionToken,
      scope,
      param: `X-Amz-Credential=${uriEncode(`${accessKeyId}/${scope}`)}`,
      token: sessionToken ? `X-Amz-Security-Token=${uriEncode(sessionToken)}` : '',
    });
  };

  const sign = (creds: AwsCredentialIdentity, request: QueryPresignRequest): string => {
    const { amzDate, scope } = dates(request.signingDate);
    const date = amzDate.slice(0, 8);
    // Canonical headers and query, sorted by (encoded) name.
    const { headerNames, signedHeaders, signedHeadersParam } = headerOrder(request.headers);
    const credential = credentialParams(creds, scope);
    let canonicalHeaders = '';
    for (const name of headerNames) {
      canonicalHeaders += `${name}:${trimAll(name === 'host' ? request.host : request.headers[name]!)}\n`;
    }
    const params = [
      `X-Amz-Algorithm=${ALGORITHM}`,
      `X-Amz-Content-Sha256=${UNSIGNED_PAYLOAD}`,
      credential.param,
      `X-Amz-Date=${amzDate}`,
      `X-Amz-Expires=${request.expiresInSeconds}`,
      ...(credential.token ? [credential.token] : []),
      signedHeadersParam,
    ];
    for (const name of Object.keys(request.query)) {
      // The caller's parameters cannot replace ours.
      if (!AMZ_PARAMS.has(name))
        insertSorted(params, `${uriEncode(name)}=${uriEncode(request.query[name]!)}`);
    }
    const canonicalQuery = params.join('&');
    const canonicalRequest = `${request.method}\n${request.path}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${UNSIGNED_PAYLOAD}`;
    const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${fastSha256.hex(canonicalRequest)}`;
    const signature = fastSha256.hmacHex(signingKey(creds.secretAccessKey, date, scope), stringToSign);
    return `${request.protocol}//${request.host}${request.path}?${canonicalQuery}&X-Amz-Signature=${signature}`;
  };

  if (typeof credentials === 'function') {
    return async (request) => sign(await credentials(), request);
  }
  return (request) => {
    try {
      return Promise.resolve(sign(credentials, request));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/**
 * The canonical order of a request's header names (`host` among them) and its SignedHeaders value,
 * remembered for the last few sets of names: the signer signs the same dozen header names on every
 * single PUT, and sorting and encoding them took ≈ 1 µs a ticket in the server's CPU profile. A set is
 * recognised by its names in the object's own order, compared one by one (property names are
 * internalised strings, so each comparison is a pointer's); anything else is sorted afresh.
 */
function createHeaderOrder() {
  interface HeaderOrder {
    /** The names in the object's order, as last seen. */
    names: string[];
    /** Sorted, `host` included. */
    headerNames: string[];
    signedHeaders: string;
    /** `X-Amz-SignedHeaders=…`, URI-encoded. */
    signedHeadersParam: string;
  }
  const remembered: HeaderOrder[] = [];
  return (headers: Record<string, string>): HeaderOrder => {
    for (const order of remembered) {
      let i = 0;
      let same = true;
      for (const name in headers) {
        if (order.names[i++] !== name) {
          same = false;
          break;
        }
      }
      if (same && i === order.names.length) return order;
    }
    const names = Object.keys(headers);
    // A list of a handful of entries, kept sorted as it is built.
    const headerNames = ['host'];
    for (const name of names) if (name !== 'host') insertSorted(headerNames, name);
    const signedHeaders = headerNames.join(';');
    const order = {
      names,
      headerNames,
      signedHeaders,
      signedHeadersParam: `X-Amz-SignedHeaders=${uriEncode(signedHeaders)}`,
    };
    if (remembered.length === MAX_REMEMBERED_HEADER_ORDERS) remembered.pop();
    remembered.unshift(order);
    return order;
  };
}

/** Single PUT with and without an MD5, a part with and without: 4 shapes; room for a few more. */
const MAX_REMEMBERED_HEADER_ORDERS = 8;

const UNRESERVED = /^[\w.~-]*$/; // \w is A-Z a-z 0-9 _
const SPACE = /\s/;

/** SigV4's Trimall: no leading or trailing whitespace, inner runs as one space. */
function trimAll(value: string): string {
  return SPACE.test(value) ? value.trim().replace(/\s+/g, ' ') : value;
}

/** Inserts `entry` into `list`, kept sorted by name (the text before `=`, if any) by code unit. */
function insertSorted(list: string[], entry: string): void {
  const name = nameOf(entry);
  let i = list.length;
  while (i > 0 && nameOf(list[i - 1]!) > name) i--;
  list.splice(i, 0, entry);
}

function nameOf(entry: string): string {
  const end = entry.indexOf('=');
  return end < 0 ? entry : entry.slice(0, end);
}

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (SigV4's UriEncode). */
export function uriEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `20261122T101112Z` (ISO 8601 basic format, UTC, whole seconds). */
function toAmzDate(date: Date): string {
  const iso = date.toISOString(); // 2026-11-22T10:11:12.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
