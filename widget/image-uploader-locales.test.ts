import { executeServerCommand } from '@web/test-runner-commands';
import { atLeast, atMost, deepEqual, equal, ok } from './test-support/assert.js';
import { afterEach, describe, it } from './test-support/mocha.js';
import { makeJpeg, mount, stackInfo, waitFor } from './test-support/stack.js';
import { en } from './i18n/en.js';
import { enEditor } from './editor/editor-strings.js';
import { enInterrupted } from './interrupted-list.js';
import { format, formatBytes } from './i18n/intl-format.js';
import { locales } from './i18n/locales.js';
import type { UploaderStrings } from './i18n/strings.js';
import { translations } from './i18n/translations.js';
import type { ImageUploader } from './image-uploader.js';
import './image-uploader.js';

const RIGHT_TO_LEFT = ['ar', 'fa', 'he'];
const text = (element: ImageUploader) => element.shadowRoot!.textContent!.replace(/\s+/g, ' ');
/** Plain spaces for the no-break ones `Intl` writes (U+00A0, U+202F, by language and ICU version). */
const spaced = (text: string) => text.replace(/\s/g, ' ');
const refused = (name = 'notes.txt') => new File(['text'], name, { type: 'text/plain', lastModified: 1 });

/**
 * Every text of a strings object by its path (`errors.ERR_NETWORK`), each as the set of its
 * placeholders and, for an ICU plural, its categories: `{max, plural, one {# file} other {…}}`
 * has the placeholder `max` (its `#`) and the categories `one`, `other`.
 */
function shape(strings: object, prefix = ''): Map<string, { placeholders: string[]; categories?: string[] }> {
  const texts = new Map<string, { placeholders: string[]; categories?: string[] }>();
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix + key;
    if (typeof value === 'object') {
      for (const entry of shape(value as object, `${path}.`)) texts.set(...entry);
      continue;
    }
    const template = value as string;
    const plural = /^(.*)\{(\w+), plural,((?: \w+ \{[^{}]*\})+)\}(.*)$/.exec(template);
    const forms = plural ? [...plural[3]!.matchAll(/ (\w+) \{([^{}]*)\}/g)] : [];
    const plain = plural ? `${plural[1]}${forms.map(([, , form]) => form).join(' ')}${plural[4]}` : template;
    const names = [...plain.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);
    if (plural && forms.some(([, , form]) => form!.includes('#'))) names.push(plural[2]!);
    ok(!/[{}]/.test(plain.replace(/\{\w+\}/g, '')), `${path}: a stray brace in ${JSON.stringify(template)}`);
    texts.set(path, {
      placeholders: [...new Set(names)].sort(),
      ...(plural && { categories: forms.map(([, category]) => category!).sort() }),
    });
  }
  return texts;
}

/**
 * Every English text: the script's (i18n/en.ts) and those that live in the chunks that use them
 * (the interrupted-uploads list's in the resume chunk, the editor's in the editor chunk).
 */
const allEnglish: UploaderStrings = { ...en, ...enInterrupted, editor: enEditor };

/** Fails with every difference between `strings` (for the language `tag`) and English. */
function checkAgainstEnglish(tag: string, strings: UploaderStrings): void {
  const english = shape(allEnglish);
  const translated = shape(strings);
  const problems: string[] = [];
  const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories.slice().sort();
  for (const path of new Set([...english.keys(), ...translated.keys()])) {
    const want = english.get(path);
    const have = translated.get(path);
    if (!have) problems.push(`${path} is missing`);
    else if (!want) problems.push(`${path} is not a key of English`);
    else {
      if (have.placeholders.join() !== want.placeholders.join())
        problems.push(
          `${path} has {${have.placeholders.join('}, {')}}, English {${want.placeholders.join('}, {')}}`,
        );
      if (Boolean(have.categories) !== Boolean(want.categories))
        problems.push(`${path} is ${have.categories ? '' : 'not '}a plural, unlike English`);
      else if (have.categories && have.categories.join() !== categories.join())
        problems.push(
          `${path} has the plural forms ${have.categories.join()}, ${tag} has ${categories.join()}`,
        );
    }
  }
  deepEqual(problems, [], `${tag}:\n  ${problems.join('\n  ')}`);
}

