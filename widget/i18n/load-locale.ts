import { locales } from './locales.js';
import type { Formatter } from './strings.js';
import { registerTranslation } from './translations.js';

/**
 * Loads the module of the language `tag` (lowercase, `pt-br`) and registers it. The ES build and
 * the sources import it from `locales.ts`, so bundlers see every locale as a lazy chunk; the
 * script-tag build swaps this module for one that imports `i18n/<tag>.js` from beside the script
 * (widget/vite.script.config.ts).
 * @throws when no module has that tag, or it cannot be loaded
 */
export async function loadLocale(tag: string): Promise<void> {
  const load = locales[tag];
  if (!load) throw new TypeError(`No locale module for "${tag}"`);
  registerTranslation(tag, (await load()).default);
}

/** Loads the `Intl` formatter (intl-format.ts; in the script-tag build, `i18n/intl.js`). */
export const loadFormatter = (): Promise<Formatter> => import('./intl-format.js');
