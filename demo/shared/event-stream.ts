/**
 * A Server-Sent Events client over `fetch`, for streams that need an `Authorization` header
 * (`EventSource` cannot send one, and a token in the URL would end up in logs and history).
 * Parses the stream as the HTML Living Standard says (§9.2.6: `event`, `data`, `id`, `retry`
 * fields, comments, any line ending), reconnects with `Last-Event-ID` so nothing is missed, backs
 * off with jitter while the server is unreachable, and takes a silent connection (no message or
 * heartbeat for `idleTimeoutMs`) for a dead one. Works in browsers and in Node.
 */

/** One dispatched message. */
export interface StreamMessage {
  /** The `event` field, `message` when absent. */
  event: string;
  data: string;
  /** The last `id` seen on this stream (sent back as `Last-Event-ID`). */
  lastEventId: string;
}

/** Options of {@link openEventStream}. */
export interface EventStreamOptions {
  url: string;
  /** Returns an access token for `Authorization: Bearer`; `forceRefresh` after a 401. Omit for an anonymous stream. */
  getToken?: (options?: { forceRefresh?: boolean }) => Promise<string>;
  onMessage(message: StreamMessage): void;
  /**
   * `live` once the server says it is caught up (its `ready` event), `down` when the connection
   * failed or ended (a new attempt follows by itself).
   */
  onStatus?(status: 'live' | 'down'): void;
  /** First reconnection delay in ms, until the server sends `retry` (default 2000). */
  retryMs?: number;
  /** Longest delay between attempts in ms (default 30 000). */
  maxRetryMs?: number;
  /** A connection that brings nothing for this long is given up and made again (default 45 000). */
  idleTimeoutMs?: number;
}

/** A running stream. */
export interface EventStream {
  close(): void;
}

/** Starts reading at once; reconnects until {@link EventStream.close}. */
export function openEventStream(options: EventStreamOptions): EventStream {
  const controller = new AbortController();
  let lastEventId = '';
  let retryMs = options.retryMs ?? 2000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;

  const connect = async (forceRefresh: boolean): Promise<'ended' | 'failed' | 'unauthorized'> => {
    const attempt = new AbortController();
    const abort = () => attempt.abort();
    controller.signal.addEventListener('abort', abort);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(idle);
      idle = setTimeout(abort, idleTimeoutMs);
    };
    try {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (options.getToken) headers.authorization = `Bearer ${await options.getToken({ forceRefresh })}`;
      if (lastEventId) headers['last-event-id'] = lastEventId;
      alive();
      const response = await fetch(options.url, { headers, cache: 'no-store', signal: attempt.signal });
      if (response.status === 401) return 'unauthorized';
      if (
        !response.ok ||
        !response.body ||
        !response.headers.get('content-type')?.startsWith('text/event-stream')
      ) {
        await response.body?.cancel();
        return 'failed';
      }
      const parser = createParser(lastEventId, (message) => {
        if (message.event === 'ready') options.onStatus?.('live');
        options.onMessage(message);
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return 'ended';
        alive();
        const { id, retry } = parser.push(value);
        lastEventId = id;
        if (retry !== undefined) retryMs = retry;
      }
    } catch {
      return 'failed';
    } finally {
      clearTimeout(idle);
      controller.signal.removeEventListener('abort', abort);
    }
  };

  void (async () => {
    let failures = 0;
    let forceRefresh = false;
    while (!controller.signal.aborted) {
      const outcome = await connect(forceRefresh);
      if (controller.signal.aborted) return;
      options.onStatus?.('down');
      // One quick retry with a refreshed token; anything else waits, longer each time it fails.
      forceRefresh = outcome === 'unauthorized' && !forceRefresh;
      failures = outcome === 'ended' ? 0 : failures + 1;
      if (forceRefresh) continue;
      const delay = Math.min(retryMs * 2 ** Math.max(0, failures - 1), maxRetryMs);
      await sleep(delay * (0.5 + Math.random() / 2), controller.signal);
    }
  })();

  return { close: () => controller.abort() };
}

interface Parser {
  /** Feeds decoded text; returns the last event id so far and the `retry` it saw, if any. */
  push(text: string): { id: string; retry?: number };
}

/** The event-stream interpretation of §9.2.6, line by line across chunks. */
function createParser(resumedFrom: string, dispatch: (message: StreamMessage) => void): Parser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let id: string | undefined;
  let lastEventId = resumedFrom;
  return {
    push(text) {
      buffer += text;
      let retry: number | undefined;
      // A lone CR at the end may be the first half of CRLF: keep it for the next chunk.
      const lines = buffer.split(/\r\n|\r(?!$)|\n/);
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === '') {
          if (id !== undefined) lastEventId = id;
          if (data.length > 0) dispatch({ event: event || 'message', data: data.join('\n'), lastEventId });
          [event, data, id] = ['', [], undefined];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id' && !value.includes('\0')) id = value;
        else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
      }
      return { id: lastEventId, ...(retry !== undefined && { retry }) };
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
