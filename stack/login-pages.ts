/**
 * The local identity provider's own pages: sign-in (development login: any username, any
 * password), sign-out, signed-out and error. Small, self-contained HTML (no web font, no script
 * from elsewhere), so the page works offline and its console stays clean. oidc-provider's default
 * pages import a Google font.
 */

/** The provider's icon (served at `/favicon.svg`): the demo's blue tile with an upward arrow. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#2f6fde"/><path d="M16 7l-7 7h4.5v10h5V14H23z" fill="#fff"/></svg>`;

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; }
  main { width: min(22rem, 90vw); padding: 1.5rem 1.75rem; border-radius: 12px;
    border: 1px solid color-mix(in srgb, CanvasText 15%, transparent); }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  p { margin: .25rem 0 1rem; color: color-mix(in srgb, CanvasText 70%, transparent); }
  label { display: block; margin: .75rem 0 .25rem; font-size: .9rem; }
  input { box-sizing: border-box; width: 100%; padding: .55rem .6rem; font: inherit; border-radius: 6px;
    border: 1px solid color-mix(in srgb, CanvasText 30%, transparent); }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; font: inherit; font-weight: 600; color: #fff;
    background: #2f6fde; border: 0; border-radius: 6px; cursor: pointer; }
  button.quiet { color: inherit; background: transparent; font-weight: 400; margin-top: .5rem; }
  .problem { color: #c62828; }
  pre { white-space: pre-wrap; word-break: break-word; font-size: .85rem; }`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A complete page; `body` is HTML (escape what comes from outside). */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · local identity provider</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${STYLE}</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * The sign-in form. Its field names (`login`, `password`) are those of oidc-provider's
 * development form, which stack/dev-login.ts fills in from Node.
 */
export function loginPage(options: {
  action: string;
  client: string;
  problem?: string;
  login?: string;
}): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<p>to ${escapeHtml(options.client)} on the local stack: any username and any password.</p>
${options.problem ? `<p class="problem" role="alert">${escapeHtml(options.problem)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}" autocomplete="off">
<label for="login">Username</label>
<input id="login" name="login" required autofocus value="${escapeHtml(options.login ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" placeholder="anything">
<button type="submit">Sign in</button>
</form>`,
  );
}

/**
 * The sign-out page around oidc-provider's confirmation `form` (it carries the CSRF token). With
 * `confirm: false` it submits itself with `logout=yes` (end the provider session too), so the
 * user goes straight back to the client; otherwise it asks.
 */
export function logoutPage(form: string, options: { confirm: boolean }): string {
  if (!options.confirm) {
    return page(
      'Signing out',
      `<h1>Signing out…</h1>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<noscript><button type="submit" form="op.logoutForm">Continue</button></noscript>
<script>document.getElementById('op.logoutForm').submit();</script>`,
    );
  }
  return page(
    'Sign out',
    `<h1>Sign out?</h1><p>You are signed in to the local identity provider.</p>${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Sign me out</button>
<button type="submit" form="op.logoutForm" class="quiet">Stay signed in</button>`,
  );
}

/** Shown after a sign-out that names no page to return to. */
export function signedOutPage(): string {
  return page('Signed out', '<h1>Signed out</h1><p>You can close this page.</p>');
}

/** oidc-provider's error details (`error`, `error_description`, …), one line each. */
export function errorPage(details: Record<string, unknown>): string {
  const lines = Object.entries(details)
    .map(([key, value]) => `<strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}`)
    .join('\n');
  return page('Something went wrong', `<h1>Something went wrong</h1><pre>${lines}</pre>`);
}
