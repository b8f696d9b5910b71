/** The demo's host pages (the header links them; each is also an OAuth redirect URI of the IdP). */

/** Path and nav label of every host page; each page is also an OAuth redirect URI. */
export const DEMO_PAGES = [
  { path: '/', label: 'TypeScript' },
  { path: '/script-tag.html', label: 'Script tag' },
  { path: '/react.html', label: 'React' },
  { path: '/vue.html', label: 'Vue' },
] as const;
