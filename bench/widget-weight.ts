/**
 * Benchmark 1, widget weight: what a page pays to show an uploader. Our script-tag build as it
 * ships, and our ES build, Uppy (core + Dashboard + AWS S3), FilePond (+ image preview), Uploadcare
 * File Uploader and a bare LitElement, each bundled by esbuild from an entry written as their docs
 * tell a bundler user, JS and CSS minified; sizes min, gzip (level 9) and brotli (quality 11).
 *
 *   npx tsx bench/widget-weight.ts [--smoke]
 *
 * Writes bench/results/widget-weight.json. Bytes do not depend on the machine's load.
 */
import { build, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ensureWidgetBuild, WIDGET_DIST } from '../stack/widget-build.js';
import { SIZE_BUDGET_BYTES as BUDGET } from '../widget/test-support/size-budget.js';
import { benchDir, competitorVersion, ensureCompetitors, ownVersion } from './support/competitors.js';
import { publish, round, smoke } from './support/report.js';

/** The goal: Uppy's total gzip at least this many times ours. */
const UPPY_FACTOR = 6;

const root = join(benchDir, '..');
const scriptTagBuild = join(WIDGET_DIST, 'image-uploader.js');
const esBuild = join(WIDGET_DIST, 'es/index.js');

interface Sizes {
  min: number;
  gzip: number;
  brotli: number;
}

interface Contestant {
  key: string;
  label: string;
  /** Packages whose code must end up in the bundle, and whose versions are reported. */
  packages: string[];
  /** The entry a user writes (bundled from bench/, so imports resolve to bench/node_modules)… */
  entry?: string;
  /** …or a file measured as it ships. */
  file?: string;
  /** Whether the contestant ships a stylesheet of its own (the others style inside their JS). */
  css: boolean;
  note: string;
}

const CONTESTANTS: Contestant[] = [
  {
    key: 'ours-script-tag',
    label: 'image-uploader, script-tag build',
    packages: [],
    file: scriptTagBuild,
    css: false,
    note: 'widget/dist/image-uploader.js as `npm run build` ships it (Vite, IIFE, Lit inside, template whitespace collapsed); its styles are in the JS (shadow DOM).',
  },
  {
    key: 'ours-es',
    label: 'image-uploader, ES build + Lit',
    packages: ['lit'],
    entry: `import { ImageUploader } from ${JSON.stringify(esBuild)};
document.body.append(new ImageUploader());`,
    css: false,
    note: "widget/dist/es/index.js (the package's `import` entry, Lit external) bundled with Lit, as a bundler user gets it; styles in the JS.",
  },
  {
    key: 'uppy',
    label: 'Uppy (core + Dashboard + AWS S3)',
    packages: ['@uppy/core', '@uppy/dashboard', '@uppy/aws-s3'],
    entry: `import Uppy from '@uppy/core';
import Dashboard from '@uppy/dashboard';
import AwsS3 from '@uppy/aws-s3';
import '@uppy/core/css/style.min.css';
import '@uppy/dashboard/css/style.min.css';
new Uppy().use(Dashboard, { inline: true, target: '#uploader' }).use(AwsS3, { endpoint: '/' });`,
    css: true,
    note: "new Uppy().use(Dashboard, { inline: true }).use(AwsS3, { endpoint }) + @uppy/core/css/style.min.css + @uppy/dashboard/css/style.min.css (v6's export paths).",
  },
  {
    key: 'filepond',
    label: 'FilePond (+ image preview)',
    packages: ['filepond', 'filepond-plugin-image-preview'],
    entry: `import * as FilePond from 'filepond';
import FilePondPluginImagePreview from 'filepond-plugin-image-preview';
import 'filepond/dist/filepond.min.css';
import 'filepond-plugin-image-preview/dist/filepond-plugin-image-preview.css';
FilePond.registerPlugin(FilePondPluginImagePreview);
const input = document.createElement('input');
input.type = 'file';
document.body.append(input);
FilePond.create(input, { server: '/' });`,
    css: true,
    note: 'FilePond.registerPlugin(FilePondPluginImagePreview); FilePond.create(input) + filepond.min.css + filepond-plugin-image-preview.css.',
  },
  {
    key: 'uploadcare',
    label: 'Uploadcare File Uploader (regular)',
    packages: ['@uploadcare/file-uploader'],
    entry: `import * as UC from '@uploadcare/file-uploader';
import '@uploadcare/file-uploader/web/uc-file-uploader-regular.min.css';
UC.defineComponents(UC);
document.body.insertAdjacentHTML(
  'beforeend',
  '<uc-config ctx-name="u" pubkey="demopublickey"></uc-config><uc-file-uploader-regular ctx-name="u"></uc-file-uploader-regular>',
);`,
    css: true,
    note: "The README's npm recipe: import * as UC; UC.defineComponents(UC) (registers every block, so nothing shakes off) + web/uc-file-uploader-regular.min.css, the regular solution's stylesheet.",
  },
  {
    key: 'lit',
    label: 'Lit alone (one LitElement)',
    packages: ['lit'],
    entry: `import { LitElement, css, html } from 'lit';
class HelloLit extends LitElement {
  static properties = { name: {} };
  static styles = css\`:host { display: block; }\`;
  render() {
    return html\`<p>Hello, \${this.name}</p>\`;
  }
}
customElements.define('hello-lit', HelloLit);
document.body.append(new HelloLit());`,
    css: false,
    note: 'A minimal LitElement with a property, styles and a template: the floor every Lit component pays.',
  },
];

/** The same for every contestant; `outdir` only names the outputs (nothing is written). */
const OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  write: false,
  outdir: join(benchDir, 'widget-weight-out'),
  metafile: true,
  logLevel: 'silent',
} satisfies BuildOptions;

