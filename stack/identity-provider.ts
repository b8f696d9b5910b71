/**
 * The local identity provider: oidc-provider (a certified OpenID provider) with a public PKCE
 * client for the demo, and the project's own sign-in page (development login: any username, any
 * password; stack/login-interactions.ts).
 *
 * Access tokens are RS256 JWTs for the signer's audience, so the signer verifies them exactly as
 * it verifies Google's, Auth0's or Cognito's: by discovery and JWKS. With a `directory`, the
 * signing key, the cookie keys and the provider's state (sessions, grants, refresh tokens) live
 * there, so tokens and sign-ins survive a restart.
 */
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openProviderStore, type ProviderStore } from './identity-provider-store.js';
import { loginInteractions } from './login-interactions.js';
import { errorPage, logoutPage, signedOutPage } from './login-pages.js';

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
  /** Folder for the keys and the provider's state; in memory (lost on close) when omitted. */
  directory?: string;
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
  let store: ProviderStore | undefined;
  try {
    if (options.directory) await mkdir(options.directory, { recursive: true });
    store = await openProviderStore(options.directory && join(options.directory, 'state.json'));
    const provider = new Provider(issuer, await providerConfiguration(options, store));
    provider.on('server_error', (_ctx, error) =>
      console.error('[idp] server error:', (error as Error).stack),
    );
    server.on('request', loginInteractions(provider, SCOPE, provider.callback()));
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const opened = store;
  return { issuer, close: () => closeServer(server).then(() => opened.close()) };
}

const SCOPE = 'openid profile offline_access';

interface Keys {
  signingKey: JWK;
  cookieKeys: string[];
}

/** The provider's keys: read from `directory/keys.json`, or made (and written there) once. */
async function loadKeys(directory: string | undefined): Promise<Keys> {
  const file = directory && join(directory, 'keys.json');
  const saved = file && (await readFile(file, 'utf8').catch(() => undefined));
  if (saved) return JSON.parse(saved) as Keys;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const keys: Keys = {
    signingKey: { ...(await exportJWK(privateKey)), kid: 'local-rs256', alg: 'RS256', use: 'sig' },
    cookieKeys: [randomBytes(32).toString('base64url')],
  };
  if (file) await writeFile(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

async function providerConfiguration(
  options: IdentityProviderOptions,
  store: ProviderStore,
): Promise<Record<string, unknown>> {
  const { signingKey, cookieKeys } = await loadKeys(options.directory);
  const scope = SCOPE;
  const siteOrigins = new Set(options.redirectUris.map((uri) => new URL(uri).origin));
  return {
    adapter: store.adapter,
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
    // The sign-in page is ours (stack/login-interactions.ts), at the provider's default URL.
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    // The site's pages call the token and revocation endpoints from the browser.
    clientBasedCORS: (_ctx: unknown, origin: string) => siteOrigins.has(origin),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Signing out of the demo (a first-party client) needs no second question: the page
        // submits the provider's form itself (CSRF token included) and returns to the client.
        logoutSource: (ctx: { body: string; oidc: { client?: { clientId: string } } }, form: string) => {
          ctx.body = logoutPage(form, { confirm: ctx.oidc.client?.clientId !== options.clientId });
        },
        postLogoutSuccessSource: (ctx: { body: string }) => {
          ctx.body = signedOutPage();
        },
      },
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
    ttl: {
      AccessToken: options.accessTokenTtl ?? 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
    },
    cookies: { keys: cookieKeys },
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
