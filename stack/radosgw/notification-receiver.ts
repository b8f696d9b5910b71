/**
 * The local HTTP endpoint a radosgw topic pushes to. Each notification is answered at once and
 * then handed on: as the S3 event a Lambda function would get (URL-encoded keys), and/or in the
 * embedded S3's `LocalS3Event` shape (raw keys), so the local stack's trigger takes either backend.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Event } from 'aws-lambda';
import type { LocalS3Event } from '../local-s3.js';
import { toS3Event, type RadosgwNotification } from './to-s3-event.js';

/** What {@link startNotificationReceiver} needs. */
export interface NotificationReceiverOptions {
  /** Region written into events where radosgw leaves it empty. */
  region: string;
  /** Runs once per notification with the event AWS would send a Lambda function (encoded keys). */
  onLambdaEvent?: (event: S3Event) => unknown;
  /** Runs once per notification with the event as the embedded S3 emits it (raw keys). */
  onEvent?: (event: LocalS3Event) => unknown;
  /** Called when a listener throws or rejects; defaults to one line on stderr. */
  onError?: (error: unknown) => void;
}

/** A running receiver. */
export interface NotificationReceiver {
  /** `http://127.0.0.1:{port}/radosgw-events`, the topic's `push-endpoint`. */
  url: string;
  /** Resolves once every event received so far has been handled. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Starts the receiver on a free port on 127.0.0.1.
 * @example const receiver = await startNotificationReceiver({ region: 'us-east-1', onEvent: handler });
 */
export async function startNotificationReceiver(
  options: NotificationReceiverOptions,
): Promise<NotificationReceiver> {
  const pending = new Set<Promise<void>>();
  const onError =
    options.onError ??
    ((error: unknown) =>
      console.error('radosgw notification handler failed:', (error as Error)?.name ?? error));
  const track = (listener: () => unknown) => {
    const run = (async () => {
      try {
        await listener();
      } catch (error) {
        onError(error);
      }
    })();
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };
  const dispatch = (notification: RadosgwNotification) => {
    const { onEvent, onLambdaEvent } = options;
    if (onLambdaEvent) track(() => onLambdaEvent(toS3Event(notification, options.region)));
    if (onEvent) track(() => onEvent(withRegion(notification, options.region)));
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const notification = request.method === 'POST' && size <= MAX_BODY_BYTES ? parse(chunks) : undefined;
      // radosgw holds the upload's response until this answer (non-persistent topic): answer
      // first, handle after.
      response.writeHead(notification ? 200 : 400).end();
      if (notification) dispatch(notification);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/radosgw-events`,
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

function withRegion(notification: RadosgwNotification, region: string): LocalS3Event {
  return {
    Records: notification.Records.map((record) => ({ ...record, awsRegion: record.awsRegion || region })),
  };
}

function parse(chunks: Buffer[]): RadosgwNotification | undefined {
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<RadosgwNotification>;
    return Array.isArray(body.Records) ? (body as RadosgwNotification) : undefined;
  } catch {
    return undefined;
  }
}
