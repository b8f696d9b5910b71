/**
 * Signs a form-encoded `POST /` with AWS Signature Version 4 (header auth). radosgw serves its
 * SNS-style topic API there; the repository has no SNS client, and the signing is small.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { createHash, createHmac } from 'node:crypto';

/** What {@link signFormPost} needs. */
export interface SignFormPostOptions {
  /** `http://host:port` of the service. */
  endpoint: string;
  region: string;
  /** Service name in the credential scope, e.g. `sns`. */
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Form fields, sent as `application/x-www-form-urlencoded`. */
  form: Record<string, string>;
  /** Signing time; defaults to now. */
  date?: Date;
}

/** The request to send with `fetch(url, { method: 'POST', headers, body })`. */
export interface SignedFormPost {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Builds the signed request; the body is the form with fields in the order given. */
export function signFormPost(options: SignFormPostOptions): SignedFormPost {
  const url = new URL('/', options.endpoint);
  const body = new URLSearchParams(options.form).toString();
  const amzDate = (options.date ?? new Date()).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    host: url.host,
    'x-amz-content-sha256': sha256(body),
    'x-amz-date': amzDate,
  };
  const signedHeaders = Object.keys(headers).sort().join(';');
  const canonicalHeaders = Object.keys(headers)
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
  const canonicalRequest = [
    'POST',
    '/',
    '',
    canonicalHeaders,
    signedHeaders,
    headers['x-amz-content-sha256'],
  ].join('\n');
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${options.secretAccessKey}`, day);
  for (const part of [options.region, options.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  headers.authorization =
    `AWS4-HMAC-SHA256 Credential=${options.accessKeyId}/${scope}, ` +
    `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  delete headers.host;
  return { url: url.href, headers, body };
}
