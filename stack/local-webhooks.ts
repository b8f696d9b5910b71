/**
 * The local stack's webhooks: the signing secret, the demo's app server (demo/app-server/, the
 * stand-in for a site's own server) and the webhook queue that signs and delivers every image event
 * to it, with the same retry policy as the notifier Lambda on AWS (events/webhook-queue.ts).
 *
 * In `dataDirectory`: `webhook-secret` (the generated secret, kept so a receiver set up with it
 * keeps verifying), `webhooks/` (the queue's pending deliveries and `dead-letters.jsonl`) and
 * `app-server/` (the app server's store). `fresh` empties the last two and keeps the secret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readList, readUrl, type Env } from '../contract/env.js';
import type { PublishImageEvent } from '../contract/image-events.js';
import { startAppServer, type AppServer } from '../demo/app-server/start-app-server.js';
import {
  createWebhookQueue,
  generateWebhookSecret,
  parseWebhookSecret,
  type RetryPolicy,
  type WebhookLogEntry,
} from '../events/index.js';
import { keptSecret } from './kept-secret.js';

/** Where the webhooks go and how they are signed; `startStack({ webhooks })`. */
export interface WebhookSettings {
  /**
   * The receiver (`WEBHOOK_URL`). Default: the demo's app server, started for it. With a URL of
   * your own the app server is not started: the pages then poll the signer, as without events.
   */
  url?: string;
  /**
   * Secrets (`WEBHOOK_SECRET`, `whsec_…`): the first is the current one, all of them sign (a
   * rotation). Default: the one kept in `{dataDirectory}/webhook-secret`, generated on first use.
   */
  secrets?: string[];
  /** Overrides of the retry policy (events/retry-policy.ts), e.g. shorter delays in a test. */
  policy?: Partial<RetryPolicy>;
}

/** Options of {@link startLocalWebhooks}. */
export interface LocalWebhooksOptions extends WebhookSettings {
  /** Keeps the secret, the pending deliveries and the app server's store; default: none kept. */
  dataDirectory?: string;
  /** Empty the queue's and the app server's folders first (the secret stays). */
  fresh?: boolean;
  /** The app server's port on 127.0.0.1 (0, the default: a free one). */
  appServerPort?: number;
  /** The users' token issuer and audience, for the app server's `GET /api/my/events`. */
  issuer: string;
  audience: string;
  /** Origins of the pages that read the app server. */
  corsOrigins: readonly string[];
  log: (line: string) => void;
}

/** Running webhooks. */
export interface LocalWebhooks {
  /** Where the signer and the thumbnailer put their events. */
  publish: PublishImageEvent;
  /** The demo's app server, when it is the receiver. */
  appServerUrl?: string;
  /** `WEBHOOK_URL`. */
  url: string;
  /** The current `WEBHOOK_SECRET`. */
  secret: string;
  /** Resolves when no delivery is in flight and none is due within a second. */
  idle(): Promise<void>;
  /** Stops delivering (pending deliveries stay kept), then stops the app server. */
  close(): Promise<void>;
}

/**
 * Reads `WEBHOOK_URL` (an http(s) URL) and `WEBHOOK_SECRET` (one secret, or a comma-separated list
 * during a rotation, the new one first); unset ones are left out.
 * @throws {TypeError} naming the variable, for a malformed URL or secret (never showing the secret).
 * @example webhookSettingsFromEnv(process.env) // { url: 'http://localhost:3000/webhooks' }
 */
export function webhookSettingsFromEnv(env: Env): WebhookSettings {
  const url = readUrl(env, 'WEBHOOK_URL');
  const secrets = readList(env, 'WEBHOOK_SECRET', []).map((value) =>
    parseWebhookSecret(value, 'WEBHOOK_SECRET'),
  );
  return { ...(url && { url }), ...(secrets.length > 0 && { secrets }) };
}

/**
 * Starts the app server (unless `url` points elsewhere) and the queue that delivers to it.
 * @throws {TypeError} for a malformed URL or secret.
 */
export async function startLocalWebhooks(options: LocalWebhooksOptions): Promise<LocalWebhooks> {
  const { dataDirectory, log } = options;
  const queueFolder = dataDirectory && join(dataDirectory, 'webhooks');
  const appServerFolder = dataDirectory && join(dataDirectory, 'app-server');
  if (dataDirectory && options.fresh) {
    await Promise.all(
      [queueFolder!, appServerFolder!].map((folder) => rm(folder, { recursive: true, force: true })),
    );
  }
  // Kept with `fresh` too: a receiver set up with it keeps verifying. Only its owner reads it: a
  // receiver trusts whatever it signs.
  const secrets = options.secrets ?? [
    await keptSecret(dataDirectory, 'webhook-secret', {
      make: generateWebhookSecret,
      read: (text, file) => parseWebhookSecret(text, file),
    }),
  ];
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    let appServer: AppServer | undefined;
    if (!options.url) {
      const folder = appServerFolder ?? (await mkdtemp(join(tmpdir(), 'app-server-')));
      if (!appServerFolder) closers.push(() => rm(folder, { recursive: true, force: true }));
      appServer = await startAppServer({
        port: options.appServerPort ?? 0,
        dataDirectory: folder,
        secrets,
        issuer: options.issuer,
        audience: options.audience,
        corsOrigins: options.corsOrigins,
        log,
      });
      closers.push(() => appServer!.close());
    }
    const url = options.url ?? appServer!.webhookUrl;
    const queue = createWebhookQueue({
      url,
      secrets,
      ...(options.policy && { policy: options.policy }),
      ...(queueFolder && { dataDirectory: queueFolder }),
      log: (entry) => log(formatEntry(entry)),
    });
    // Closed first: nothing more is sent to the app server while it stops.
    closers.push(() => queue.close());
    return {
      publish: queue.publish,
      ...(appServer && { appServerUrl: appServer.url }),
      url,
      secret: secrets[0]!,
      idle: () => queue.idle(),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** One line per delivery outcome: ids and statuses, never a body, a secret or the URL. */
function formatEntry(entry: WebhookLogEntry): string {
  const about = [entry.type, entry.id].filter(Boolean).join(' ');
  const outcome =
    entry.message === 'webhook delivered'
      ? `delivered (${entry.status})`
      : [
          entry.message.replace(/^webhook /, ''),
          entry.reason && `(${entry.reason})`,
          entry.retryInMs !== undefined && `next attempt in ${(entry.retryInMs / 1000).toFixed(1)} s`,
          entry.attempt !== undefined && `attempt ${entry.attempt}`,
        ]
          .filter(Boolean)
          .join(' ');
  return `webhook: ${about ? `${about} ` : ''}${outcome}`;
}
