/**
 * A throwaway http server on a free localhost port, for the pages the benchmarks open.
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running server: its origin (`http://localhost:<port>`) and how to stop it. */
export interface LocalServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves `listener` on 127.0.0.1 at a free port; `close()` drops open connections too. */
export async function serveLocal(listener: RequestListener): Promise<LocalServer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
