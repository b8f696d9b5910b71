/** Why a request got no answer, as far as a page can tell: CORS refused it, or nothing answered. */
export type NetworkReason = 'cors' | 'unreachable';

/**
 * Tells apart why a request to the signer at `endpoint` failed without an answer. `fetch` rejects
 * with the same bare `TypeError` whether the server is down or CORS refused the page (the Fetch
 * standard makes them look alike on purpose), but two small GETs of the signer's public `/healthz` do not:
 * a `no-cors` one succeeds whenever the server answers, a CORS one only when it also allows this
 * page's origin.
 * @returns `undefined` when both succeed now: the failure was passing (a dropped connection).
 */
export async function networkReason(
  endpoint: string,
  signal?: AbortSignal,
): Promise<NetworkReason | undefined> {
  const url = endpoint + '/healthz';
  const [cors, opaque] = await Promise.allSettled([
    fetch(url, { signal }),
    fetch(url, { mode: 'no-cors', signal }),
  ]);
  if (cors.status === 'fulfilled') return undefined;
  return opaque.status === 'fulfilled' ? 'cors' : 'unreachable';
}
