import { en } from './en.js';
import type { UploaderStrings } from './strings.js';

/**
 * Built-in and registered languages, by lowercase BCP 47 tag (`de`, `pt-br`). Only English is
 * built in; others register themselves when loaded (`import 'image-uploader/i18n/de'`, or
 * `<script src="i18n/de.js">` next to the script-tag build), so pages pay only for what they use.
 */
export const translations: Record<string, UploaderStrings> = { en };

/**
 * Adds a language for every `<image-uploader>` whose `lang` (own or inherited) matches.
 * @example registerTranslation('fr', { ...en, choose: 'Choisir des images', … })
 */
export function registerTranslation(lang: string, strings: UploaderStrings): void {
  translations[lang.toLowerCase()] = strings;
}

/** The strings for `lang`: an exact match, then the primary subtag (`de-AT` → `de`), then English. */
export function stringsFor(lang: string): UploaderStrings {
  const tag = lang.toLowerCase();
  return translations[tag] ?? translations[tag.split('-')[0]!] ?? en;
}
