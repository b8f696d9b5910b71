/**
 * Hono middleware: reads `Authorization: Bearer <JWT>` (or the header named by `AUTH_HEADER`),
 * verifies it, and puts the caller in the context. Anything else in that header, or a token
 * elsewhere, counts as no token.
 */
import { createMiddleware } from 'hono/factory';
import { unauthorized } from '../signer-error.js';
import { MAX_TOKEN_LENGTH, type Caller, type TokenVerifier } from './token-verifier.js';

export interface AuthVariables {
  caller: Caller;
}

// RFC 6750 §2.1: the scheme is case-insensitive, the token is b64token; a JWT is three base64url parts.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/**
 * Requires a valid bearer token on every request it guards.
 * @param headerName the one header read, lower case (`AUTH_HEADER`, default `authorization`). Behind CloudFront
 *   with origin access control, OAC puts its own SigV4 signature in `Authorization`, and a
 *   CloudFront Function moves the viewer's into `x-forwarded-authorization` (dropping one the viewer
 *   sent). Name another header only behind such a proxy: any client can send any header.
 */
export function bearerAuth(verify: TokenVerifier, headerName: string) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const header = c.req.header(headerName);
    if (!header) throw unauthorized('ERR_TOKEN_MISSING', 'Send the token as Authorization: Bearer <token>');
    // Check the size before running a regular expression over an attacker-sized header.
    if (header.length > MAX_TOKEN_LENGTH + 16) throw unauthorized('ERR_TOKEN_INVALID', 'Token is too large');
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('ERR_TOKEN_MISSING', 'Send the token as Authorization: Bearer <token>');
    c.set('caller', await verify(match[1]!));
    await next();
  });
}
