/**
 * Signs a user in to the local identity provider the way the demo does (authorization code +
 * PKCE through the provider's real login form), from Node, for tests and benchmarks.
 */
import * as oauth from 'oauth4webapi';

export interface DevLoginOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
}

export interface DevTokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
}

/** Runs the full code flow against the dev login form and returns the tokens. */
export async function devLogin(options: DevLoginOptions): Promise<DevTokens> {
  const issuer = new URL(options.issuer);
  const as = await oauth
    .discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true })
    .then((response) => oauth.processDiscoveryResponse(issuer, response));
  const client: oauth.Client = { client_id: options.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: 'openid profile offline_access',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();

  const jar = new CookieJar();
  let response = await jar.fetch(authorize.href);
  // Follow redirects to the interaction page, submit the login form, follow back to the client.
  for (let hop = 0; hop < 10; hop++) {
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, response.url || authorize.href);
      if (next.href.startsWith(options.redirectUri)) {
        const params = oauth.validateAuthResponse(as, client, next, state);
        const tokenResponse = await oauth.authorizationCodeGrantRequest(
          as,
          client,
          oauth.None(),
          params,
          options.redirectUri,
          verifier,
          { [oauth.allowInsecureRequests]: true },
        );
        const result = await oauth.processAuthorizationCodeResponse(as, client, tokenResponse);
        return {
          accessToken: result.access_token,
          refreshToken: result.refresh_token,
          idToken: result.id_token,
        };
      }
      response = await jar.fetch(next.href);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`Unexpected page from the identity provider (status ${response.status})`);
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.set(name!, value!);
    }
    if (html.includes('name="login"')) {
      form.set('login', options.username);
      form.set('password', 'any');
    }
    response = await jar.fetch(new URL(action, issuer).href, { method: 'POST', body: form });
  }
  throw new Error('Too many redirects during dev login');
}

class CookieJar {
  readonly #cookies = new Map<string, string>();

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.#cookies.size) headers.set('cookie', [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      this.#cookies.set(pair!.slice(0, index), pair!.slice(index + 1));
    }
    return response;
  }
}
