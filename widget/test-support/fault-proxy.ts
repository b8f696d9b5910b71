/**
 * A fault-injecting HTTP proxy for the widget's browser tests (Node only): one listener in front
 * of the local S3 and one in front of the signer. The signer's answers are rewritten so the
 * presigned URLs point at the S3 listener; requests are forwarded with the upstream's `Host`, so
 * the signatures still hold (radosgw checks them). Rules make chosen requests fail: a status, a
 * reset connection, a delay, a body with one byte flipped, or a response whose `ETag` CORS hides. Every request (preflights aside) is logged for assertions,
 * a signer request with the body that arrived, its SHA-256 and its `x-amz-content-sha256` header.
 */
import { createHash } from 'node:crypto';
import {
  Agent,
  createServer,
  request as forward,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type Readable } from 'node:stream';

export type Target = 's3' | 'signer';

export interface FaultRule {
  target: Target;
  /** Request method; any but OPTIONS when omitted. */
  method?: string;
  /** Substring of the path and query, e.g. `partNumber=2`. */
  match?: string;
  /** Requests it applies to before it is used up; default 1. */
  times?: number;
  /**
   * `reset` drops the connection once the body starts; `hide-etag` removes ETag from the CORS
   * expose list; `corrupt` forwards the body with its first byte flipped (same length, so only a
   * checksum can tell); `status` answers without forwarding; `delay` waits (ms) before forwarding;
   * `bytesPerSecond` forwards the request body that slowly.
   */
  fault:
    | 'reset'
    | 'hide-etag'
    | 'corrupt'
    | { status: number; headers?: Record<string, string>; body?: string }
    | { delay: number }
    | { bytesPerSecond: number };
}

export interface LogEntry {
  target: Target;
  method: string;
  url: string;
  status: number;
  fault?: string;
  /** Milliseconds since the proxy started: request received, response finished. */
  start: number;
  end?: number;
  /** A signer request's body as it arrived (UTF-8), once it has. */
  body?: string;
  /** Its SHA-256, hex. */
  bodySha256?: string;
  /** The request's `x-amz-content-sha256` header, if any. */
  contentSha256?: string;
}

export interface FaultProxy {
  s3Url: string;
  signerUrl: string;
  setFaults(rules: FaultRule[]): void;
  readonly log: LogEntry[];
  close(): Promise<void>;
}

/** Passes `req`'s body through, noting in `entry` what arrived and the hash the request claims. */
function noteBody(req: IncomingMessage, entry: LogEntry): Readable {
  const chunks: Buffer[] = [];
  const claimed = req.headers['x-amz-content-sha256'];
  if (typeof claimed === 'string') entry.contentSha256 = claimed;
  return req.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done(null, chunk);
      },
      flush(done) {
        const body = Buffer.concat(chunks);
        entry.body = body.toString('utf8');
        entry.bodySha256 = createHash('sha256').update(body).digest('hex');
        done();
      },
    }),
  );
}

