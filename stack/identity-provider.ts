/**
 * The local identity provider: oidc-provider (a certified OpenID provider) with a public PKCE
 * client for the demo and its development login form (any username, no password).
 *
 * Access tokens are RS256 JWTs for the signer's audience, so the signer verifies them exactly as
 * it verifies Google's, Auth0's or Cognito's: by discovery and JWKS.
 */
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IdentityProviderOptions {
  /** Port on 127.0.0.1; 0 picks a free one (the issuer URL includes it, so it is bound first). */
  port: number;
  /** The `aud` of access tokens: the signer's audience. */
  audience: string;
  /** Public client id used by the demo. */
  clientId: string;
  /** Allowed redirect URIs of the demo pages. */
  redirectUris: readonly string[];
  /** Access-token lifetime in seconds (default 600). */
  accessTokenTtl?: number;
}

export interface IdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

/** Starts oidc-provider on 127.0.0.1 and resolves once it listens. */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  // The issuer must contain the port, so bind first and attach the provider afterwards.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, await providerConfiguration(options));
  provider.on('server_error', (_ctx, error) => console.error('[idp] server error:', (error as Error).stack));
  server.on('request', provider.callback());
  return { issuer, close: () => closeServer(server) };
}

async function providerConfiguration(options: IdentityProviderOptions): Promise<Record<string, unknown>> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'local-rs256', alg: 'RS256', use: 'sig' };
  const scope = 'openid profile offline_access';
  return {
    jwks: { keys: [signingKey] },
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...options.redirectUris],
        post_logout_redirect_uris: options.redirectUris.map((uri) => new URL('/', uri).href),
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile', 'offline_access'],
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: sub, preferred_username: sub }),
    }),
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope,
          audience: options.audience,
          accessTokenTTL: options.accessTokenTtl ?? 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // The demo is a first-party client: grant its scopes without a consent screen.
    loadExistingGrant: async (ctx: {
      oidc: { client: { clientId: string }; session: { accountId: string } };
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      provider?: any;
    }) => {
      const Grant = (ctx.oidc as unknown as { provider: Provider }).provider.Grant;
      const grant = new Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(scope);
      grant.addResourceScope(options.audience, scope);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async () => true,
    pkce: { required: () => true },
    ttl: { AccessToken: options.accessTokenTtl ?? 600, RefreshToken: 24 * 3600, Session: 24 * 3600 },
    cookies: { keys: ['local-development-only'] },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
