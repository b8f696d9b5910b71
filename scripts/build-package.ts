/**
 * Builds the workspace package in the current folder from the `exports` of its package.json, so
 * the entries are listed once: each entry's `image-uploader-source` condition names its TypeScript
 * source, `default` the JavaScript built from it and `types` its declarations.
 *
 *   tsx ../scripts/build-package.ts               # JavaScript (Node, ES modules) and declarations
 *   tsx ../scripts/build-package.ts --types-only  # declarations only (the element: Vite builds its JS)
 *
 * JavaScript: one ES module per entry, shared code in chunks, `node:` modules and every package
 * left as imports (they are the package's `dependencies`); code from `contract/` and other
 * relative imports is bundled in, so a package never imports another part's files.
 * Declarations: one `.d.ts` per entry (rolldown-plugin-dts), holding only the types reachable
 * from the entry, so a user's type check never meets a module the package does not install.
 * The `bin` file gets a `#!/usr/bin/env node` line.
 */
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { build } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';
import { SOURCE_CONDITION } from '../stack/widget-build.js';

interface ExportEntry {
  [SOURCE_CONDITION]?: string;
  types?: string;
  default?: string;
}

interface PackageJson {
  name: string;
  exports: Record<string, ExportEntry | string>;
  bin?: Record<string, string>;
}

const typesOnly = process.argv.includes('--types-only');
const manifest = JSON.parse(await readFile('package.json', 'utf8')) as PackageJson;
const entries = Object.values(manifest.exports).filter(
  (entry): entry is Required<ExportEntry> => typeof entry === 'object' && Boolean(entry[SOURCE_CONDITION]),
);
if (entries.length === 0)
  throw new TypeError(`${manifest.name}: no exports with a "${SOURCE_CONDITION}" source`);

/** Output name of a built file relative to its folder, without the extension: `dist/es/i18n/de.js` → `i18n/de`. */
const outputName = (file: string, dir: string) => relative(dir, file).replace(/(\.d)?\.[cm]?[jt]s$/, '');
/** The one folder every file of a kind goes to (`dist`, `dist/types`). */
function commonDir(files: string[]): string {
  const dirs = files.map((file) => dirname(file));
  return dirs.reduce((a, b) => (a.length <= b.length ? a : b));
}

const isBare = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const typesDir = commonDir(entries.map((entry) => entry.types));
const jsDir = commonDir(entries.map((entry) => entry.default));

if (!typesOnly && jsDir !== typesDir) {
  throw new TypeError(
    `${manifest.name}: "default" and "types" files must share one folder (${jsDir}, ${typesDir})`,
  );
}
await rm(typesDir, { recursive: true, force: true });
await build({
  input: Object.fromEntries(
    entries.map((entry) => [
      outputName(typesOnly ? entry.types : entry.default, typesOnly ? typesDir : jsDir),
      entry[SOURCE_CONDITION],
    ]),
  ),
  platform: 'node',
  external: isBare,
  plugins: [
    dts({
      // A package's own tsconfig.build.json (the element's leaves Node's types out), else the root's.
      tsconfig: existsSync('tsconfig.build.json') ? 'tsconfig.build.json' : '../tsconfig.json',
      compilerOptions: { noEmit: false },
      emitDtsOnly: typesOnly,
    }),
  ],
  logLevel: 'warn',
  output: {
    dir: typesOnly ? typesDir : jsDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: !typesOnly,
  },
});

for (const file of Object.values(manifest.bin ?? {})) {
  const code = await readFile(file, 'utf8');
  if (!code.startsWith('#!')) await writeFile(file, `#!/usr/bin/env node\n${code}`);
  await chmod(file, 0o755);
}
