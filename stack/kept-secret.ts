/**
 * A secret the local stack keeps in its data folder across restarts (the signer's
 * `OWNER_ID_SECRET`, the webhook secret): read from its file when there is one, else made and
 * written there. Without a data folder, nothing is kept: each call makes a new one.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Options of {@link keptSecret}. */
export interface KeptSecretOptions {
  /** Makes a new secret. */
  make: () => string;
  /**
   * The secret a kept file's text holds, or `undefined` to make a new one. May throw for a
   * malformed one. Default: the text, trimmed (`undefined` when empty).
   */
  read?: (text: string, file: string) => string | undefined;
  /** Make a new one even when the file holds one. Default false. */
  fresh?: boolean;
}

/**
 * Returns the secret kept in `{dataDirectory}/{fileName}` (mode 0600), writing a new one there when
 * it is missing, `read` finds none, or `fresh` is set.
 * @param dataDirectory the stack's data folder; `undefined`: a new secret, kept nowhere
 * @throws {Error} when the folder cannot be read or written (never with the secret in it), or what
 *   `read` throws
 */
export async function keptSecret(
  dataDirectory: string | undefined,
  fileName: string,
  options: KeptSecretOptions,
): Promise<string> {
  if (!dataDirectory) return options.make();
  const file = join(dataDirectory, fileName);
  if (!options.fresh) {
    const text = await readIfPresent(file);
    const read = options.read ?? ((value: string) => value.trim() || undefined);
    const kept = text === undefined ? undefined : read(text, file);
    if (kept) return kept;
  }
  const secret = options.make();
  await mkdir(dataDirectory, { recursive: true });
  // Written whole, then renamed into place: a start cut short never leaves half a secret. A
  // partial file left by such a start goes first, since `mode` applies only to a file writeFile
  // creates.
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  await writeFile(partial, `${secret}\n`, { mode: 0o600 });
  await rename(partial, file);
  return secret;
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
