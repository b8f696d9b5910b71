/**
 * The whole local system in one process: S3 (s3rver, or radosgw with `backend: 'radosgw'`), the
 * OpenID provider, the signer on Node, the thumbnailer driven by the bucket's events, the local
 * CDN that serves public images as CloudFront does (the signer's `IMAGE_BASE_URL`), DynamoDB
 * (dynalite) with the quota table that the signer and the thumbnailer share (`QUOTA_TABLE`) and, with
 * `webhooks`, the signed webhooks of every image event, delivered to the demo's app server.
 * `npm start` runs it on fixed ports; tests run it on free ports.
 */
import { getRequestListener } from '@hono/node-server';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../signer/app.js';
import { loadConfig } from '../signer/config.js';
import { devLogin } from './dev-login.js';
import { startIdentityProvider } from './identity-provider.js';
import { startLocalCdn } from './local-cdn.js';
import { startLocalDynamoDb } from './local-dynamodb.js';
import { signerS3Env, type LocalS3, type LocalS3Event } from './local-s3.js';
import { startLocalWebhooks, type LocalWebhooks, type WebhookSettings } from './local-webhooks.js';
import { ownerIdSecret } from './owner-id-secret.js';
import { startS3Backend, type S3Backend } from './s3-backend.js';
import { createThumbnailTrigger } from './thumbnail-trigger.js';

export interface StackOptions {
  /** 0 (the default) picks free ports. */
  ports?: { s3?: number; idp?: number; signer?: number; cdn?: number; appServer?: number };
  /** Origins of the pages that upload (bucket CORS, signer CORS, IdP redirect URIs). */
  siteOrigins?: string[];
  /** Paths on those origins the IdP may redirect back to (default: the demo pages). */
  redirectPaths?: string[];
  bucket?: string;
  /**
   * Extra signer environment, e.g. `{ UPLOAD_MAX_BYTES: '1000' }` or `{ QUOTA_BYTES: '1000000' }`.
   * By default the stack allows both visibilities (`UPLOAD_VISIBILITIES=public,private`, default
   * `private`), points `IMAGE_BASE_URL` at the local CDN and `QUOTA_TABLE` / `DYNAMODB_ENDPOINT`
   * at the local DynamoDB (usage is counted; no quota unless you set one). An
   * `UPLOAD_ALLOWED_TYPES` with `image/heic` also sets the thumbnailer's `ACCEPT_HEIC`, as deploy/ does.
   */
  signerEnv?: Record<string, string>;
  /** `PUBLIC_ORIGINALS` for the signer and the thumbnailer alike (default false). */
  publicOriginals?: boolean;
  /** Run the thumbnailer on upload events (default true). */
  thumbnails?: boolean;
  /**
   * Deliver `image.ready`, `image.rejected` (thumbnailer) and `image.deleted` (signer) as signed
   * Standard Webhooks (default false; `npm start` turns it on): `true` sends them to the demo's app
   * server (demo/app-server/, started on `ports.appServer`) with a secret kept in `dataDirectory`;
   * `{ url }` to a receiver of your own instead (`WEBHOOK_URL`), `{ secrets }` signs with yours.
   */
  webhooks?: boolean | WebhookSettings;
  /** Default: `S3_BACKEND`, else s3rver. */
  backend?: S3Backend;
  /** Where the stack logs (default console.log). */
  log?: (line: string) => void;
  /**
   * Folder that keeps the local data across runs: the embedded S3's objects (`s3/`), the
   * identity provider's keys and sessions (`identity-provider/`) and, with `webhooks`, the webhook
   * secret (`webhook-secret`), undelivered webhooks (`webhooks/`) and the app server's store
   * (`app-server/`), and the quota table (`dynamodb/`), so uploads, tokens, usage and the wall
   * survive a restart. Default: nothing is kept
   * (temporary folders, removed on close).
   */
  dataDirectory?: string;
  /**
   * Empty `dataDirectory` before starting (`npm start -- --fresh`); the webhook secret stays, so a
   * receiver set up with it keeps verifying. Default false.
   */
  fresh?: boolean;
}

