/**
 * What every host page shares: the header (pages, who is signed in, sign in/out), the signed-out
 * welcome, and the sign-in itself. A page calls {@link startDemo} and, once someone is signed in,
 * shows its uploader and gallery in its own way (plain DOM, React or Vue).
 */
import { html, nothing, render } from 'lit';
import { createAuth, type Auth } from './auth.js';
import { config } from './config.js';
import { DEMO_PAGES as PAGES, WALL_PAGE } from './pages.js';

/**
 * Completes a sign-in redirect if there is one, renders the header into `#site-header`, and sets
 * `<body data-auth="signed-in|signed-out">` (the page's CSS shows the matching content).
 * @returns the auth handle, or `undefined` when the identity provider is unreachable (the page
 *   then shows an explanation).
 */
export async function startDemo(): Promise<Auth | undefined> {
  // After sign-out the provider returns to `/` with the page the user left in `state`.
  const back = new URL(location.href).searchParams.get('state');
  if (location.pathname === '/' && back && PAGES.some((p) => p.path === back && p.path !== '/')) {
    location.replace(back);
    return undefined;
  }
  const header = document.getElementById('site-header')!;
  let auth: Auth;
  try {
    auth = await createAuth({ issuer: config.issuer, clientId: config.clientId });
  } catch (error) {
    renderHeader(header, undefined);
    showProblem(`Signing in is not possible right now: ${(error as Error).message}`);
    return undefined;
  }
  const update = () => {
    renderHeader(header, auth);
    document.body.dataset.auth = auth.user ? 'signed-in' : 'signed-out';
  };
  auth.onChange(update);
  update();
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action="sign-in"]')) {
    button.addEventListener('click', () => void auth.signIn());
  }
  return auth;
}

/**
 * The header of a page anyone may see without signing in (the public wall): the pages, and a link
 * to the uploading pages instead of the account.
 */
export function showPublicHeader(): void {
  renderHeader(document.getElementById('site-header')!, undefined, true);
}

function renderHeader(header: HTMLElement, auth: Auth | undefined, publicPage = false): void {
  const here = location.pathname.replace(/\/index\.html$/, '/');
  const user = auth?.user;
  render(
    html`<div class="bar">
      <a class="brand" href="/"><span class="logo" aria-hidden="true"></span>image-uploader</a>
      <nav aria-label="Demo pages">
        ${[...PAGES, WALL_PAGE].map(
          (p) => html`<a href=${p.path} aria-current=${p.path === here ? 'page' : nothing}>${p.label}</a>`,
        )}
      </nav>
      <div class="account">
        ${
          user
            ? html`<span class="user" title="Signed in"
                  ><span class="avatar" aria-hidden="true">${user.subject.slice(0, 1).toUpperCase()}</span
                  ><span class="who">${user.subject}</span></span
                >
                <button class="quiet" @click=${() => auth!.signOut()}>Sign out</button>`
            : auth
              ? html`<button class="primary" @click=${() => auth.signIn()}>Sign in</button>`
              : publicPage
                ? html`<a class="button primary" href="/">Upload yours</a>`
                : nothing
        }
      </div>
    </div>`,
    header,
  );
}

/** Shows a problem above the page content (role=alert). */
export function showProblem(message: string): void {
  const box =
    document.getElementById('problem') ??
    document.body.insertAdjacentElement('afterbegin', document.createElement('p'))!;
  box.id = 'problem';
  box.setAttribute('role', 'alert');
  box.textContent = message;
}
