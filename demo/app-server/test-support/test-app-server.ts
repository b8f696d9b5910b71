/**
 * An app server for one test, on a free port with its store in a fresh temporary folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAppServer, type AppServer, type AppServerOptions } from '../start-app-server.js';
import { newWebhookSecret } from './image-event-fixtures.js';

/** A running test app server; `restart()` starts it again on the same folder. */
export interface TestAppServer extends AppServer {
  secret: string;
  dataDirectory: string;
  log: string[];
  restart(): Promise<TestAppServer>;
  /** Closes it and removes its folder. */
  dispose(): Promise<void>;
}

/** Starts one; `options` override the defaults (one fresh secret, an issuer nobody asks). */
export async function startTestAppServer(options: Partial<AppServerOptions> = {}): Promise<TestAppServer> {
  const dataDirectory = options.dataDirectory ?? (await mkdtemp(join(tmpdir(), 'app-server-')));
  const secret = options.secrets?.[0] ?? newWebhookSecret();
  const log: string[] = [];
  const settings: AppServerOptions = {
    dataDirectory,
    secrets: [secret],
    issuer: 'http://127.0.0.1:9',
    audience: 'http://signer.test',
    corsOrigins: ['http://localhost:5173'],
    log: (line) => log.push(line),
    ...options,
  };
  const server = await startAppServer(settings);
  return {
    ...server,
    secret,
    dataDirectory,
    log,
    async restart() {
      await server.close();
      return startTestAppServer(settings);
    },
    async dispose() {
      await server.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
