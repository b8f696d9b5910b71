/**
 * Browser sign-in for the demo pages: OAuth 2.0 authorization code with PKCE (RFC 7636) against
 * an OpenID provider, with oauth4webapi. Tokens live in `sessionStorage` (gone with the tab);
 * the access token is refreshed with the refresh token shortly before it expires.
 */
import * as oauth from 'oauth4webapi';

/** Who is signed in. */
export interface DemoUser {
  /** The `sub` claim of the ID token. */
  subject: string;
}

/** What {@link createAuth} returns. */
export interface Auth {
  /** The signed-in user, or `undefined`. */
  readonly user: DemoUser | undefined;
  /** Redirects to the provider's login page; comes back to the current page. */
  signIn(): Promise<void>;
  /** Forgets the tokens, revokes the refresh token and ends the provider session (a redirect). */
  signOut(): Promise<void>;
  /**
   * A valid access token, refreshed when it expires within 30 s (or when `forceRefresh`).
   * @throws {Error} when nobody is signed in or the refresh failed (the user then is signed out).
   */
  getAccessToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Calls `listener` whenever the user changes (sign-in, sign-out, failed refresh). */
  onChange(listener: () => void): void;
}

/** Settings for {@link createAuth}. */
export interface AuthOptions {
  issuer: string;
  clientId: string;
}

interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  subject: string;
}

const TOKENS = 'image-uploader-demo:tokens';
const PENDING = 'image-uploader-demo:pending';
const SCOPE = 'openid profile offline_access';
const REFRESH_MARGIN_MS = 30_000;

/**
 * Discovers the provider and, when the page was opened by the provider's redirect (`?code=`),
 * completes the sign-in and removes the parameters from the address bar.
 * @throws {Error} when discovery fails or the redirect does not validate.
 */
export async function createAuth(options: AuthOptions): Promise<Auth> {
  const issuer = new URL(options.issuer);
  // The local provider runs on plain http://localhost; anything else must be https.
  const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(issuer.hostname);
  const http = { [oauth.allowInsecureRequests]: local };
  const as = await oauth
    .discoveryRequest(issuer, http)
    .then((r) => oauth.processDiscoveryResponse(issuer, r));
  const client: oauth.Client = { client_id: options.clientId };
  const redirectUri = currentPageUrl();
  const listeners = new Set<() => void>();
  let tokens = load();
  let refreshing: Promise<StoredTokens> | undefined;

  const save = (next: StoredTokens | undefined) => {
    tokens = next;
    if (next) sessionStorage.setItem(TOKENS, JSON.stringify(next));
    else sessionStorage.removeItem(TOKENS);
    for (const listener of listeners) listener();
  };

  const fromResponse = (result: oauth.TokenEndpointResponse, previous?: StoredTokens): StoredTokens => ({
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? previous?.refreshToken,
    idToken: result.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
    subject: oauth.getValidatedIdTokenClaims(result)?.sub ?? previous?.subject ?? 'unknown',
  });

  const url = new URL(location.href);
  if (url.searchParams.has('code') || url.searchParams.has('error')) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
      state: string;
      verifier: string;
    } | null;
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', redirectUri + url.hash);
    if (!pending) throw new Error('Sign-in response without a pending sign-in; please sign in again.');
    const params = oauth.validateAuthResponse(as, client, url, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      redirectUri,
      pending.verifier,
      http,
    );
    save(fromResponse(await oauth.processAuthorizationCodeResponse(as, client, response)));
  }

  const refresh = async (current: StoredTokens): Promise<StoredTokens> => {
    if (!current.refreshToken) throw new Error('The session expired; please sign in again.');
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.None(),
      current.refreshToken,
      http,
    );
    return fromResponse(await oauth.processRefreshTokenResponse(as, client, response), current);
  };

  return {
    get user() {
      return tokens ? { subject: tokens.subject } : undefined;
    },
    async signIn() {
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier }));
      const authorize = new URL(as.authorization_endpoint!);
      authorize.search = new URLSearchParams({
        client_id: client.client_id,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: SCOPE,
        state,
        code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      }).toString();
      location.assign(authorize.href);
    },
    async signOut() {
      const current = tokens;
      save(undefined);
      if (current?.refreshToken && as.revocation_endpoint) {
        // Best effort: the provider session ends below in any case.
        await oauth
          .revocationRequest(as, client, oauth.None(), current.refreshToken, http)
          .then(async (response) => {
            await oauth.processRevocationResponse(response);
            // Read the (empty) body to its end: leaving the page with it unread makes the browser
            // cancel the request (net::ERR_ABORTED), even though the provider answered.
            await response.arrayBuffer();
          })
          .catch(() => undefined);
      }
      if (!as.end_session_endpoint) return;
      const end = new URL(as.end_session_endpoint);
      end.search = new URLSearchParams({
        client_id: client.client_id,
        post_logout_redirect_uri: new URL('/', location.href).href,
        // The index page sends the user back to the page they signed out from.
        state: location.pathname,
        ...(current?.idToken ? { id_token_hint: current.idToken } : {}),
      }).toString();
      location.assign(end.href);
    },
    async getAccessToken({ forceRefresh = false } = {}) {
      const current = tokens;
      if (!current) throw new Error('Not signed in.');
      if (!forceRefresh && current.expiresAt - Date.now() > REFRESH_MARGIN_MS) return current.accessToken;
      // One refresh at a time: the widget and the gallery may ask together.
      refreshing ??= refresh(current).finally(() => (refreshing = undefined));
      try {
        const next = await refreshing;
        if (tokens === current) save(next);
        return next.accessToken;
      } catch (error) {
        if (tokens === current) save(undefined);
        throw error;
      }
    },
    onChange(listener) {
      listeners.add(listener);
    },
  };
}

/** The page's own URL without query or hash, with `/index.html` folded into `/`. */
function currentPageUrl(): string {
  const path = location.pathname.replace(/\/index\.html$/, '/');
  return location.origin + path;
}

function load(): StoredTokens | undefined {
  try {
    return JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}