/** Starts both listeners on free ports of 127.0.0.1. */
export async function startFaultProxy(upstream: { s3: string; signer: string }): Promise<FaultProxy> {
  let rules: FaultRule[] = [];
  const started = Date.now();
  // No keep-alive upstream, so closing the proxy leaves no socket that would hold s3rver open.
  const agent = new Agent({ keepAlive: false });
  const log: LogEntry[] = [];
  const servers: Server[] = [];
  const urls: Record<Target, string> = { s3: '', signer: '' };

  const take = (target: Target, req: IncomingMessage): FaultRule | undefined => {
    const rule = rules.find(
      (r) =>
        r.target === target &&
        (r.method ? r.method === req.method : req.method !== 'OPTIONS') &&
        (!r.match || req.url!.includes(r.match)) &&
        (r.times ?? 1) > 0,
    );
    if (rule) rule.times = (rule.times ?? 1) - 1;
    return rule;
  };

  const handle = async (target: Target, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const rule = take(target, req);
    const entry: LogEntry = {
      target,
      method: req.method!,
      url: req.url!,
      status: 0,
      start: Date.now() - started,
    };
    res.on('close', () => (entry.end = Date.now() - started));
    if (req.method !== 'OPTIONS') log.push(entry);
    const body = target === 'signer' && req.method !== 'OPTIONS' ? noteBody(req, entry) : req;
    const fault = rule?.fault;
    if (fault) entry.fault = typeof fault === 'string' ? fault : JSON.stringify(fault);
    if (fault === 'reset') {
      req.once('data', () => req.socket.destroy());
      req.once('end', () => req.socket.destroy());
      return;
    }
    if (fault && typeof fault === 'object' && 'status' in fault) {
      body.resume();
      entry.status = fault.status;
      res.writeHead(fault.status, {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-expose-headers': 'ETag, Retry-After',
        'content-type': fault.body?.startsWith('{') ? 'application/json' : 'application/xml',
        ...fault.headers,
      });
      res.end(fault.body ?? '');
      return;
    }
    if (fault && typeof fault === 'object' && 'delay' in fault)
      await new Promise((resolve) => setTimeout(resolve, fault.delay));
    // The browser gave up (abort, pause) while we waited. (`req` itself may be destroyed once read.)
    if (req.socket.destroyed || res.destroyed) return;
    const base = new URL(upstream[target]);
    const headers = { ...req.headers, host: base.host };
    delete headers['accept-encoding'];
    const out = forward(
      { hostname: base.hostname, port: base.port, method: req.method, path: req.url, headers },
      (up) => {
        entry.status = up.statusCode ?? 0;
        const responseHeaders = { ...up.headers };
        if (fault === 'hide-etag') {
          const exposed = String(responseHeaders['access-control-expose-headers'] ?? '');
          responseHeaders['access-control-expose-headers'] = exposed.replace(/\s*etag\s*,?/i, '');
        }
        if (target === 's3') {
          res.writeHead(up.statusCode ?? 502, responseHeaders);
          up.pipe(res);
          return;
        }
        // The signer's JSON: point presigned URLs at the S3 listener.
        const chunks: Buffer[] = [];
        up.on('data', (chunk: Buffer) => chunks.push(chunk));
        up.on('end', () => {
          const body = Buffer.from(Buffer.concat(chunks).toString('utf8').split(upstream.s3).join(urls.s3));
          delete responseHeaders['transfer-encoding'];
          res.writeHead(up.statusCode ?? 502, { ...responseHeaders, 'content-length': String(body.length) });
          res.end(body);
        });
      },
    );
    out.on('error', () => res.destroy());
    // An aborted browser request must not leave a half-sent body hanging upstream.
    res.on('close', () => out.destroy());
    if (fault && typeof fault === 'object' && 'bytesPerSecond' in fault) {
      body.on('data', (chunk: Buffer) => {
        body.pause();
        out.write(chunk);
        setTimeout(() => body.resume(), (chunk.length / fault.bytesPerSecond) * 1000);
      });
      body.on('end', () => out.end());
    } else if (fault === 'corrupt') {
      let flipped = false;
      body
        .pipe(
          new Transform({
            transform(chunk: Buffer, _encoding, done) {
              if (flipped || !chunk.length) return done(null, chunk);
              const copy = Buffer.from(chunk);
              copy[0] = copy[0]! ^ 0xff;
              flipped = true;
              done(null, copy);
            },
          }),
        )
        .pipe(out);
    } else body.pipe(out);
  };

  for (const target of ['s3', 'signer'] as const) {
    const server = createServer((req, res) => void handle(target, req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    urls[target] = `http://127.0.0.1:${port}`;
    servers.push(server);
  }
  return {
    s3Url: urls.s3,
    signerUrl: urls.signer,
    setFaults: (next) => void (rules = next),
    log,
    close: async () => {
      agent.destroy();
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}
