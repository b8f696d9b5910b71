/**
 * Hono middleware: reads `Authorization: Bearer <JWT>`, verifies it, and puts the caller in the
 * context. Anything else in that header, or a token elsewhere, counts as no token.
 */
import { createMiddleware } from 'hono/factory';
import { unauthorized } from '../signer-error.js';
import { MAX_TOKEN_LENGTH, type Caller, type TokenVerifier } from './token-verifier.js';

export interface AuthVariables {
  caller: Caller;
}

// RFC 6750 §2.1: the scheme is case-insensitive, the token is b64token; a JWT is three base64url parts.
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i;

/** Requires a valid bearer token on every request it guards. */
export function bearerAuth(verify: TokenVerifier) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorized('ERR_TOKEN_MISSING', 'Send the token as Authorization: Bearer <token>');
    // Check the size before running a regular expression over an attacker-sized header.
    if (header.length > MAX_TOKEN_LENGTH + 16) throw unauthorized('ERR_TOKEN_INVALID', 'Token is too large');
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('ERR_TOKEN_MISSING', 'Send the token as Authorization: Bearer <token>');
    c.set('caller', await verify(match[1]!));
    await next();
  });
}
