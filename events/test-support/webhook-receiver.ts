/**
 * A real webhook receiver for tests: node:http on a free port of 127.0.0.1 that verifies each
 * request with `standardwebhooks`' `Webhook.verify` (as a site's server would) and answers as the
 * test says: a status, a hang past the sender's time limit, or a dropped connection. It can also go
 * down and come back on the same port.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** How to answer one request: an HTTP status, never (`hang`), or by closing the socket (`drop`). */
export type Answer = number | 'hang' | 'drop';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether `Webhook.verify` accepted it with the receiver's secret. */
  verified: boolean;
  /** What it was answered. */
  answer: Answer;
  /** Epoch ms. */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The answers to the next requests, in order; once used up, `200`. */
  answers: Answer[];
  /** Stops listening (the port refuses connections) until {@link WebhookReceiver.up}. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver that verifies with `secret` (`whsec_…`). */
export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const verifier = new Webhook(secret);
  const received: ReceivedWebhook[] = [];
  const answers: Answer[] = [];
  let server: Server;
  let port = 0;
  const listen = async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified = true;
        try {
          verifier.verify(body, request.headers as Record<string, string>);
        } catch {
          verified = false;
        }
        const answer = answers.shift() ?? 200;
        received.push({ headers: request.headers, body, verified, answer, at: Date.now() });
        if (answer === 'drop') request.socket.destroy();
        else if (answer !== 'hang') response.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    answers,
    down: stop,
    up: listen,
    close: stop,
  };
}
