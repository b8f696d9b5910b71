/**
 * The in-process webhook delivery of the local stack (and of a self-hosted signer on Node): the
 * same signing, time limit and retry policy as the notifier Lambda, with its queue in memory and,
 * given a `dataDirectory`, on disk, so a restart resumes what was not yet delivered.
 *
 * In `dataDirectory`: `pending/{id}.json` per accepted event until it is delivered, refused with
 * 410 or dead-lettered, and `dead-letters.jsonl`, one {@link DeadLetter} a line.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { ImageEventSchema, type ImageEvent, type PublishImageEvent } from '../contract/image-events.js';
import { deliverWebhook } from './deliver-webhook.js';
import { retryDelay, retryPolicy, type RetryPolicy } from './retry-policy.js';
import { parseWebhookSecret } from './webhook-secrets.js';

/** An event that was not delivered: after the last attempt, or refused with 410 Gone. */
export interface DeadLetter {
  event: ImageEvent;
  /** The last attempt's failure, e.g. `HTTP 500`, `timeout after 10000 ms`, `network error ECONNREFUSED`. */
  reason: string;
  /** The last answer's HTTP status, when there was one. */
  status?: number;
  attempts: number;
  /** ISO 8601. */
  firstAttemptAt: string;
  lastAttemptAt: string;
}

/** One log line: ids and outcomes, never a body, a secret or the receiver's URL. */
export interface WebhookLogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  id?: string;
  type?: string;
  attempt?: number;
  status?: number;
  reason?: string;
  /** When the next attempt is due, ms from now. */
  retryInMs?: number;
}

/** Options of {@link createWebhookQueue}. */
export interface WebhookQueueOptions {
  /** The receiver's URL (`WEBHOOK_URL`). */
  url: string;
  /** Secrets (`whsec_…`, or their base64); the first is the current one, all of them sign. */
  secrets: readonly string[];
  /** Overrides of the retry policy (retry-policy.ts). */
  policy?: Partial<RetryPolicy>;
  /** Where pending deliveries and dead letters are kept; in memory only when omitted. */
  dataDirectory?: string;
  /** Default: one JSON line on stdout per entry. */
  log?: (entry: WebhookLogEntry) => void;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Attempts in flight at once. Default 4. */
  concurrency?: number;
}

/** The queue: `publish` is the stack's {@link PublishImageEvent}. */
export interface WebhookQueue {
  /** Accepts an event for delivery; resolves once it is kept (on disk with a `dataDirectory`). */
  publish: PublishImageEvent;
  /** Resolves when no attempt is in flight and none is due within the next second. */
  idle(): Promise<void>;
  /** Stops delivering (an attempt in flight is abandoned, not counted); pending events stay kept. */
  close(): Promise<void>;
  /** The dead letters, oldest first (those of earlier runs too, with a `dataDirectory`). */
  deadLetters(): Promise<DeadLetter[]>;
}

interface Pending {
  event: ImageEvent;
  attempts: number;
  /** Epoch ms. */
  dueAt: number;
  firstAttemptAt?: string;
}

const PendingSchema = v.object({
  event: ImageEventSchema,
  attempts: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  dueAt: v.number(),
  firstAttemptAt: v.optional(v.string()),
});

/** How far ahead `idle()` looks for a due attempt. */
const IDLE_HORIZON_MS = 1000;

/**
 * Starts a webhook queue.
 * @throws {TypeError} for a URL that is not http(s), a malformed secret or policy
 * @example
 * const webhooks = createWebhookQueue({ url: 'http://localhost:3000/webhooks', secrets: [secret] });
 * const app = createApp(config, { publishEvent: webhooks.publish });
 */
