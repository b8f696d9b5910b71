import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseOriginalKey } from '../../contract/object-keys.js';
import {
  createTestApp,
  customLoginToken,
  requestTicket,
  TEST_HS256,
  TEST_OWNER_ID_SECRET,
} from '../test-support/test-app.js';
import { createOwnerId, readOwnerIdSecret } from './owner-id.js';

const SECRET = 'owner-id-test-secret-0123456789abcdefghijklmn';
const ISSUER = 'https://login.example.test';

/** The owner segment as issue 14 defines it, written out here from its definition. */
const reference = (secret: string, issuer: string, subject: string) =>
  createHmac('sha256', secret)
    .update(`${issuer}\u0000${subject}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');

describe('createOwnerId', () => {
  it('is base64url(HMAC-SHA-256(secret, iss NUL sub)), first 128 bits', () => {
    const ownerId = createOwnerId(SECRET);
    for (const [issuer, subject] of [
      [ISSUER, '42'],
      ['https://accounts.google.com', '110248495921238986420'],
      ['https://issuer.example', 'zoë+1@example.com'],
      [ISSUER, 'a\u0000b'],
    ] as const) {
      const owner = ownerId(issuer, subject);
      expect(owner).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(owner).toBe(reference(SECRET, issuer, subject));
    }
  });

  it('is stable for the same secret, across instances and calls', () => {
    const owner = createOwnerId(SECRET)(ISSUER, 'user-7');
    expect(createOwnerId(SECRET)(ISSUER, 'user-7')).toBe(owner);
    const ownerId = createOwnerId(SECRET);
    expect([ownerId(ISSUER, 'user-7'), ownerId(ISSUER, 'other'), ownerId(ISSUER, 'user-7')]).toEqual([
      owner,
      ownerId(ISSUER, 'other'),
      owner,
    ]);
  });

  it('changes with the secret', () => {
    const owners = new Set(
      [SECRET, `${SECRET}!`, TEST_OWNER_ID_SECRET, 'x'.repeat(32)].map((secret) =>
        createOwnerId(secret)(ISSUER, 'user-7'),
      ),
    );
    expect(owners.size).toBe(4);
  });

  it('keeps apart issuer/subject pairs that run together when concatenated plainly', () => {
    const ownerId = createOwnerId(SECRET);
    expect('https://a.example' + 'bc').toBe('https://a.exampleb' + 'c');
    expect(ownerId('https://a.example', 'bc')).not.toBe(ownerId('https://a.exampleb', 'c'));
    expect(ownerId('https://a.example/', 'x')).not.toBe(ownerId('https://a.example', '/x'));
    // The same subject at two issuers is two owners.
    expect(ownerId('https://a.example', '1')).not.toBe(ownerId('https://b.example', '1'));
  });

  it('cannot be computed from a guessable subject without the secret', () => {
    const owner = createOwnerId(SECRET)(ISSUER, '1001');
    // What the owner segment was before (an unkeyed hash), which anyone could compute for a
    // numeric `sub` and look for in shared URLs.
    const unkeyed = (text: string) => createHash('sha256').update(text).digest().subarray(0, 16);
    for (const guess of [
      unkeyed(`${ISSUER}\u00001001`),
      unkeyed(`${ISSUER}1001`),
      unkeyed('1001'),
      // An HMAC keyed with something public: the issuer, or an empty key.
      createHmac('sha256', ISSUER).update('1001').digest().subarray(0, 16),
      createHmac('sha256', '').update(`${ISSUER}\u00001001`).digest().subarray(0, 16),
    ]) {
      expect(owner).not.toBe(guess.toString('base64url'));
    }
  });
});

describe('readOwnerIdSecret', () => {
  it('returns the secret, trimmed', () => {
    expect(readOwnerIdSecret({ OWNER_ID_SECRET: ` ${SECRET}\n` })).toBe(SECRET);
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    expect(readOwnerIdSecret({ OWNER_ID_SECRET: 'é'.repeat(16) })).toBe('é'.repeat(16));
  });

  it.each([
    ['unset', {}],
    ['blank', { OWNER_ID_SECRET: ' \n' }],
    ['31 bytes', { OWNER_ID_SECRET: 'x'.repeat(31) }],
    ['31 bytes once trimmed', { OWNER_ID_SECRET: ` ${'x'.repeat(31)} ` }],
    ['the login secret', { OWNER_ID_SECRET: SECRET, AUTH_HS256_SECRET: `${SECRET}\n` }],
  ])('refuses it %s with a TypeError naming it', (_, env) => {
    expect(() => readOwnerIdSecret(env)).toThrow(TypeError);
    expect(() => readOwnerIdSecret(env)).toThrow(/OWNER_ID_SECRET/);
  });
});

describe('POST /v1/uploads', () => {
  const ownerOfTicket = async (env: Record<string, string>, sub: string) => {
    const { app } = createTestApp({ env });
    const response = await requestTicket(app, { authorization: `Bearer ${await customLoginToken(sub)}` });
    expect(response.status).toBe(201);
    const { uploads } = (await response.json()) as { uploads: { key: string }[] };
    return parseOriginalKey(uploads[0]!.key)!.owner;
  };

  it('keys uploads by the owner id of OWNER_ID_SECRET', async () => {
    const owner = await ownerOfTicket({ OWNER_ID_SECRET: SECRET }, '1001');
    expect(owner).toBe(reference(SECRET, TEST_HS256.issuer, '1001'));
    expect(await ownerOfTicket({ OWNER_ID_SECRET: SECRET }, '1001')).toBe(owner);
    expect(await ownerOfTicket({ OWNER_ID_SECRET: `${SECRET}2` }, '1001')).not.toBe(owner);
    expect(await ownerOfTicket({ OWNER_ID_SECRET: SECRET }, '1002')).not.toBe(owner);
  });
});
