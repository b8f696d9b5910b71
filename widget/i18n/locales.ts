import type { UploaderStrings } from './strings.js';

/**
 * Every language shipped besides English (built in), by lowercase BCP 47 tag, each a module of its
 * own that is imported the first time an element's `lang` asks for it (i18n/load-locale.ts). The
 * package exports each as `image-uploader-element/i18n/<tag>` and, for the script-tag build, as
 * `dist/i18n/<tag>.js`; widget/image-uploader-locales.test.ts checks that the lists agree.
 */
export const locales: Record<string, () => Promise<{ default: UploaderStrings }>> = {
  ar: () => import('./ar.js'),
  bg: () => import('./bg.js'),
  ca: () => import('./ca.js'),
  cs: () => import('./cs.js'),
  da: () => import('./da.js'),
  de: () => import('./de.js'),
  el: () => import('./el.js'),
  es: () => import('./es.js'),
  et: () => import('./et.js'),
  fa: () => import('./fa.js'),
  fi: () => import('./fi.js'),
  fr: () => import('./fr.js'),
  he: () => import('./he.js'),
  hi: () => import('./hi.js'),
  hr: () => import('./hr.js'),
  hu: () => import('./hu.js'),
  id: () => import('./id.js'),
  it: () => import('./it.js'),
  ja: () => import('./ja.js'),
  ko: () => import('./ko.js'),
  lt: () => import('./lt.js'),
  lv: () => import('./lv.js'),
  nb: () => import('./nb.js'),
  nl: () => import('./nl.js'),
  pl: () => import('./pl.js'),
  pt: () => import('./pt.js'),
  'pt-br': () => import('./pt-br.js'),
  ro: () => import('./ro.js'),
  ru: () => import('./ru.js'),
  sk: () => import('./sk.js'),
  sl: () => import('./sl.js'),
  sr: () => import('./sr.js'),
  sv: () => import('./sv.js'),
  th: () => import('./th.js'),
  tr: () => import('./tr.js'),
  uk: () => import('./uk.js'),
  vi: () => import('./vi.js'),
  'zh-cn': () => import('./zh-cn.js'),
  'zh-tw': () => import('./zh-tw.js'),
};
