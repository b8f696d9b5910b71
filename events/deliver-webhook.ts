/**
 * One delivery attempt of one event: a signed POST (sign-webhook.ts) with a time limit, and what
 * its answer means under Standard Webhooks: 2xx delivered, 410 Gone stop, anything else retry
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#delivery-behavior).
 * Redirects are not followed (a 3xx is retried like any other answer): a receiver's URL is
 * configured, not discovered.
 */
import type { ImageEvent } from '../contract/image-events.js';
import { signWebhook } from './sign-webhook.js';

/** The `user-agent` of every webhook request. */
export const WEBHOOK_USER_AGENT = 'image-uploader-webhooks/1';

/** What one attempt came to. `reason` says why, for logs and dead letters (no body, no secret). */
export type DeliveryOutcome =
  | { outcome: 'delivered'; status: number }
  | { outcome: 'gone'; status: 410; reason: string }
  | { outcome: 'retry'; status?: number; reason: string };

/** Options of {@link deliverWebhook}. */
export interface DeliverWebhookOptions {
  /** The receiver's URL. */
  url: string;
  /** `whsec_…` secrets, the current one first. */
  secrets: readonly string[];
  /** The attempt's time limit, ms (AbortSignal). */
  timeoutMs: number;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** The attempt's time, signed as `webhook-timestamp`. Default: now. */
  now?: Date;
  /** Abandons the attempt (its outcome is then a retry, reason `aborted`). */
  signal?: AbortSignal;
}

/**
 * POSTs `event` as JSON, signed, and reads the answer's status. Never throws: a timeout, a refused
 * or reset connection and any other network error are an outcome to retry.
 */
export async function deliverWebhook(
  event: ImageEvent,
  options: DeliverWebhookOptions,
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(event);
  const headers = signWebhook(event.id, body, options.secrets, options.now);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(options.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': WEBHOOK_USER_AGENT },
      body,
      redirect: 'manual',
      signal: options.signal
        ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
        : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    if (options.signal?.aborted) return { outcome: 'retry', reason: 'aborted' };
    return { outcome: 'retry', reason: networkReason(error, options.timeoutMs) };
  }
  // The answer's body is not read (nor logged); cancelling it frees the connection.
  await response.body?.cancel().catch(() => {});
  const { status } = response;
  if (status >= 200 && status < 300) return { outcome: 'delivered', status };
  if (status === 410) return { outcome: 'gone', status, reason: 'HTTP 410 Gone: the receiver asked to stop' };
  return { outcome: 'retry', status, reason: `HTTP ${status}` };
}

/** Why a request failed without an answer, by error name and `code` (never by message text). */
function networkReason(error: unknown, timeoutMs: number): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
  // undici throws TypeError('fetch failed') with the socket's error as `cause`.
  const cause = (error as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  if (code) return `network error ${code}`;
  return `network error ${typeof cause?.name === 'string' ? cause.name : name || 'unknown'}`;
}
