/** Turns the `:id` of a route into the caller's own original key, or refuses with 404. */
import type { Context } from 'hono';
import { originalKey, parseImageId } from '../../contract/object-keys.js';
import type { AuthVariables } from '../auth/bearer-auth.js';
import { SignerError } from '../signer-error.js';

/**
 * The key is always rebuilt from the caller's own owner segment, so an id can never reach
 * another user's objects; a malformed id is answered like a missing one.
 */
export function ownedOriginalKey(c: Context<{ Variables: AuthVariables }>): string {
  const id = c.req.param('id') ?? '';
  if (!parseImageId(id)) throw new SignerError('ERR_NOT_FOUND', 404, 'No such image');
  return originalKey(c.get('caller').owner, id);
}
