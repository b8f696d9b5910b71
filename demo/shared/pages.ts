/** The demo's host pages (the header links them; each is also an OAuth redirect URI of the IdP). */

/** Path and nav label of every host page; each page is also an OAuth redirect URI. */
export const DEMO_PAGES = [
  { path: '/', label: 'TypeScript' },
  { path: '/script-tag.html', label: 'Script tag' },
  { path: '/react.html', label: 'React' },
  { path: '/vue.html', label: 'Vue' },
] as const;

/** The public wall: no sign-in, so it is not a redirect URI and not one of the host pages. */
export const WALL_PAGE = { path: '/wall.html', label: 'Public wall' } as const;
