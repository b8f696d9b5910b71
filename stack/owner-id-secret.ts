/**
 * The local signer's `OWNER_ID_SECRET`: made on the first start and kept in the data folder, so
 * a user's uploads are theirs again after a restart (the owner segment of their keys is a keyed
 * hash, signer/auth/owner-id.ts). Without a data folder, nothing is kept: each call makes a new one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The file in the data folder that holds it. */
export const OWNER_ID_SECRET_FILE = 'owner-id-secret';

export interface OwnerIdSecretOptions {
  /** Make a new one even when the folder holds one (`npm start -- --fresh`). Default false. */
  fresh?: boolean;
}

/**
 * Returns the secret kept in `{dataDirectory}/owner-id-secret` (mode 0600), writing a new one
 * (32 random bytes, base64url) there when it is missing, empty, or `fresh` is set.
 * @param dataDirectory the stack's data folder; `undefined`: a new secret, kept nowhere
 * @throws {Error} when the folder cannot be read or written (never with the secret in it).
 * @example const secret = await ownerIdSecret('.local'); // the same on every start
 */
export async function ownerIdSecret(
  dataDirectory: string | undefined,
  options: OwnerIdSecretOptions = {},
): Promise<string> {
  if (!dataDirectory) return newSecret();
  const file = join(dataDirectory, OWNER_ID_SECRET_FILE);
  if (!options.fresh) {
    const kept = (await readIfPresent(file))?.trim();
    if (kept) return kept;
  }
  const secret = newSecret();
  await mkdir(dataDirectory, { recursive: true });
  // Written whole, then renamed into place: a start cut short never leaves half a secret, which
  // would give every user a new owner segment on the next start. A partial file left by such a
  // start goes first, since `mode` applies only to a file writeFile creates.
  const partial = `${file}.partial`;
  await rm(partial, { force: true });
  await writeFile(partial, `${secret}\n`, { mode: 0o600 });
  await rename(partial, file);
  return secret;
}

const newSecret = () => randomBytes(32).toString('base64url');

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
