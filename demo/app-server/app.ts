/**
 * The demo's app server as a Hono app: what a site's own server does with the image events.
 *
 * - `POST /webhooks`: a Standard Webhooks delivery, verified on its raw body; stored, then 2xx.
 *   400 for a signature, timestamp or header that does not verify (nothing stored), 422 for a
 *   verified body that is not an image event of version 1; an event type it does not know is
 *   acknowledged (204) and ignored, as receivers should.
 * - `GET /api/wall?limit=&cursor=`: the public images, newest first (no sign-in).
 * - `GET /api/wall/events`: Server-Sent Events of the wall: `image` (a {@link WallImage}) and
 *   `removed` (`{ id }`).
 * - `GET /api/my/events`: Server-Sent Events of the caller's own images (`Authorization: Bearer`,
 *   the user's access token): `image.ready`, `image.rejected`, `image.deleted`, the events as
 *   delivered. The stream ends when the token expires.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { errors } from 'jose';
import * as v from 'valibot';
import { IMAGE_EVENT_TYPES, ImageEventSchema, type ImageEvent } from '../../contract/image-events.js';
import { streamChanges } from './change-stream.js';
import type { ImageStore } from './image-store.js';
import type { UserTokenVerifier } from './user-token.js';
import { compareWall, wallImage, wasOnWall, type WallImage, type WallOrder } from './wall-image.js';
import { WebhookVerificationError, type WebhookVerifier } from './webhook-verifier.js';

/** What {@link createAppServerApp} needs. */
export interface AppServerDependencies {
  store: ImageStore;
  verifyWebhook: WebhookVerifier;
  verifyUser: UserTokenVerifier;
  /** Origins of the pages that read `/api/*` (the demo's). */
  corsOrigins: readonly string[];
  /** Milliseconds between the streams' heartbeats. */
  heartbeatMs: number;
  log(line: string): void;
}

/** `GET /api/wall` response. */
export interface WallPage {
  images: WallImage[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/** Larger than any image event (metadata ≤ 2 KiB, a few dozen URLs). */
const WEBHOOK_MAX_BYTES = 64 * 1024;
const WALL_LIMIT = { default: 60, max: 200 };

/** Creates the app. */
export function createAppServerApp(deps: AppServerDependencies): Hono {
  const { store, log } = deps;
  const app = new Hono();
  const error = (code: string, message: string) => ({ error: { code, message } });

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.post(
    '/webhooks',
    bodyLimit({
      maxSize: WEBHOOK_MAX_BYTES,
      onError: (c) => c.json(error('ERR_TOO_LARGE', 'The body is too large'), 413),
    }),
    async (c) => {
      const raw = await c.req.text();
      const headers = Object.fromEntries(c.req.raw.headers);
      let body: unknown;
      try {
        body = deps.verifyWebhook(raw, headers);
      } catch (failure) {
        if (!(failure instanceof WebhookVerificationError)) throw failure;
        log(`[app-server] webhook refused: ${failure.message}`);
        return c.json(error('ERR_WEBHOOK_SIGNATURE', failure.message), 400);
      }
      const webhookId = headers['webhook-id']!;
      const type = (body as { type?: unknown } | null)?.type;
      if (!IMAGE_EVENT_TYPES.includes(type as ImageEvent['type'])) {
        log(`[app-server] webhook ${webhookId} ignored: unknown type ${JSON.stringify(type)}`);
        return c.body(null, 204);
      }
      const parsed = v.safeParse(ImageEventSchema, body);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        const where = v.getDotPath(issue) ?? 'body';
        log(`[app-server] webhook ${webhookId} refused: ${where}: ${issue.message}`);
        return c.json(error('ERR_EVENT_INVALID', `${where}: ${issue.message}`), 422);
      }
      const event = parsed.output as ImageEvent;
      const result = await deps.store.apply(webhookId, event);
      log(`[app-server] webhook ${webhookId} ${event.type} ${event.data.id}: ${result}`);
      return c.json({ result });
    },
  );

  app.use(
    '/api/*',
    cors({ origin: [...deps.corsOrigins], allowHeaders: ['Authorization', 'Last-Event-ID'] }),
  );

  app.get('/api/wall', (c) => {
    const limit = Math.min(
      Number(c.req.query('limit') ?? WALL_LIMIT.default) || WALL_LIMIT.default,
      WALL_LIMIT.max,
    );
    const pivot = readCursor(c.req.query('cursor'));
    // After the cursor's place in the order, even when that image has gone meanwhile.
    const all = [...store.images()]
      .flatMap((image) => wallImage(image) ?? [])
      .filter((image) => !pivot || compareWall(image, pivot) > 0)
      .sort(compareWall);
    const images = all.slice(0, limit);
    const last = images.at(-1);
    const page: WallPage = { images, ...(last && all.length > limit && { nextCursor: cursorOf(last) }) };
    c.header('Cache-Control', 'no-store');
    return c.json(page);
  });

  app.get('/api/wall/events', (c) =>
    streamChanges(c, store, {
      heartbeatMs: deps.heartbeatMs,
      project(image) {
        const shown = wallImage(image);
        if (shown) return { event: 'image', data: JSON.stringify(shown) };
        if (wasOnWall(image.event))
          return { event: 'removed', data: JSON.stringify({ id: image.event.data.id }) };
        return undefined;
      },
    }),
  );

  app.get('/api/my/events', async (c) => {
    const token = /^Bearer ([^\s]+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const refuse = (message: string) => {
      c.header('WWW-Authenticate', token ? 'Bearer error="invalid_token"' : 'Bearer');
      return c.json(error('ERR_TOKEN_INVALID', message), 401);
    };
    if (!token) return refuse('A bearer token is required');
    let user;
    try {
      user = await deps.verifyUser(token);
    } catch (failure) {
      if (failure instanceof errors.JOSEError) return refuse('The token is not valid');
      log(`[app-server] cannot verify tokens: ${String(failure)}`);
      return c.json(error('ERR_ISSUER_UNAVAILABLE', 'Cannot verify tokens right now'), 503);
    }
    // Within the clock tolerance, but the stream would end at once: ask for a fresh token.
    if (user.exp * 1000 <= Date.now()) return refuse('The token has expired');
    return streamChanges(c, store, {
      heartbeatMs: deps.heartbeatMs,
      endsAt: user.exp * 1000,
      project: ({ event }) =>
        event.data.iss === user.iss && event.data.sub === user.sub
          ? { event: event.type, data: JSON.stringify(event) }
          : undefined,
    });
  });

  app.onError((failure, c) => {
    log(`[app-server] ${c.req.method} ${c.req.path} failed: ${String(failure)}`);
    return c.json(error('ERR_INTERNAL', 'Something went wrong'), 500);
  });
  return app;
}

/** An opaque cursor: the last image's place in the order. */
function cursorOf(image: WallOrder): string {
  return Buffer.from(JSON.stringify([image.publishedAt, image.id])).toString('base64url');
}

function readCursor(cursor: string | undefined): WallOrder | undefined {
  if (!cursor) return undefined;
  try {
    const [publishedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof publishedAt === 'string' && typeof id === 'string') return { publishedAt, id };
  } catch {
    // Not one of ours: the first page.
  }
  return undefined;
}
