/**
 * One trusted OpenID Connect / JWT issuer: an entry of the signer's `AUTH_ISSUERS` (a JSON array)
 * and of the deployment's `issuers` setting, which the deployment passes on as `AUTH_ISSUERS`.
 */
export interface IssuerConfig {
  /** Exact `iss` claim, e.g. `https://accounts.google.com`. */
  issuer: string;
  /** Accepted `aud` value(s), e.g. your OAuth client id. */
  audience: string | string[];
  /** JWKS URL; found by OIDC discovery (`/.well-known/openid-configuration`) when omitted. */
  jwksUri?: string;
  /** Pinned signature algorithms (default `['RS256']`). */
  algorithms?: string[];
}
