/**
 * `Intl` formatting for the element's texts, a module of its own that the element loads the first
 * time it looks its strings up (i18n/translations.ts), so the script-tag build stays small; until
 * it arrives, `{placeholders}` are filled as given (i18n/strings.ts). Exports the same two
 * functions as the fallback there.
 */

/**
 * Fills `{placeholders}` from `values`, leaving unknown ones as they are: numbers through
 * `Intl.NumberFormat` for `lang` (`percent`, 0 to 100, as a percentage: `42 %` in German), and one
 * ICU plural (`{max, plural, one {…#…} other {…#…}}`, plain text and `#` in its forms, `other`
 * when a category is missing) through `Intl.PluralRules`.
 * @param lang BCP 47 tag; default `en`
 * @example format('{max, plural, one {# file} other {# files}}', { max: 1200 }, 'de') // '1.200 files'
 */
export function format(template: string, values: Record<string, string | number>, lang = 'en'): string {
  return template
    .replace(/\{(\w+), plural,(.*)\}/, (_, key: string, forms: string) =>
      (forms.match(` ${new Intl.PluralRules(lang).select(+values[key]!)} {([^}]*)`) ??
        forms.match(/ other \{([^}]*)/))![1]!.replace('#', `{${key}}`),
    )
    .replace(/\{(\w+)\}/g, (match, key: string) => {
      const value = values[key] ?? match;
      return typeof value == 'string'
        ? value
        : key == 'percent'
          ? (value / 100).toLocaleString(lang, { style: 'percent' })
          : value.toLocaleString(lang);
    });
}

/**
 * `1536000` → `1.5 MB` (decimal units, as file managers show them), written for `lang` (`1,5 MB`
 * in German, `1,5 Mo` in French) by `Intl.NumberFormat`.
 * @param lang BCP 47 tag; default `en`
 */
export function formatBytes(bytes: number, lang = 'en'): string {
  const [unit, size] = bytes >= 1e9 ? ['giga', 1e9] : bytes >= 1e6 ? ['mega', 1e6] : ['kilo', 1e3];
  return (bytes / (size as number)).toLocaleString(lang, {
    style: 'unit',
    unit: `${unit as string}byte`,
    maximumFractionDigits: 1,
  });
}
