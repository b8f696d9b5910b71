/**
 * A pass-through HTTP proxy in front of radosgw that can act between a request's answer and its
 * delivery: the signer pointed at it (`S3_ENDPOINT`) meets a race at exactly the moment a test
 * wants, e.g. a part replaced after ListParts answered and before the signer completes. Requests
 * go through unchanged, `Host` included, so their SigV4 signatures still hold.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3Proxy {
  endpoint: string;
  /**
   * Runs `action` once, after radosgw has answered the next request `matches` accepts and before
   * that answer is passed on.
   */
  holdNext(matches: (method: string, url: URL) => boolean, action: () => Promise<void>): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (an `http://host:port` endpoint) on a free port. */
export async function startS3Proxy(target: string): Promise<S3Proxy> {
  const upstream = new URL(target);
  let hold: { matches: (method: string, url: URL) => boolean; action: () => Promise<void> } | undefined;
  const server = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', target);
    const method = incoming.method ?? 'GET';
    const held = hold?.matches(method, url) ? hold : undefined;
    if (held) hold = undefined;
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method, path: incoming.url, headers: incoming.headers },
      async (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        for await (const chunk of answer) chunks.push(chunk as Buffer);
        if (held) await held.action();
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        outgoing.end(Buffer.concat(chunks));
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdNext(matches, action) {
      hold = { matches, action };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