export interface Stack {
  s3: LocalS3;
  idp: { issuer: string };
  signerUrl: string;
  /** The local CDN (`IMAGE_BASE_URL`): `{cdnUrl}/public/{id}/{width}.{webp|jpg}`. */
  cdnUrl: string;
  audience: string;
  clientId: string;
  /** Signs `username` in through the IdP's login form and returns an access token. */
  login(username: string): Promise<string>;
  /** With `webhooks` (and no `url` of your own): the demo's app server, e.g. for `config.appServerUrl`. */
  appServerUrl?: string;
  /** With `webhooks`: where they are delivered (`WEBHOOK_URL`). */
  webhookUrl?: string;
  /** With `webhooks`: the secret they are signed with (`WEBHOOK_SECRET`, `whsec_…`). */
  webhookSecret?: string;
  /** The local DynamoDB with the quota table: `{ endpoint, table }` (`DYNAMODB_ENDPOINT`, `QUOTA_TABLE`). */
  dynamodb: { endpoint: string; table: string };
  /** Resolves when every thumbnail job started so far has finished. */
  thumbnailsIdle(): Promise<void>;
  /**
   * Resolves when the thumbnail jobs have finished and no webhook delivery is in flight or due
   * within a second (so a receiver has what they told it); at once without `webhooks`.
   */
  webhooksIdle(): Promise<void>;
  /** Stops the signer, the thumbnailer, the webhooks, the app server, the IdP, the CDN, DynamoDB and S3, in that order. */
  close(): Promise<void>;
}

export const DEMO_CLIENT_ID = 'demo';
const DEFAULT_REDIRECT_PATHS = ['/', '/index.html', '/script-tag.html', '/react.html', '/vue.html'];

