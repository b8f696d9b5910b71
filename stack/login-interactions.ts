/**
 * The local identity provider's interaction routes (its sign-in page) in place of oidc-provider's
 * `devInteractions`: `GET /interaction/:uid` shows the form, `POST /interaction/:uid/login`
 * signs in whoever typed a username (any password), and the consent step is granted at once
 * (the demo is a first-party client). Also serves `/favicon.svg`.
 * https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#user-flows
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { FAVICON_SVG, errorPage, loginPage } from './login-pages.js';

const INTERACTION = /^\/interaction\/([\w-]+)(\/login)?$/;
const MAX_FORM_BYTES = 16 * 1024;

/** What oidc-provider's `interactionDetails` returns, as far as used here. */
interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  session?: { accountId?: string };
  grantId?: string;
}

/**
 * A request listener for the interaction routes; anything else goes to `next` (the provider).
 * @param scope the scopes a consent grants (the provider's own scopes)
 */
export function loginInteractions(
  provider: Provider,
  scope: string,
  next: (req: IncomingMessage, res: ServerResponse) => void,
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/favicon.svg' || path === '/favicon.ico') {
      send(res, 200, 'image/svg+xml', FAVICON_SVG, 'public, max-age=86400');
      return;
    }
    const match = INTERACTION.exec(path);
    if (!match) return next(req, res);
    const login = match[2] !== undefined;
    if ((login && req.method !== 'POST') || (!login && req.method !== 'GET')) {
      send(res, 405, 'text/plain', 'Method Not Allowed');
      return;
    }
    interact(provider, scope, req, res, login).catch((error: unknown) => {
      // Mostly an expired or replayed interaction (SessionNotFound): start the sign-in again.
      const { name = 'Error', message = String(error) } = error as { name?: string; message?: string };
      if (!res.headersSent)
        send(res, 400, 'text/html', errorPage({ error: name, error_description: message }));
    });
  };
}

async function interact(
  provider: Provider,
  scope: string,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = (await provider.interactionDetails(req, res)) as InteractionDetails;
  const client = String(details.params.client_id ?? 'the application');
  if (details.prompt.name === 'login') {
    const action = `/interaction/${details.uid}/login`;
    if (!submitted) {
      send(res, 200, 'text/html', loginPage({ action, client }));
      return;
    }
    const username = new URLSearchParams(await readBody(req)).get('login')?.trim();
    if (!username) {
      send(res, 400, 'text/html', loginPage({ action, client, problem: 'Type any username.' }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: username } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  // Consent: grant what the client asked for (normally the provider's loadExistingGrant already has).
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session?.accountId, clientId: details.params.client_id });
  grant.addOIDCScope(scope);
  for (const resource of Object.keys((details.prompt.details.missingResourceScopes as object) ?? {})) {
    grant.addResourceScope(resource, scope);
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

function send(res: ServerResponse, status: number, type: string, body: string, cache = 'no-store'): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': cache,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req as AsyncIterable<Buffer>) {
    body += chunk.toString('utf8');
    if (body.length > MAX_FORM_BYTES) throw new RangeError('The form is too large');
  }
  return body;
}
