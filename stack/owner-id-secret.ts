/**
 * The local signer's `OWNER_ID_SECRET`: made on the first start and kept in the data folder, so
 * a user's uploads are theirs again after a restart (the owner segment of their keys is a keyed
 * hash, signer/auth/owner-id.ts). Without a data folder, nothing is kept: each call makes a new one.
 */
import { randomBytes } from 'node:crypto';
import { keptSecret } from './kept-secret.js';

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
export function ownerIdSecret(
  dataDirectory: string | undefined,
  options: OwnerIdSecretOptions = {},
): Promise<string> {
  // A half-written secret would give every user a new owner segment on the next start: keptSecret
  // writes it whole.
  return keptSecret(dataDirectory, OWNER_ID_SECRET_FILE, {
    make: () => randomBytes(32).toString('base64url'),
    fresh: options.fresh ?? false,
  });
}
