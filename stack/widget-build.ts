/**
 * The script-tag page serves the widget's single-file build, `dist/image-uploader.js`: build it
 * (`npm run build`) when it is missing or older than any widget source, so `npm start` and the
 * end-to-end tests work on a fresh clone.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

/** Builds the widget unless `dist/image-uploader.js` is newer than every file under `widget/`. */
export function ensureWidgetBuild(): void {
  let built = 0;
  try {
    built = statSync(join(root, 'dist/image-uploader.js')).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newestMtime(join(root, 'widget'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