function sizes(bytes: Uint8Array): Sizes {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const ZERO: Sizes = { min: 0, gzip: 0, brotli: 0 };
const add = (a: Sizes, b: Sizes): Sizes => ({
  min: a.min + b.min,
  gzip: a.gzip + b.gzip,
  brotli: a.brotli + b.brotli,
});

interface Measured {
  js: Sizes;
  css: Sizes;
  /** JS + CSS, each compressed on its own (they are two requests). */
  total: Sizes;
  warnings: string[];
}

/** Bundles a contestant's entry (or reads its shipped file) and measures its JS and CSS. */
async function measure(contestant: Contestant): Promise<Measured> {
  if (contestant.file) {
    const js = sizes(readFileSync(contestant.file));
    return { js, css: ZERO, total: js, warnings: [] };
  }
  const result = await build({
    ...OPTIONS,
    stdin: {
      contents: contestant.entry!,
      resolveDir: benchDir,
      sourcefile: `${contestant.key}.js`,
      loader: 'js',
    },
  });
  const output = (extension: string) => result.outputFiles.find((file) => file.path.endsWith(extension));
  const jsFile = output('.js');
  const cssFile = output('.css');
  // Sanity checks: the bundle holds what the entry imports, and nothing was shaken to nothing.
  if (!jsFile || jsFile.contents.length < 4096) {
    throw new Error(`${contestant.key}: JS bundle missing or trivially small`);
  }
  if (contestant.css !== Boolean(cssFile) || (cssFile && cssFile.contents.length < 1024)) {
    throw new Error(`${contestant.key}: expected ${contestant.css ? 'a' : 'no'} stylesheet`);
  }
  const inputs = Object.keys(result.metafile.inputs);
  for (const name of contestant.packages) {
    if (!inputs.some((input) => input.includes(`node_modules/${name}/`))) {
      throw new Error(`${contestant.key}: ${name} is not in the bundle`);
    }
  }
  const js = sizes(jsFile.contents);
  const css = cssFile ? sizes(cssFile.contents) : ZERO;
  const warnings = result.warnings.map((w) => `${w.location?.file ?? ''}: ${w.text}`);
  return { js, css, total: add(js, css), warnings };
}

const kb = (bytes: number) => round(bytes / 1024, 1);

ensureCompetitors();
// Smoke runs take dist/ as it is when it exists; full runs rebuild it when a widget source is newer.
if (!smoke || !existsSync(scriptTagBuild) || !existsSync(esBuild)) ensureWidgetBuild();

const measured: Record<string, Measured> = {};
for (const contestant of CONTESTANTS) {
  measured[contestant.key] = await measure(contestant);
  for (const warning of measured[contestant.key]!.warnings) {
    console.warn(`${contestant.key}: esbuild warning ${warning}`);
  }
}

const ours = measured['ours-script-tag']!.total;
const uppy = measured['uppy']!.total;
const uppyFactor = uppy.gzip / ours.gzip;
const ownPackage = JSON.parse(readFileSync(join(root, 'widget/package.json'), 'utf8')) as { version: string };

await publish({
  name: 'widget-weight',
  title: '1. Widget weight',
  columns: [
    'contestant',
    'JS min',
    'JS gzip',
    'CSS min',
    'CSS gzip',
    'total min',
    'total gzip',
    'total brotli',
    '× ours (gzip)',
  ],
  rows: CONTESTANTS.map(({ key, label }) => {
    const { js, css, total } = measured[key]!;
    return [
      label,
      kb(js.min),
      kb(js.gzip),
      kb(css.min),
      kb(css.gzip),
      kb(total.min),
      kb(total.gzip),
      kb(total.brotli),
      round(total.gzip / ours.gzip, 1),
    ];
  }),
  goals: [
    {
      goal: `ours ≤ 16 KB gzip (script-tag build, ${BUDGET} B)`,
      measured: `${kb(ours.gzip)} KB (${ours.gzip} B)`,
      met: ours.gzip <= BUDGET,
    },
    {
      goal: `ours ≥ ${UPPY_FACTOR}× smaller than Uppy (total gzip)`,
      measured: `${round(uppyFactor, 1)}× (Uppy ${kb(uppy.gzip)} KB / ours ${kb(ours.gzip)} KB)`,
      met: uppyFactor >= UPPY_FACTOR,
    },
  ],
  notes: [
    'Sizes in KB (1 KB = 1,024 B). gzip is zlib level 9, brotli quality 11; total = JS + CSS, each compressed on its own (two requests).',
    `Each entry bundled by esbuild ${esbuildVersion}: bundle, minify, format esm, target es2022, platform browser, default legal comments (eof), CSS imported from the entry and minified into its own file; packages resolved from bench/node_modules.`,
    'CSS 0 means the contestant ships no stylesheet: its styles are inside its JS.',
    ...CONTESTANTS.map((contestant) => `${contestant.label}: ${contestant.note}`),
  ],
  data: {
    esbuild: esbuildVersion,
    options: { bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser' },
    budgetBytes: BUDGET,
    uppyFactor: round(uppyFactor, 2),
    contestants: Object.fromEntries(
      CONTESTANTS.map((contestant) => {
        const { warnings, ...bytes } = measured[contestant.key]!;
        const versions = Object.fromEntries(
          contestant.packages.map((name) => [
            name,
            contestant.key.startsWith('ours') ? ownVersion(name) : competitorVersion(name),
          ]),
        );
        if (contestant.key.startsWith('ours')) versions['image-uploader-element'] = ownPackage.version;
        return [
          contestant.key,
          {
            label: contestant.label,
            versions,
            entry: contestant.entry ?? contestant.file,
            ...bytes,
            warnings,
          },
        ];
      }),
    ),
  },
});
