/**
 * Refuses request bodies over the limit with 413 ERR_BODY_TOO_LARGE.
 *
 * The declared `Content-Length` is checked without touching the body: reading `request.body` on
 * @hono/node-server turns the Node stream into a web stream, which costs more than the signer's
 * whole request otherwise. Only bodies without a length (chunked) go through hono's counting
 * `bodyLimit`.
 */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { SignerError } from './signer-error.js';

/** @param maxBytes largest accepted body */
export function bodySizeLimit(maxBytes: number) {
  const tooLarge = () => {
    throw new SignerError('ERR_BODY_TOO_LARGE', 413, `The request body is over ${maxBytes} bytes`);
  };
  const counting = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return createMiddleware(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxBytes ? tooLarge() : next();
    }
    return counting(c, next);
  });
}
