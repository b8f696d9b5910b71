/**
 * A server that takes connections and never answers: a stalled S3 or EventBridge, for the
 * thumbnailer's timeout tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../stack/free-port.js';

/** A running stalled server. */
export interface StalledServer {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  close: () => Promise<void>;
}

/** Starts a server on a free port that reads each request and never sends a byte back. */
export async function startStalledServer(): Promise<StalledServer> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An endpoint on a port nobody listens on (taken, then freed): every connection is refused. */
export async function refusingEndpoint(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}
