/**
 * The readers of the signer's authentication settings (`AUTH_ISSUERS`, `AUTH_HEADER`,
 * `AUTH_HS256_*`), used by `loadConfig` (signer/config.ts).
 */
import { readString, type Env } from '../../contract/env.js';
import type { IssuerConfig } from '../../contract/issuer.js';
import type { SharedSecretIssuerConfig } from '../config.js';

export function parseIssuer(value: unknown, index: number): IssuerConfig {
  const where = `AUTH_ISSUERS[${index}]`;
  if (typeof value !== 'object' || value === null) throw new TypeError(`Expected ${where} to be an object`);
  const entry = value as Record<string, unknown>;
  if (typeof entry.issuer !== 'string' || !entry.issuer)
    throw new TypeError(`Expected ${where}.issuer to be a string`);
  const audience = entry.audience;
  const audienceOk =
    (typeof audience === 'string' && audience) ||
    (Array.isArray(audience) && audience.length > 0 && audience.every((a) => typeof a === 'string' && a));
  if (!audienceOk) throw new TypeError(`Expected ${where}.audience to be a string or a list of strings`);
  if (entry.jwksUri !== undefined && (typeof entry.jwksUri !== 'string' || !URL.canParse(entry.jwksUri))) {
    throw new TypeError(`Expected ${where}.jwksUri to be a URL`);
  }
  const algorithms = entry.algorithms;
  if (algorithms !== undefined) {
    const ok =
      Array.isArray(algorithms) && algorithms.length > 0 && algorithms.every((a) => ASYMMETRIC.has(a));
    if (!ok) throw new TypeError(`Expected ${where}.algorithms to list only ${[...ASYMMETRIC].join(', ')}`);
  }
  return {
    issuer: entry.issuer,
    audience: audience as string | string[],
    ...(typeof entry.jwksUri === 'string' && { jwksUri: entry.jwksUri }),
    ...(algorithms !== undefined && { algorithms: algorithms as string[] }),
  };
}

/** Public-key algorithms only: an HS* entry here would let anyone holding the JWKS forge tokens. */
const ASYMMETRIC = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

/** An HTTP field name (RFC 9110 §5.1: a token), lower-cased as Hono and Lambda events give them. */
export function readAuthHeader(env: Env): string {
  const name = readString(env, 'AUTH_HEADER', 'authorization').trim().toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
    throw new TypeError(
      `Expected an HTTP header name (e.g. x-forwarded-authorization) for AUTH_HEADER but received ${JSON.stringify(name)}`,
    );
  }
  return name;
}

export function readSharedSecret(env: Env): SharedSecretIssuerConfig | undefined {
  const secret = env.AUTH_HS256_SECRET;
  if (!secret) return undefined;
  if (new TextEncoder().encode(secret).length < 32) {
    throw new TypeError('Expected AUTH_HS256_SECRET to be at least 32 bytes');
  }
  return {
    secret,
    issuer: readString(env, 'AUTH_HS256_ISSUER'),
    audience: readString(env, 'AUTH_HS256_AUDIENCE'),
  };
}
