/**
 * What every radosgw conformance test starts from: a throwaway radosgw with the bucket, the real
 * signer app (`createApp(loadConfig(env))`) pointed at it, HS256 logins, and a few raw HTTP
 * helpers for requests the SDK would "fix" (wrong lengths, missing headers).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { SignJWT } from 'jose';
import { request as httpRequest } from 'node:http';
import type { S3Event } from 'aws-lambda';
import type { CreateUploadsResponse, FileDescriptor, UploadSlot } from '../../contract/api.js';
import { localS3Client, signerS3Env, type LocalS3Event } from '../../stack/local-s3.js';
import { createApp } from '../../signer/app.js';
import { loadConfig } from '../../signer/config.js';
import { startRadosgw, type Radosgw } from '../../stack/radosgw/start-radosgw.js';

export const MIB = 1024 * 1024;
export const SITE_ORIGIN = 'http://localhost:5173';
export const OTHER_ORIGIN = 'http://evil.example';
const LOGIN = { issuer: 'https://login.radosgw.test', audience: 'image-uploader', secret: 'r'.repeat(40) };
/** The `iss` of the lane's logins, as the signer binds it into uploads. */
export const LANE_ISSUER = LOGIN.issuer;

export interface LaneOptions {
  /** Extra signer settings, e.g. `{ UPLOAD_URL_TTL_SECONDS: '1' }`. */
  signerEnv?: Record<string, string>;
  onEvent?: (event: LocalS3Event) => unknown;
  onLambdaEvent?: (event: S3Event) => unknown;
}

export interface Lane {
  s3: Radosgw;
  /** The bucket owner's SDK client (for set-up and for reading back). */
  client: S3Client;
  /** `app.request` of a signer configured for this radosgw. */
  signer: (path: string, init?: RequestInit) => Promise<Response>;
  /** A signer with other settings on the same radosgw. */
  signerWith: (env: Record<string, string>) => (path: string, init?: RequestInit) => Promise<Response>;
  /** `POST /v1/uploads` as user `sub`, returning the slots (asserts 201). */
  tickets: (sub: string, files: FileDescriptor[], signer?: Lane['signer']) => Promise<UploadSlot[]>;
  /** Bearer headers for user `sub`. */
  auth: (sub: string) => Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Starts radosgw and the signer; call `close()` in `afterAll`. */
export async function startLane(options: LaneOptions = {}): Promise<Lane> {
  const s3 = await startRadosgw({
    bucket: 'images',
    corsOrigins: [SITE_ORIGIN],
    ...(options.onEvent && { onEvent: options.onEvent }),
    ...(options.onLambdaEvent && { onLambdaEvent: options.onLambdaEvent }),
  });
  const signerWith = (env: Record<string, string>) => {
    const app = createApp(
      loadConfig({
        ...signerS3Env(s3),
        AUTH_HS256_SECRET: LOGIN.secret,
        AUTH_HS256_ISSUER: LOGIN.issuer,
        AUTH_HS256_AUDIENCE: LOGIN.audience,
        OWNER_ID_SECRET: 'radosgw-lane-owner-id-secret-0123456789abcdef',
        CORS_ORIGINS: SITE_ORIGIN,
        UPLOAD_MAX_BYTES: String(20 * MIB),
        MULTIPART_THRESHOLD_BYTES: String(6 * MIB),
        MULTIPART_PART_SIZE_BYTES: String(5 * MIB),
        RATE_LIMIT_PER_MINUTE: '10000',
        ...options.signerEnv,
        ...env,
      }),
    );
    return async (path: string, init?: RequestInit) => app.request(path, init);
  };
  const signer = signerWith({});
  const auth = async (sub: string) => ({
    authorization: `Bearer ${await new SignJWT({ sub })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOGIN.issuer)
      .setAudience(LOGIN.audience)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(LOGIN.secret))}`,
    'content-type': 'application/json',
  });
  const client = localS3Client(s3);
  return {
    s3,
    client,
    signer,
    signerWith,
    auth,
    async tickets(sub, files, via = signer) {
      const response = await via('/v1/uploads', {
        method: 'POST',
        headers: await auth(sub),
        body: JSON.stringify({ files }),
      });
      if (response.status !== 201) throw new Error(`POST /v1/uploads answered ${response.status}`);
      return ((await response.json()) as CreateUploadsResponse).uploads;
    },
    async close() {
      client.destroy();
      await s3.close();
    },
  };
}

/** An HTTP answer, with the S3 error code parsed out of an XML error body. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** `<Code>` of an S3 error body, if any. */
  code?: string;
}

/**
 * Sends exactly these headers and bytes with node:http (fetch and the SDK would correct a wrong
 * length or add a content type). `content-length` defaults to the body's length.
 */
export function rawRequest(
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: Uint8Array,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks);
        const code = /<Code>([^<]+)<\/Code>/.exec(text.toString('utf8'))?.[1];
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text,
          ...(code && { code }),
        });
      });
    });
    outgoing.on('error', reject);
    if (body) outgoing.end(body);
    else outgoing.end();
  });
}

/** A byte array of `size` bytes with a recognisable pattern. */
export function bytes(size: number, seed = 1): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + seed) & 0xff;
  return data;
}