describe('<image-uploader> languages', () => {
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.removeAttribute('lang');
  });

  describe('the locale modules', () => {
    it('are at least 30, each listed in the package exports', async () => {
      const tags = Object.keys(locales);
      ok(tags.length >= 30, `${tags.length} languages`);
      const manifest = (await (await fetch('/widget/package.json')).json()) as {
        exports: Record<string, { default: string }>;
      };
      const exported = Object.keys(manifest.exports).filter((name) => name.startsWith('./i18n/'));
      deepEqual(exported, tags.map((tag) => `./i18n/${tag}`).sort(), 'package.json exports ./i18n/<tag>');
    });

    it('have every key, placeholder and plural form of English, and no other', async () => {
      checkAgainstEnglish('en', allEnglish);
      for (const [tag, load] of Object.entries(locales)) checkAgainstEnglish(tag, (await load()).default);
    });

    it('are told apart from a text that lost a placeholder, a key or a plural form', () => {
      const broken = (change: (strings: UploaderStrings) => void) => {
        const strings = structuredClone(allEnglish);
        change(strings);
        try {
          checkAgainstEnglish('en', strings);
        } catch {
          return true;
        }
        return false;
      };
      ok(
        broken((s) => (s.cancel = 'Cancel')),
        'a lost {name}',
      );
      ok(
        broken((s) => (s.cancel = 'Cancel {name} {size}')),
        'an extra {size}',
      );
      ok(
        broken((s) => delete s.errors.ERR_NETWORK),
        'a missing key',
      );
      ok(
        broken((s) => ((s as unknown as Record<string, string>).extra = 'x')),
        'an extra key',
      );
      ok(
        broken((s) => (s.errors.ERR_TOO_MANY_FILES = '{max, plural, other {# files}}')),
        'a lost "one"',
      );
      ok(
        broken((s) => (s.errors.ERR_TOO_MANY_FILES = 'At most {max} files.')),
        'not a plural',
      );
    });
  });

  describe('loading', () => {
    it('loads each language by itself when lang asks for it, and shows its strings', async function () {
      this.timeout(60_000);
      for (const [tag, load] of Object.entries(locales)) {
        const { default: strings } = await load();
        // Mixed case, as pages write it (`pt-BR`); the element looks it up in lowercase.
        const lang = tag.replace(/-(\w+)$/, (subtag) => subtag.toUpperCase());
        const element = await mount({ lang });
        const shown = () => text(element).includes(strings.choose) && text(element).includes(strings.hint);
        await waitFor(shown, 5000, `${tag}: "${strings.choose}", "${strings.hint}"`);
        equal(translations[tag]?.lang, tag, `${tag} is registered`);
        equal(getComputedStyle(element).direction, RIGHT_TO_LEFT.includes(tag) ? 'rtl' : 'ltr', tag);
        element.remove();
      }
    });

    it("follows the document's lang, takes the primary subtag, and stays English for others", async () => {
      document.documentElement.lang = 'sv-FI';
      const swedish = await mount();
      await waitFor(() => text(swedish).includes('Välj bilder'), 5000, 'Swedish from <html lang="sv-FI">');
      const unknown = await mount({ lang: 'x-klingon' });
      let renders = 0;
      const update = unknown.requestUpdate.bind(unknown);
      unknown.requestUpdate = (...args: Parameters<ImageUploader['requestUpdate']>) => (
        renders++,
        update(...args)
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      ok(text(unknown).includes(en.choose), 'English');
      ok(renders <= 5, `${renders} renders: a language that cannot load does not loop`);
    });

    it('writes plurals, numbers and sizes for the language', async () => {
      const polish = await mount({ lang: 'pl', multiple: true, 'max-files': '2' });
      const german = await mount({ lang: 'de', 'max-size': '1500' });
      const english = await mount();
      await waitFor(() => translations.pl && translations.de, 5000, 'Polish and German');
      polish.addFiles([await makeJpeg(), await makeJpeg(), await makeJpeg()]);
      german.addFiles([new File([new Uint8Array(2000)], 'big.jpg', { type: 'image/jpeg' })]);
      english.addFiles([await makeJpeg(), await makeJpeg()]);
      await waitFor(() => text(polish).includes('Najwyżej 2 pliki.'), 5000, 'Polish "few"');
      ok(text(german).includes('größer als 1,5 kB'), text(german));
      ok(text(english).includes('At most 1 file.'), text(english));
      equal(spaced(format('{percent}', { percent: 42 }, 'de')), '42 %');
      equal(format('{percent}', { percent: 42 }, 'en'), '42%');
      equal(format('{max, plural, one {# file} other {# files}}', { max: 1 }, 'en'), '1 file');
      equal(format('{max, plural, one {# file} other {# files}}', { max: 1200 }, 'en'), '1,200 files');
      equal(format('{max, plural, one {# x} other {# y}}', { max: 3 }, 'pl'), '3 y', 'a missing form: other');
      equal(spaced(formatBytes(13_100_000, 'fr')), '13,1 Mo');
      equal(formatBytes(2000, 'en'), '2 kB');
    });
  });

  describe('right to left', () => {
    /** The boxes of the element's fixed-width parts, relative to the element. */
    async function boxes(lang: string): Promise<Record<string, DOMRect>> {
      const element = await mount({ lang, multiple: true });
      element.style.width = '400px';
      element.addFiles([refused(), refused('other.txt')]);
      await waitFor(() => translations[lang] || lang === 'en', 5000, lang);
      await element.updateComplete;
      const host = element.getBoundingClientRect();
      const parts: Record<string, DOMRect> = {};
      for (const part of ['drop-zone', 'item', 'preview', 'button']) {
        const box = element.shadowRoot!.querySelector(`[part~="${part}"]`)!.getBoundingClientRect();
        parts[part] = new DOMRect(box.x - host.x, box.y - host.y, box.width, box.height);
      }
      element.remove();
      return parts;
    }

    it('lays out Arabic, Hebrew and Persian mirrored: each box where the left-to-right one is, reflected', async () => {
      const ltr = await boxes('en');
      ok(ltr.preview!.x < ltr.button!.x, 'left to right: the preview left of the button');
      for (const lang of RIGHT_TO_LEFT) {
        const rtl = await boxes(lang);
        for (const [part, box] of Object.entries(ltr)) {
          const mirrored = rtl[part]!;
          const where = `${lang} ${part}: ${JSON.stringify(mirrored)} against ${JSON.stringify(box)}`;
          ok(Math.abs(mirrored.x - (400 - box.x - box.width)) <= 1, where);
          ok(Math.abs(mirrored.width - box.width) <= 1, where);
        }
      }
    });

    /**
     * A screenshot of the element, 400 px wide with two refused files, as `ImageData`; also written
     * to `.local/screenshots/<name>.png`. With `hide`, its texts are transparent and its previews'
     * boxes black: only its boxes, borders, bars and the gaps between them are left. (And the drop
     * zone's dashed border solid: Chromium starts the dashes at the same corner either way.)
     */
    async function screenshot(lang: string, name: string, hide: boolean): Promise<ImageData> {
      const style = document.createElement('style');
      style.textContent = `image-uploader::part(label), image-uploader::part(hint), image-uploader::part(name),
        image-uploader::part(status), image-uploader::part(button) { color: transparent; }
        image-uploader::part(preview) { background: black; }
        image-uploader::part(drop-zone) { border-style: solid; }`;
      if (hide) document.head.append(style);
      const element = await mount({ lang, multiple: true });
      // English texts for the comparison, so that both sides wrap alike: only the direction differs.
      if (hide) element.strings = en;
      element.style.width = '400px';
      element.addFiles([refused(), refused('other.txt')]);
      await waitFor(() => hide || translations[lang] || lang === 'en', 5000, lang);
      await element.updateComplete;
      await new Promise(requestAnimationFrame);
      const { x, y, width, height } = element.getBoundingClientRect();
      const png = await executeServerCommand<string, object>('screenshot', {
        clip: { x, y, width, height },
        name,
      });
      element.remove();
      style.remove();
      const bytes = Uint8Array.from(atob(png!), (char) => char.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      return context.getImageData(0, 0, bitmap.width, bitmap.height);
    }

    /** The share of pixels of `a` that differ from `b`'s (left to right mirrored, with `mirror`). */
    function difference(a: ImageData, b: ImageData, mirror: boolean): number {
      deepEqual([a.width, a.height], [b.width, b.height], 'the same size');
      let differing = 0;
      for (let y = 0; y < a.height; y++)
        for (let x = 0; x < a.width; x++) {
          const i = (y * a.width + x) * 4;
          const j = (y * a.width + (mirror ? a.width - 1 - x : x)) * 4;
          const channels = [0, 1, 2].map((c) => Math.abs(a.data[i + c]! - b.data[j + c]!));
          if (Math.max(...channels) > 48) differing++;
        }
      return differing / (a.width * a.height);
    }

    it('screenshots Arabic, Hebrew and Persian as the mirror image of English', async () => {
      // For a person to look at: each language with its own texts (.local/screenshots/).
      for (const lang of ['en', ...RIGHT_TO_LEFT]) await screenshot(lang, `rtl-${lang}`, false);
      const english = await screenshot('en', 'rtl-en-boxes', true);
      for (const lang of RIGHT_TO_LEFT) {
        const mirrored = await screenshot(lang, `rtl-${lang}-boxes`, true);
        // Not symmetric by itself: unmirrored, they differ (the preview box, the buttons).
        const plain = difference(english, mirrored, false);
        atLeast(plain, 0.01, `${lang}: ${plain} of the pixels differ from English unmirrored`);
        const left = difference(english, mirrored, true);
        atMost(left, 0.002, `${lang}: ${left} of the pixels differ from English mirrored`);
      }
    });

    it('the script-tag build in English fetches nothing but itself, and writes English plurals', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><html lang="en-GB"><body>
        <script src="/widget/dist/image-uploader.js"></script>
        <image-uploader multiple max-files="1"></image-uploader></body></html>`;
      document.body.append(frame);
      await waitFor(
        () => frame.contentDocument?.querySelector('image-uploader')?.shadowRoot,
        10_000,
        'element',
      );
      const element = frame.contentDocument!.querySelector('image-uploader') as ImageUploader;
      element.endpoint = (await stackInfo()).endpoint;
      element.addFiles([await makeJpeg(), await makeJpeg()]);
      await waitFor(() => text(element).includes('At most 1 file.'), 5000, text(element));
      element.maxFiles = 2;
      element.addFiles([await makeJpeg(), await makeJpeg(), await makeJpeg()]);
      await waitFor(() => text(element).includes('At most 2 files.'), 5000, text(element));
      const loaded = frame.contentWindow!.performance.getEntriesByType('resource').map(({ name }) => name);
      ok(!loaded.some((name) => name.includes('/i18n/')), loaded.join());
    });

    it('the script-tag build loads a language from beside its script, and the Intl formatter', async () => {
      const frame = document.createElement('iframe');
      frame.srcdoc = `<!doctype html><html lang="ja"><body>
        <script src="/widget/dist/image-uploader.js"></script>
        <image-uploader multiple max-files="1"></image-uploader></body></html>`;
      document.body.append(frame);
      await waitFor(
        () =>
          frame.contentDocument
            ?.querySelector('image-uploader')
            ?.shadowRoot?.textContent?.includes('画像を選択'),
        10_000,
        'Japanese',
      );
      const element = frame.contentDocument!.querySelector('image-uploader') as ImageUploader;
      element.endpoint = (await stackInfo()).endpoint;
      element.addFiles([await makeJpeg(), await makeJpeg()]);
      await waitFor(() => text(element).includes('ファイルは 1 個までです。'), 5000, text(element));
      const loaded = frame.contentWindow!.performance.getEntriesByType('resource').map(({ name }) => name);
      ok(
        loaded.some((name) => name.endsWith('/widget/dist/i18n/ja.js')),
        loaded.join(),
      );
      ok(
        loaded.some((name) => name.endsWith('/widget/dist/i18n/intl.js')),
        loaded.join(),
      );
    });
  });
});
