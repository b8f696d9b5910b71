/**
 * What the app server knows about images: the last event per image, kept in one JSON file that is
 * replaced atomically (written beside it, flushed to disk, renamed over it), so a restart — or a
 * crash mid-write — keeps the last complete state.
 *
 * Webhooks arrive at least once and in any order (contract/image-events.ts), so the store
 * - remembers the `webhook-id`s it has handled (for {@link SEEN_RETENTION_MS}, longer than any
 *   sender retries) and answers a repeat without applying it again;
 * - keeps the newest event per image by `timestamp`, and treats `image.deleted` as final: ids are
 *   never reused, so an `image.ready` retried after the delete does not bring the image back.
 *
 * Every applied change gets the next sequence number: the Server-Sent Events `id`, so a client
 * that reconnects with `Last-Event-ID` is sent what changed since (per image, its latest state).
 * Listeners hear of changes only once they are on disk, in sequence order.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageEvent } from '../../contract/image-events.js';

/** How long handled webhook ids and deleted images' tombstones are kept: a week (senders give up after a day). */
export const SEEN_RETENTION_MS = 7 * 24 * 3600_000;

/** The latest state of one image. */
export interface StoredImage {
  /** Sequence number of the change that made this state. */
  seq: number;
  /** The event applied last. */
  event: ImageEvent;
  /** When it was applied (epoch ms). */
  appliedAt: number;
}

/** What {@link ImageStore.apply} did with one webhook. */
export type ApplyResult = 'applied' | 'duplicate' | 'superseded';

/** The store. */
export interface ImageStore {
  /**
   * Applies one delivered event and resolves once the store is on disk (then it is safe to answer
   * 2xx). Rejects when writing failed; the delivery is then not counted as handled.
   */
  apply(webhookId: string, event: ImageEvent): Promise<ApplyResult>;
  /** Images whose state changed after `seq` and has been announced, oldest change first. */
  since(seq: number): StoredImage[];
  /** Every image, in no particular order. */
  images(): Iterable<StoredImage>;
  /** The sequence number of the last change announced to listeners. */
  readonly announcedSeq: number;
  /** Calls `listener` with each batch of changes once it is on disk; returns the unsubscribe. */
  subscribe(listener: (changes: StoredImage[]) => void): () => void;
  /** Resolves once every change is on disk. */
  close(): Promise<void>;
}

interface StoreFile {
  version: 1;
  seq: number;
  images: StoredImage[];
  /** Handled webhook ids → when (epoch ms). */
  seen: Record<string, number>;
}

/**
 * Opens the store in `dataDirectory` (created when missing), reading `images.json` when it exists.
 * @param now injected clock (epoch ms), default `Date.now`
 * @throws {SyntaxError} when the file exists but is not a store this code wrote.
 */
export async function openImageStore(dataDirectory: string, now = Date.now): Promise<ImageStore> {
  await mkdir(dataDirectory, { recursive: true });
  const file = join(dataDirectory, 'images.json');
  const saved = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as StoreFile,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (saved && (saved.version !== 1 || !Array.isArray(saved.images))) {
    throw new SyntaxError(`${file} is not an app-server image store (version 1)`);
  }
  let seq = saved?.seq ?? 0;
  const byId = new Map((saved?.images ?? []).map((image) => [image.event.data.id, image]));
  const seen = new Map(Object.entries(saved?.seen ?? {}));
  const listeners = new Set<(changes: StoredImage[]) => void>();
  let announcedSeq = seq;
  let unannounced: StoredImage[] = [];
  let changes = 0;
  let savedChanges = 0;
  let next: Promise<void> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const prune = () => {
    const horizon = now() - SEEN_RETENTION_MS;
    for (const [id, at] of seen) if (at < horizon) seen.delete(id);
    for (const [id, image] of byId)
      if (image.event.type === 'image.deleted' && image.appliedAt < horizon) byId.delete(id);
  };

  const write = async () => {
    const upTo = changes;
    const batch = unannounced;
    unannounced = [];
    prune();
    const snapshot: StoreFile = {
      version: 1,
      seq,
      images: [...byId.values()],
      seen: Object.fromEntries(seen),
    };
    const partial = `${file}.partial`;
    try {
      const handle = await open(partial, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(snapshot));
        // On disk before it replaces the last good file: a power cut leaves one or the other.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(partial, file);
    } catch (error) {
      unannounced = [...batch, ...unannounced];
      throw error;
    }
    savedChanges = Math.max(savedChanges, upTo);
    if (batch.length === 0) return;
    announcedSeq = batch.at(-1)!.seq;
    for (const listener of listeners) listener(batch);
  };

  /** One write per burst: callers that arrive during a write share the next one. */
  const flush = (): Promise<void> => {
    if (savedChanges === changes) return writing;
    next ??= writing.then(() => {
      next = undefined;
      return write();
    });
    writing = next.catch(() => {});
    return next;
  };

  const supersedes = (event: ImageEvent, current: StoredImage | undefined): boolean => {
    if (!current) return true;
    if (current.event.type === 'image.deleted') return false;
    if (event.type === 'image.deleted') return true;
    return Date.parse(event.timestamp) > Date.parse(current.event.timestamp);
  };

  return {
    async apply(webhookId, event) {
      if (seen.has(webhookId)) {
        // A repeat of an event whose first write failed is saved now, before it is confirmed.
        await flush();
        return 'duplicate';
      }
      seen.set(webhookId, now());
      changes += 1;
      const current = byId.get(event.data.id);
      // The same event again after a failed write is in memory already; it is saved below.
      const again = current?.event.id === event.id;
      const result: ApplyResult = again || supersedes(event, current) ? 'applied' : 'superseded';
      if (result === 'applied' && !again) {
        const image: StoredImage = { seq: ++seq, event, appliedAt: now() };
        byId.set(event.data.id, image);
        unannounced.push(image);
      }
      try {
        await flush();
      } catch (error) {
        // Not handled: the sender's retry must be applied, not taken for a duplicate.
        seen.delete(webhookId);
        throw error;
      }
      return result;
    },
    since(after) {
      return [...byId.values()]
        .filter((image) => image.seq > after && image.seq <= announcedSeq)
        .sort((a, b) => a.seq - b.seq);
    },
    images: () => byId.values(),
    get announcedSeq() {
      return announcedSeq;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await flush().catch(() => {});
      listeners.clear();
    },
  };
}
