/**
 * Reads an event stream of the app server in a test, through the pages' own client
 * (demo/shared/event-stream.ts), and lets the test wait for a message.
 */
import { openEventStream, type EventStreamOptions, type StreamMessage } from '../../shared/event-stream.js';

/** What {@link recordStream} returns. */
export interface StreamRecorder {
  messages: StreamMessage[];
  statuses: ('live' | 'down')[];
  /** Resolves with the first message (already received or to come) that `match` accepts. */
  next(match: (message: StreamMessage) => boolean, timeoutMs?: number): Promise<StreamMessage>;
  /** Resolves once the stream is live (the server's `ready`). */
  live(timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Opens the stream at `url` and records everything. */
export function recordStream(
  url: string,
  options: Partial<Omit<EventStreamOptions, 'url' | 'onMessage' | 'onStatus'>> = {},
): StreamRecorder {
  const messages: StreamMessage[] = [];
  const statuses: ('live' | 'down')[] = [];
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((wake) => wake());
  const stream = openEventStream({
    url,
    retryMs: 50,
    ...options,
    onMessage: (message) => (messages.push(message), changed()),
    onStatus: (status) => (statuses.push(status), changed()),
  });
  const until = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const wake = () => {
        const found = check();
        if (found === undefined) return;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(
          new Error(`Timed out waiting for ${what}; got ${JSON.stringify(messages.map((m) => m.event))}`),
        );
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  return {
    messages,
    statuses,
    next: (match, timeoutMs = 5000) => until(() => messages.find(match), timeoutMs, 'a message'),
    live: async (timeoutMs = 5000) =>
      void (await until(() => statuses.includes('live') || undefined, timeoutMs, 'live')),
    close: () => stream.close(),
  };
}
