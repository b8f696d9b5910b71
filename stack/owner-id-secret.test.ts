import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreateUploadsResponse, SinglePutTicket } from '../contract/api.js';
import { parseOriginalKey } from '../contract/object-keys.js';
import { readOwnerIdSecret } from '../signer/auth/owner-id.js';
import { freePort } from './free-port.js';
import { OWNER_ID_SECRET_FILE, ownerIdSecret } from './owner-id-secret.js';
import { startStack } from './start-stack.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'image-uploader-owner-secret-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

/** 32 random bytes in base64url: 43 characters. */
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

describe('ownerIdSecret', () => {
  it('makes a new secret for every call without a data folder, one the signer accepts', async () => {
    const [a, b] = await Promise.all([ownerIdSecret(undefined), ownerIdSecret(undefined)]);
    expect(a).toMatch(SHAPE);
    expect(b).not.toBe(a);
    expect(readOwnerIdSecret({ OWNER_ID_SECRET: a })).toBe(a);
  });

  it('keeps the first one in {dataDirectory}/owner-id-secret, readable by its owner only', async () => {
    const folder = join(directory, 'not-yet');
    const first = await ownerIdSecret(folder);
    expect(first).toMatch(SHAPE);
    const file = join(folder, OWNER_ID_SECRET_FILE);
    expect(await readFile(file, 'utf8')).toBe(`${first}\n`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await ownerIdSecret(folder)).toBe(first);
    expect(await ownerIdSecret(folder, { fresh: false })).toBe(first);
  });

  it('replaces it when fresh, and when the file is empty', async () => {
    const first = await ownerIdSecret(directory);
    const fresh = await ownerIdSecret(directory, { fresh: true });
    expect(fresh).toMatch(SHAPE);
    expect(fresh).not.toBe(first);
    expect(await ownerIdSecret(directory)).toBe(fresh);
    await writeFile(join(directory, OWNER_ID_SECRET_FILE), '\n');
    const remade = await ownerIdSecret(directory);
    expect(remade).toMatch(SHAPE);
    expect(remade).not.toBe(fresh);
  });

  it('writes its file with mode 0600 even over a partial file a cut-short start left', async () => {
    await writeFile(join(directory, `${OWNER_ID_SECRET_FILE}.partial`), 'half', { mode: 0o644 });
    await ownerIdSecret(directory);
    expect((await stat(join(directory, OWNER_ID_SECRET_FILE))).mode & 0o777).toBe(0o600);
  });
});

describe('startStack', () => {
  it('keeps a user’s owner id across restarts on the same data folder; --fresh gives a new one', async () => {
    // The issuer names its port, and the owner id its issuer: a restart keeps them, as npm start does.
    const ports = { s3: await freePort(), idp: await freePort(), signer: await freePort() };
    const ownerOnce = async (fresh = false) => {
      const stack = await startStack({
        backend: 's3rver',
        log: () => {},
        thumbnails: false,
        ports,
        dataDirectory: directory,
        fresh,
      });
      try {
        const response = await fetch(`${stack.signerUrl}/v1/uploads`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await stack.login('erin')}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ files: [{ name: 'a.png', type: 'image/png', size: 4 }] }),
        });
        const ticket = ((await response.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
        return parseOriginalKey(ticket.key)!.owner;
      } finally {
        await stack.close();
      }
    };
    const first = await ownerOnce();
    const kept = await readFile(join(directory, OWNER_ID_SECRET_FILE), 'utf8');
    expect(await ownerOnce()).toBe(first);
    const afterFresh = await ownerOnce(true);
    expect(afterFresh).not.toBe(first);
    expect(await readFile(join(directory, OWNER_ID_SECRET_FILE), 'utf8')).not.toBe(kept);
  });
});
