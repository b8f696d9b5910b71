import { en } from './en.js';
import { loadFormatter, loadLocale } from './load-locale.js';
import { useFormatter, type UploaderStrings } from './strings.js';

/**
 * Built-in and registered languages, by lowercase BCP 47 tag (`de`, `pt-br`). Only English is
 * built in; the others are modules of their own (widget/i18n/locales.ts lists them), loaded the
 * first time an element's `lang` (its own or an ancestor's, `<html lang>` included) asks for them.
 */
export const translations: Record<string, UploaderStrings> = { en };

/** Locales being loaded, with the formatter (a promise), or tried already (`0`), by tag. */
const loading: Record<string, Promise<unknown> | 0> = {};
/** The `Intl` formatter's load, once a language other than English asks for it. */
let intl: Promise<void> | undefined;

/**
 * Adds a language for every `<image-uploader>` whose `lang` (own or inherited) matches; it also
 * replaces a shipped one, and a language registered before an element asks is never loaded.
 * @example registerTranslation('fr', { ...en, choose: 'Choisir des images', … })
 */
export function registerTranslation(lang: string, strings: UploaderStrings): void {
  lang = lang.toLowerCase();
  translations[lang] = { ...strings, lang };
}

/**
 * The strings for `lang`: an exact match, then the primary subtag (`de-AT` → `de`), then English.
 * Given `loaded`, a language other than English loads what it lacks and calls `loaded` once that
 * settles: its module when it is not registered yet (the module of the exact tag, else of the
 * primary subtag unless that is registered: `pt-BR` loads `pt-br` even where `pt` is there, `de-AT`
 * asks for `de-at`, then `de`; one that cannot be loaded shows the primary subtag's strings or
 * English), and the `Intl` formatter (intl-format.ts) the first time. English (`en`, `en-*`, or no
 * `lang`) loads nothing: the built-in fallback of strings.ts writes English numbers and plurals, so
 * an English page never fetches a chunk it does not need.
 * @param loaded called when a missing language, and the formatter, have loaded or failed to
 */
export function stringsFor(lang: string, loaded?: () => void): UploaderStrings {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0]!;
  if (loaded && primary && primary != 'en' && loading[tag] !== 0)
    void (loading[tag] ||= Promise.allSettled([
      (intl ||= loadFormatter().then(useFormatter)),
      translations[tag] || loadLocale(tag).catch(() => translations[primary] || loadLocale(primary)),
    ]).finally(() => (loading[tag] = 0))).then(loaded);
  return translations[tag] ?? translations[primary] ?? en;
}