/** Starts every part and resolves when all listen. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const siteOrigins = options.siteOrigins ?? ['http://localhost:5173'];
  const bucket = options.bucket ?? 'images';
  const closers: (() => Promise<void>)[] = [];
  const data = options.dataDirectory && {
    s3: join(options.dataDirectory, 's3'),
    idp: join(options.dataDirectory, 'identity-provider'),
    dynamodb: join(options.dataDirectory, 'dynamodb'),
  };
  if (data && options.fresh) {
    // Only the folders the stack owns, never whatever else the folder holds.
    await Promise.all([
      rm(data.s3, { recursive: true, force: true }),
      rm(data.idp, { recursive: true, force: true }),
      rm(data.dynamodb, { recursive: true, force: true }),
    ]);
  }
  if (data) await mkdir(data.s3, { recursive: true });
  try {
    const thumbnails = options.thumbnails !== false;
    let onEvent: (event: LocalS3Event) => void = () => {};
    const s3 = await startS3Backend({
      ...(options.backend && { backend: options.backend }),
      port: options.ports?.s3 ?? 0,
      bucket,
      corsOrigins: siteOrigins,
      ...(data && { directory: data.s3 }),
      // Only the thumbnailer listens. Without it radosgw gets no notifications to push: it holds
      // each upload's answer until its push is acknowledged, which AWS S3 never does.
      ...(thumbnails && { onEvent: (event: LocalS3Event) => onEvent(event) }),
    });
    closers.push(() => s3.close());
    const dynamodb = await startLocalDynamoDb(data ? { directory: data.dynamodb } : {});
    closers.push(() => dynamodb.close());
    const cdn = await startLocalCdn({ port: options.ports?.cdn ?? 0, s3 });
    closers.push(() => cdn.close());

    const signerServer = await listen(options.ports?.signer ?? 0);
    const signerUrl = `http://localhost:${(signerServer.address() as AddressInfo).port}`;
    const closeSigner = () => closeServer(signerServer);
    closers.push(closeSigner);

    const redirectUris = siteOrigins.flatMap((origin) =>
      (options.redirectPaths ?? DEFAULT_REDIRECT_PATHS).map((path) => new URL(path, origin).href),
    );
    const idp = await startIdentityProvider({
      port: options.ports?.idp ?? 0,
      audience: signerUrl,
      clientId: DEMO_CLIENT_ID,
      redirectUris,
      ...(data && { directory: data.idp }),
    });
    closers.push(() => idp.close());

    let webhooks: LocalWebhooks | undefined;
    if (options.webhooks) {
      webhooks = await startLocalWebhooks({
        ...(options.webhooks === true ? {} : options.webhooks),
        ...(options.dataDirectory && { dataDirectory: options.dataDirectory }),
        fresh: options.fresh ?? false,
        appServerPort: options.ports?.appServer ?? 0,
        issuer: idp.issuer,
        audience: signerUrl,
        corsOrigins: siteOrigins,
        log,
      });
      closers.push(() => webhooks!.close());
    }

    const publicOriginals = String(options.publicOriginals ?? false);
    // As deploy/config.ts: a signer that allows image/heic gets a thumbnailer that decodes it.
    const acceptHeic = options.signerEnv?.UPLOAD_ALLOWED_TYPES?.includes('image/heic') && {
      ACCEPT_HEIC: 'true',
    };
    const trigger = thumbnails
      ? createThumbnailTrigger(s3, {
          log,
          // IMAGE_BASE_URL puts a public image's CDN URLs into its image.ready, as on AWS.
          env: { PUBLIC_ORIGINALS: publicOriginals, IMAGE_BASE_URL: cdn.url, ...dynamodb.env, ...acceptHeic },
          ...(webhooks && { publish: webhooks.publish }),
        })
      : undefined;
    if (trigger) {
      onEvent = (event) => trigger.onEvent(event);
      closers.push(() => trigger.close());
    }

    const app = createApp(
      loadConfig({
        ...signerS3Env(s3),
        AUTH_ISSUERS: JSON.stringify([{ issuer: idp.issuer, audience: signerUrl }]),
        CORS_ORIGINS: siteOrigins.join(','),
        UPLOAD_VISIBILITIES: 'public,private',
        IMAGE_BASE_URL: cdn.url,
        PUBLIC_ORIGINALS: publicOriginals,
        OWNER_ID_SECRET: await ownerIdSecret(options.dataDirectory, { fresh: options.fresh }),
        ...dynamodb.env,
        ...options.signerEnv,
      }),
      {
        logError: (message, error) => log(`${message} ${String(error)}`),
        ...(webhooks && { publishEvent: webhooks.publish }),
      },
    );
    signerServer.on('request', getRequestListener(app.fetch));
    // Closed first: no request may start a job or an event while the rest shuts down (moved from
    // its place in the start order, which only a failed start uses).
    closers.splice(closers.indexOf(closeSigner), 1);
    closers.push(closeSigner);

    return {
      s3,
      idp: { issuer: idp.issuer },
      signerUrl,
      cdnUrl: cdn.url,
      dynamodb: { endpoint: dynamodb.endpoint, table: dynamodb.table },
      audience: signerUrl,
      clientId: DEMO_CLIENT_ID,
      login: async (username) =>
        (
          await devLogin({
            issuer: idp.issuer,
            clientId: DEMO_CLIENT_ID,
            redirectUri: redirectUris[0]!,
            username,
          })
        ).accessToken,
      ...(webhooks?.appServerUrl && { appServerUrl: webhooks.appServerUrl }),
      ...(webhooks && { webhookUrl: webhooks.url, webhookSecret: webhooks.secret }),
      thumbnailsIdle: () => trigger?.idle() ?? Promise.resolve(),
      async webhooksIdle() {
        await trigger?.idle();
        await webhooks?.idle();
      },
      close: () => closeAll(closers),
    };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

/** The signer's port must be known before the IdP (its audience) and the app exist: bind first. */
async function listen(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const close of closers.reverse()) await close().catch(() => {});
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