export function createWebhookQueue(options: WebhookQueueOptions): WebhookQueue {
  const url = new URL(options.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`Expected an http(s) URL for WEBHOOK_URL but received ${url.protocol}`);
  }
  if (options.secrets.length === 0) throw new TypeError('Expected at least one WEBHOOK_SECRET');
  const secrets = options.secrets.map((secret) => parseWebhookSecret(secret));
  const policy = retryPolicy(options.policy);
  const concurrency = options.concurrency ?? 4;
  const log = options.log ?? ((entry: WebhookLogEntry) => console.log(JSON.stringify(entry)));
  const directory = options.dataDirectory;
  const pendingDirectory = directory && join(directory, 'pending');
  const deadLetterFile = directory && join(directory, 'dead-letters.jsonl');

  const pending = new Map<string, Pending>();
  const inFlight = new Map<string, Promise<void>>();
  const deadLetters: DeadLetter[] = [];
  const abort = new AbortController();
  const waiters = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  // Files are written one after another, so a delete never overtakes the write before it.
  let writes = Promise.resolve();
  const write = (task: () => Promise<void>) => {
    const next = writes.then(task);
    writes = next.catch((error: unknown) =>
      log({ level: 'error', message: `webhook store: ${String(error)}` }),
    );
    return next;
  };
  const pendingFile = (id: string) => join(pendingDirectory!, `${fileName(id)}.json`);
  const keep = (entry: Pending) =>
    pendingDirectory
      ? write(async () => {
          const file = pendingFile(entry.event.id);
          await writeFile(`${file}.tmp`, JSON.stringify(entry));
          await rename(`${file}.tmp`, file);
        })
      : Promise.resolve();
  const forget = (id: string) =>
    pendingDirectory ? write(() => rm(pendingFile(id), { force: true })) : Promise.resolve();

  const ready = (async () => {
    if (!pendingDirectory) return;
    await mkdir(pendingDirectory, { recursive: true });
    for (const name of (await readdir(pendingDirectory)).filter((file) => file.endsWith('.json'))) {
      const parsed = v.safeParse(
        PendingSchema,
        await readFile(join(pendingDirectory, name), 'utf8').then(JSON.parse, () => undefined),
      );
      if (parsed.success) pending.set(parsed.output.event.id, parsed.output as Pending);
      else
        log({ level: 'error', message: `webhook store: unreadable pending delivery ${name}, left in place` });
    }
    if (pending.size) log({ level: 'info', message: `resuming ${pending.size} pending webhook deliveries` });
  })();
  void ready.then(schedule, (error: unknown) =>
    log({ level: 'error', message: `webhook store: ${String(error)}` }),
  );

  function schedule() {
    clearTimeout(timer);
    if (abort.signal.aborted) return;
    const now = Date.now();
    let next = Infinity;
    for (const entry of pending.values()) {
      if (inFlight.has(entry.event.id)) continue;
      if (entry.dueAt <= now && inFlight.size < concurrency) attempt(entry);
      else next = Math.min(next, entry.dueAt);
    }
    if (next !== Infinity) timer = setTimeout(schedule, Math.max(0, next - now));
  }

  function attempt(entry: Pending) {
    const { event } = entry;
    const startedAt = new Date();
    const run = deliverWebhook(event, {
      url: options.url,
      secrets,
      timeoutMs: policy.timeoutMs,
      signal: abort.signal,
      now: startedAt,
      ...(options.fetch && { fetch: options.fetch }),
    }).then(async (result) => {
      if (abort.signal.aborted) return; // abandoned by close(): not an attempt
      const attempts = entry.attempts + 1;
      const firstAttemptAt = entry.firstAttemptAt ?? startedAt.toISOString();
      const about = { id: event.id, type: event.type, attempt: attempts };
      if (result.outcome === 'delivered') {
        pending.delete(event.id);
        log({ level: 'info', message: 'webhook delivered', ...about, status: result.status });
        await forget(event.id);
        return;
      }
      const delay = result.outcome === 'retry' ? retryDelay(policy, attempts) : undefined;
      if (delay === undefined) {
        const letter: DeadLetter = {
          event,
          reason: result.reason,
          ...(result.status !== undefined && { status: result.status }),
          attempts,
          firstAttemptAt,
          lastAttemptAt: startedAt.toISOString(),
        };
        pending.delete(event.id);
        // Kept in the file when there is one, else in memory: never both.
        if (!deadLetterFile) deadLetters.push(letter);
        log({
          level: result.outcome === 'gone' ? 'warn' : 'error',
          message:
            result.outcome === 'gone' ? 'webhook refused with 410: not retried' : 'webhook dead-lettered',
          ...about,
          reason: result.reason,
        });
        if (deadLetterFile) await write(() => appendFile(deadLetterFile, `${JSON.stringify(letter)}\n`));
        await forget(event.id);
        return;
      }
      Object.assign(entry, { attempts, firstAttemptAt, dueAt: Date.now() + delay });
      log({
        level: 'warn',
        message: 'webhook failed; will retry',
        ...about,
        reason: result.reason,
        retryInMs: delay,
      });
      await keep(entry);
    });
    inFlight.set(event.id, run);
    void run.finally(() => {
      inFlight.delete(event.id);
      schedule();
      for (const wake of waiters) wake();
    });
  }

  const dueSoon = () => {
    const horizon = Date.now() + IDLE_HORIZON_MS;
    return [...pending.values()].some((entry) => entry.dueAt <= horizon);
  };

  return {
    async publish(event) {
      await ready;
      if (abort.signal.aborted) throw new Error('The webhook queue is closed');
      const checked = v.parse(ImageEventSchema, event) as ImageEvent;
      if (pending.has(checked.id)) return; // the same logical event, already on its way
      const entry: Pending = { event: checked, attempts: 0, dueAt: Date.now() };
      await keep(entry);
      pending.set(checked.id, entry);
      schedule();
    },
    async idle() {
      await ready.catch(() => {});
      while (!abort.signal.aborted && (inFlight.size > 0 || dueSoon())) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          // A due entry that cannot start yet (all slots busy) is woken by the attempt that ends.
          if (inFlight.size === 0) setTimeout(wake, IDLE_HORIZON_MS).unref();
        });
      }
    },
    async close() {
      abort.abort();
      clearTimeout(timer);
      await ready.catch(() => {});
      await Promise.allSettled(inFlight.values());
      await writes;
      for (const wake of waiters) wake();
    },
    async deadLetters() {
      await ready.catch(() => {});
      await writes;
      if (!deadLetterFile) return [...deadLetters];
      const text = await readFile(deadLetterFile, 'utf8').catch(() => '');
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as DeadLetter);
    },
  };
}

/** The id itself when it is a safe file name (event ids are `evt_` + hex), else its SHA-256. */
function fileName(id: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : createHash('sha256').update(id).digest('hex');
}
