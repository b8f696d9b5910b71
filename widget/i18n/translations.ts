import { en } from './en.js';
import { loadFormatter, loadLocale } from './load-locale.js';
import { useFormatter, type UploaderStrings } from './strings.js';

/**
 * Built-in and registered languages, by lowercase BCP 47 tag (`de`, `pt-br`). Only English is
 * built in; the others are modules of their own (widget/i18n/locales.ts lists them), loaded the
 * first time an element's `lang` (its own or an ancestor's, `<html lang>` included) asks for them.
 */
export const translations: Record<string, UploaderStrings> = { en };

/** Locales being loaded (a promise) or tried already (`0`), by tag. */
const loading: Record<string, Promise<unknown> | 0> = {};
/** The `Intl` formatter's load, once asked for. */
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
 * Given `loaded`, a language that is not registered yet is loaded (the module of the exact tag,
 * else of the primary subtag unless that is registered: `pt-BR` loads `pt-br` even where `pt` is
 * there, `de-AT` asks for `de-at`, then `de`), and `loaded` called once that settles; one that
 * cannot be loaded shows the primary subtag's strings or English. `en-*` is never loaded. The first call given `loaded` also loads the `Intl` formatter (intl-format.ts) and
 * calls `loaded` when it is there.
 * @param loaded called when a missing language, or the formatter, has loaded or failed to
 */
export function stringsFor(lang: string, loaded?: () => void): UploaderStrings {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0]!;
  const strings = translations[tag] ?? translations[primary];
  if (loaded && tag && !translations[tag] && primary != 'en' && loading[tag] !== 0)
    void (loading[tag] ||= loadLocale(tag)
      .catch(() => translations[primary] || loadLocale(primary))
      .finally(() => (loading[tag] = 0))).then(loaded, loaded);
  if (loaded)
    intl ||= loadFormatter()
      .then(useFormatter, () => {})
      .then(loaded);
  return strings ?? en;
}
