/** A port on 127.0.0.1 that was free a moment ago (for servers whose URL must be known up front). */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A free port below Linux's ephemeral range (32768–60999), for a server that must be named before
 * other servers start: a port from {@link freePort} is an ephemeral one, which the kernel may hand
 * to the next `listen(0)` or outgoing connection in the meantime (CI once failed so: the e2e demo's
 * port was taken while the stack started).
 */
export async function freeFixedPort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
}
