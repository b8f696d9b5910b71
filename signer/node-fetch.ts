/**
 * The `fetch` the Node entries (node.ts, lambda.ts) give the signer for issuers' discovery
 * documents and JWKS: a GET over node:http(s). The global fetch would load and start undici's
 * HTTP client on first use, about 30 ms of a 200 ms cold start (measured with bench/signer.ts),
 * for two small JSON documents.
 *
 * Only what those callers need: GET, request headers, the abort signal (its reason is what the
 * promise rejects with, so jose still sees a TimeoutError), no redirects followed (jose asks for
 * `redirect: 'manual'`), and a response with `status`, `ok`, `json()` and `text()`. A body over
 * MAX_BODY_BYTES is refused.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** No discovery document or key set comes near this. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const nodeFetch = ((input: string | URL, init: RequestInit = {}): Promise<Response> => {
  const url = new URL(input);
  const request = { 'http:': httpRequest, 'https:': httpsRequest }[url.protocol];
  if (!request || (init.method ?? 'GET') !== 'GET') {
    return Promise.reject(
      new TypeError(`nodeFetch only GETs http(s) URLs, not ${init.method} ${url.protocol}`),
    );
  }
  const signal = init.signal ?? undefined;
  return new Promise<Response>((resolve, reject) => {
    const fail = (error: unknown) => reject(signal?.aborted ? signal.reason : error);
    const headers = Object.fromEntries(new Headers(init.headers));
    const outgoing = request(url, { headers, signal }, (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
        incoming.destroy();
        reject(new Error(`${url.host} answered with more than ${MAX_BODY_BYTES} bytes`));
      });
      incoming.on('end', () =>
        resolve(response(incoming.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'))),
      );
      incoming.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end();
  });
}) as typeof fetch;

function response(status: number, text: string): Response {
  const answer: Pick<Response, 'status' | 'ok' | 'json' | 'text'> = {
    status,
    ok: status >= 200 && status < 300,
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  };
  return answer as Response;
}
