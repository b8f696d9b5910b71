/**
 * The server side of the widget's browser tests (Node only): starts the real local stack (s3rver,
 * the OpenID provider, the signer) with the fault proxy in front, and answers the test pages'
 * `/__stack/*` requests. Loaded by widget/web-test-runner.config.js.
 */
import { startStack, type Stack } from '../../stack/start-stack.js';
import { startFaultProxy, type FaultProxy, type FaultRule } from './fault-proxy.js';

/** What a test page gets from `GET /__stack/config`. */
export interface StackInfo {
  /** The signer behind the fault proxy: what the widget under test talks to. */
  endpoint: string;
  /** S3 without the proxy, for reading objects back. */
  s3: string;
  bucket: string;
}

interface Context {
  path: string;
  method: string;
  query: Record<string, string | string[] | undefined>;
  req: NodeJS.ReadableStream;
  status: number;
  body: unknown;
}

/**
 * Multipart from 5 MiB in 5 MiB parts, so tests need only megabytes; no rate limit; both
 * visibilities allowed (issue 15), so the element's `visibility` reaches S3.
 */
const SIGNER_ENV = {
  UPLOAD_VISIBILITIES: 'public,private',
  MULTIPART_THRESHOLD_BYTES: String(5 * 1024 * 1024),
  MULTIPART_PART_SIZE_BYTES: String(5 * 1024 * 1024),
  UPLOAD_MAX_BYTES: String(64 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: '1000000',
};

/** Starts the stack and proxy for pages served from `origin`; returns Koa middleware and `close`. */
export async function startTestServer(origin: string): Promise<{
  middleware: (ctx: Context, next: () => Promise<unknown>) => Promise<unknown>;
  close: () => Promise<void>;
}> {
  const stack: Stack = await startStack({
    siteOrigins: [origin],
    signerEnv: SIGNER_ENV,
    thumbnails: false,
    log: () => {},
  });
  let proxy: FaultProxy | undefined;
  try {
    proxy = await startFaultProxy({ s3: stack.s3.endpoint, signer: stack.signerUrl });
  } catch (error) {
    await stack.close();
    throw error;
  }
  const tokens = new Map<string, Promise<string>>();
  // A second stack whose signer keeps its default rate limit, started on first use (issue 19: 100
  // photos dropped at once see no 429), behind a proxy of its own for its request log.
  const { RATE_LIMIT_PER_MINUTE: _, ...defaultEnv } = SIGNER_ENV;
  let defaults: Promise<{ stack: Stack; proxy: FaultProxy; token: string }> | undefined;
  const startDefaults = async () => {
    const stack = await startStack({
      siteOrigins: [origin],
      signerEnv: defaultEnv,
      thumbnails: false,
      log: () => {},
    });
    const proxy = await startFaultProxy({ s3: stack.s3.endpoint, signer: stack.signerUrl });
    return { stack, proxy, token: await stack.login('alice') };
  };
  const info: StackInfo = { endpoint: proxy.signerUrl, s3: stack.s3.endpoint, bucket: stack.s3.bucket };

  const readJson = async (req: NodeJS.ReadableStream): Promise<unknown> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  };

  const middleware = async (ctx: Context, next: () => Promise<unknown>): Promise<unknown> => {
    if (!ctx.path.startsWith('/__stack/')) return next();
    const route = `${ctx.method} ${ctx.path.slice('/__stack/'.length)}`;
    if (route === 'GET config') ctx.body = info;
    else if (route === 'GET token') {
      const user = String(ctx.query.user ?? 'alice');
      if (!tokens.has(user)) tokens.set(user, stack.login(user));
      ctx.body = { token: await tokens.get(user) };
    } else if (route === 'POST faults') {
      proxy.setFaults((await readJson(ctx.req)) as FaultRule[]);
      ctx.body = { ok: true };
    } else if (route === 'GET object-metadata') {
      // The object's user metadata as S3 returns it (names without `x-amz-meta-`), read here
      // because the bucket's CORS rule exposes no `x-amz-meta-*` header to the page.
      const head = await fetch(`${info.s3}/${info.bucket}/${String(ctx.query.key)}`, { method: 'HEAD' });
      ctx.status = head.status;
      ctx.body = Object.fromEntries(
        [...head.headers]
          .filter(([name]) => name.startsWith('x-amz-meta-'))
          .map(([name, value]) => [name.slice('x-amz-meta-'.length), value]),
      );
    } else if (route === 'GET default-limits') {
      const { proxy: other, token } = await (defaults ??= startDefaults());
      ctx.body = { endpoint: other.signerUrl, token, log: other.log };
    } else if (route === 'GET log') ctx.body = proxy.log;
    else if (route === 'DELETE log') {
      proxy.log.length = 0;
      ctx.body = { ok: true };
    } else ctx.status = 404;
    return undefined;
  };
  return {
    middleware,
    close: async () => {
      const other = await defaults?.catch(() => undefined);
      await other?.proxy.close();
      await other?.stack.close();
      await proxy.close();
      await stack.close();
    },
  };
}
