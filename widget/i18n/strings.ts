import type { ErrorCode } from '../../contract/error-codes.js';
import type { EditorStrings } from '../editor/editor-strings.js';
import type { UploadStatus } from '../upload/uploader.js';

/**
 * Every text `<image-uploader>` shows or announces. `{name}`-style placeholders are filled in:
 * `{name}` the file name, `{percent}`, `{max}`, `{type}`; error texts may use the same; the others
 * name theirs. Numbers are written for the language (`Intl.NumberFormat`: `{percent}` as a
 * percentage, so a template holds no `%` sign), sizes arrive written (`1,5 MB`), and a text that
 * counts takes ICU plural forms chosen by `Intl.PluralRules`:
 * `{max, plural, one {At most # file} other {At most # files}}` (`#` is the number).
 * Every translation has the keys, placeholders and plural categories of English; the locale test
 * (widget/image-uploader-locales.test.ts) checks them.
 */
export interface UploaderStrings {
  /** The BCP 47 tag numbers and plurals are written for; `registerTranslation` sets it. */
  lang?: string;
  /** The drop zone button's label. */
  choose: string;
  /** Shown under it. */
  hint: string;
  files: string;
  total: string;
  cancel: string;
  remove: string;
  pause: string;
  resume: string;
  retry: string;
  /** Label of a queued file's Edit button (with `editor`); `{name}`. */
  edit: string;
  /** Label of the button that takes finished files out of the list (their keys stay the value). */
  clearFinished: string;
  /** Added to a finished file's status when it was downscaled: `{width}`, `{height}` uploaded. */
  resized: string;
  /**
   * An upload an earlier page left unfinished: `{name}`, `{size}` of the file, `{percent}` sent.
   * English, where unset, lives in the resume chunk with the list (interrupted-list.ts).
   */
  interrupted?: string;
  /** Label of the button that discards an interrupted upload; `{name}`. English as `interrupted`. */
  discard?: string;
  /** The signer answers, but not to this page (CORS): `{endpoint}`, `{origin}` of the page. */
  cors: string;
  /** Nothing answers at the signer's address: `{endpoint}`, `{origin}`. */
  unreachable: string;
  status: Record<UploadStatus, string>;
  /** Announced through the live region; `{name}`, `{percent}`. */
  announce: string;
  /** Validity message when `required` and nothing is uploaded. */
  required: string;
  /** Validity message while uploads are running. */
  busy: string;
  /**
   * The editor's texts (editor/editor-strings.ts); English, which lives in the editor chunk, where
   * unset.
   */
  editor?: EditorStrings;
  /** People-facing text per error code; codes without one show the engine's English message. */
  errors: Partial<Record<ErrorCode, string>>;
}

/** How texts are filled in: i18n/intl-format.ts, or the fallback below until that has loaded. */
export interface Formatter {
  /** Fills `{placeholders}` from `values`, numbers and plurals written for `lang` (default `en`). */
  format(template: string, values: Record<string, string | number>, lang?: string): string;
  /** `1536000` → `1.5 MB` (decimal units, as file managers show them), written for `lang`. */
  formatBytes(bytes: number, lang?: string): string;
}

/**
 * Fills `{placeholders}` from `values` (see `Formatter`), the English way: English texts use this
 * one only (translations.ts loads i18n/intl-format.ts for the other languages, and `useFormatter`
 * puts it here). Numbers as `Number#toLocaleString('en')` writes them, `{percent}` as `42%`, and a
 * plural of English's two forms (`one` for 1); other plurals stay as written until the formatter
 * has loaded.
 */
export let format: Formatter['format'] = (template, values) =>
  template
    .replace(
      /\{(\w+), plural, one \{([^}]*)\} other \{([^}]*)\}\}/,
      (_, key: string, one: string, other: string) =>
        (values[key] == 1 ? one : other).replace('#', `{${key}}`),
    )
    .replace(/\{(\w+)\}/g, (match, key: string) => {
      const value = values[key] ?? match;
      return key == 'percent' ? `${value}%` : value.toLocaleString('en');
    });

/** A size in bytes (see `Formatter`), the English way, until intl-format.ts has loaded. */
export let formatBytes: Formatter['formatBytes'] = (bytes) => {
  const unit = bytes >= 1e9 ? ['GB', 1e9] : bytes >= 1e6 ? ['MB', 1e6] : ['kB', 1e3];
  return `${+(bytes / (unit[1] as number)).toFixed(1)} ${unit[0]}`;
};

/** Makes `formatter` (i18n/intl-format.ts) fill every text from now on. */
export function useFormatter(formatter: Formatter): void {
  ({ format, formatBytes } = formatter);
}
