/**
 * The owner segment of every key: a keyed hash of issuer and subject, so keys never carry an
 * e-mail address or a raw `sub`, two issuers' subjects never collide, and nobody without
 * `OWNER_ID_SECRET` can tell whose images a key holds. An unkeyed hash would let anyone who
 * guesses a `sub` (a numeric id from a site's own login, an e-mail address) compute its owner
 * segment and recognise it in any shared URL.
 *
 * Changing the secret moves every user to a new owner segment: it is a migration, not a rotation
 * (signer/README.md).
 */
import { base64url } from 'jose';
import { fastSha256 } from '../sha256.js';
import type { Env } from '../../contract/env.js';

/** The shortest `OWNER_ID_SECRET` accepted, in UTF-8 bytes: SHA-256's output size (RFC 2104 §3). */
export const MIN_OWNER_ID_SECRET_BYTES = 32;

/** Returns the owner segment of a verified token's `iss` and `sub`. */
export type OwnerIdOf = (issuer: string, subject: string) => string;

/**
 * Creates the owner-id function for a secret:
 * `base64url(HMAC-SHA-256(secret, issuer NUL subject))`, first 128 bits (22 characters).
 *
 * The issuer is a configured issuer's exact string (an environment variable, which cannot hold
 * NUL), so the first NUL always ends it: pairs that run together when concatenated plainly
 * (`https://a.example` + `bc`, `https://a.exampleb` + `c`) stay apart.
 * Synchronous and cheap (signer/sha256.ts: ≈ 2 µs, where an awaited Web Crypto digest took 30–45 µs).
 * The verifier calls it once per verified token and keeps the result with the token in its cache.
 * @param secret `OWNER_ID_SECRET` as {@link readOwnerIdSecret} returns it; its UTF-8 bytes are the key.
 * @example
 * const ownerId = createOwnerId(config.auth.ownerIdSecret);
 * ownerId('https://accounts.google.com', '1234567890'); // 22 URL-safe characters
 */
export function createOwnerId(secret: string): OwnerIdOf {
  const key = new TextEncoder().encode(secret);
  return (issuer, subject) =>
    base64url.encode(fastSha256.hmac(key, `${issuer}\u0000${subject}`).subarray(0, 16));
}

/**
 * Reads `OWNER_ID_SECRET` (required), trimmed: a newline pasted with it must not move every user.
 * @param env the signer's environment (after resolve-env.ts, which fills it from `OWNER_ID_SECRET_ARN`)
 * @throws {TypeError} naming `OWNER_ID_SECRET` when it is unset, shorter than
 *   {@link MIN_OWNER_ID_SECRET_BYTES} bytes, or the same as `AUTH_HS256_SECRET` (which a site's
 *   login server holds too).
 */
export function readOwnerIdSecret(env: Env): string {
  const secret = env.OWNER_ID_SECRET?.trim();
  if (!secret) {
    throw new TypeError(
      'Expected OWNER_ID_SECRET (or OWNER_ID_SECRET_ARN) to be set: the key of the owner segment in object keys, at least 32 random bytes (e.g. openssl rand -base64 32)',
    );
  }
  const bytes = new TextEncoder().encode(secret).length;
  if (bytes < MIN_OWNER_ID_SECRET_BYTES) {
    throw new TypeError(
      `Expected OWNER_ID_SECRET to be at least ${MIN_OWNER_ID_SECRET_BYTES} bytes but received ${bytes}`,
    );
  }
  if (secret === env.AUTH_HS256_SECRET?.trim()) {
    throw new TypeError('Expected OWNER_ID_SECRET to differ from AUTH_HS256_SECRET');
  }
  return secret;
}
