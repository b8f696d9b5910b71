/**
 * What createIssuerKeys() makes of the documents an issuer serves, over real HTTP: where it looks
 * for them, which it takes for a discovery document or a key set, and the Retry-After it answers
 * while a failure is remembered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignerError } from '../signer-error.js';
import { createIssuerKeys } from './issuer-keys.js';

let server: Server;
let origin: string;
let host: string;
/** The answers by request path; anything else is a 404. */
let answers: Record<string, { status?: number; body: string; delayMs?: number }>;
let requested: string[];
let jwks: string;

beforeAll(async () => {
  const { publicKey } = await generateKeyPair('RS256');
  jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] });
  server = createServer((req, res) => {
    requested.push(req.url!);
    const answer = answers[req.url!];
    setTimeout(() => {
      res.writeHead(answer?.status ?? (answer ? 200 : 404), { 'content-type': 'application/json' });
      res.end(answer?.body ?? '{}');
    }, answer?.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  answers = {};
  requested = [];
});
afterEach(() => vi.useRealTimers());

const keysWith = (failureCooldownMs?: number) =>
  createIssuerKeys({
    timeoutMs: 2000,
    cooldownMs: 30_000,
    ...(failureCooldownMs !== undefined && { failureCooldownMs }),
  });

/** The SignerError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<SignerError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignerError);
  return error as SignerError;
}

describe('createIssuerKeys(): the documents an issuer serves', () => {
  it('finds the discovery document of an issuer written with a trailing slash, then its JWKS', async () => {
    const issuer = `${origin}/tenant/`;
    answers['/tenant/.well-known/openid-configuration'] = {
      body: JSON.stringify({ issuer, jwks_uri: `${origin}/keys` }),
    };
    answers['/keys'] = { body: jwks };
    await (await keysWith()({ issuer, audience: 'a' })).reload();
    expect(requested).toEqual(['/tenant/.well-known/openid-configuration', '/keys']);
  });

  it('takes an empty key list for a key set', async () => {
    answers['/keys'] = { body: '{"keys":[]}' };
    await expect(
      (await keysWith()({ issuer: origin, audience: 'a', jwksUri: `${origin}/keys` })).reload(),
    ).resolves.toBeUndefined();
  });

  describe('refuses as ERR_ISSUER_UNAVAILABLE, naming the host', () => {
    it.each([
      ['that names another issuer', () => ({ issuer: `${origin}/other`, jwks_uri: `${origin}/keys` })],
      ['without jwks_uri', () => ({ issuer: origin })],
      ['whose jwks_uri is not a string', () => ({ issuer: origin, jwks_uri: 7 })],
      ['whose jwks_uri is not a URL', () => ({ issuer: origin, jwks_uri: 'keys.json' })],
      ['that is null', () => null],
    ])('a discovery document %s', async (_name, document) => {
      answers['/.well-known/openid-configuration'] = { body: JSON.stringify(document()) };
      answers['/keys'] = { body: jwks };
      const error = await failure(keysWith()({ issuer: origin, audience: 'a' }));
      expect(error).toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE', status: 503 });
      expect(error.message).toBe(`Could not fetch signing keys from ${host}`);
      expect(requested).toEqual(['/.well-known/openid-configuration']);
    });

    it.each([
      ['a key that is null', '{"keys":[{"kty":"RSA"},null]}'],
      ['a key that is a number', '{"keys":[1]}'],
      ['keys that are not a list', '{"keys":{"kty":"RSA"}}'],
      ['null', 'null'],
      ['no JSON', '<html>'],
    ])('a key set with %s', async (_name, body) => {
      answers['/keys'] = { body };
      const keys = await keysWith()({ issuer: origin, audience: 'a', jwksUri: `${origin}/keys` });
      const error = await failure(keys.reload());
      expect(error).toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE', status: 503 });
      expect(error.message).toBe(`Could not fetch signing keys from ${host}`);
    });

    it('an answer other than 2xx, whatever its body', async () => {
      answers['/.well-known/openid-configuration'] = {
        status: 500,
        body: JSON.stringify({ issuer: origin, jwks_uri: `${origin}/keys` }),
      };
      answers['/keys'] = { body: jwks };
      const error = await failure(keysWith()({ issuer: origin, audience: 'a' }));
      expect(error).toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE', status: 503 });
    });

    it('a discovery document slower than the timeout', async () => {
      answers['/.well-known/openid-configuration'] = {
        body: JSON.stringify({ issuer: origin, jwks_uri: `${origin}/keys` }),
        delayMs: 1500,
      };
      answers['/keys'] = { body: jwks };
      const keys = createIssuerKeys({ timeoutMs: 200, cooldownMs: 30_000 });
      const error = await failure(keys({ issuer: origin, audience: 'a' }));
      expect(error).toMatchObject({ code: 'ERR_ISSUER_UNAVAILABLE', status: 503 });
    });
  });

  describe('Retry-After', () => {
    it('is the failure cooldown in whole seconds, rounded up, then what is left of it', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const keys = keysWith(2500);
      const first = await failure(keys({ issuer: origin, audience: 'a' }));
      expect(first.headers).toEqual({ 'Retry-After': '3' });
      vi.setSystemTime(Date.now() + 1600);
      const remembered = await failure(keys({ issuer: origin, audience: 'a' }));
      expect(remembered).toMatchObject({
        code: 'ERR_ISSUER_UNAVAILABLE',
        status: 503,
        message: first.message,
      });
      expect(remembered.headers).toEqual({ 'Retry-After': '1' });
      expect(requested).toHaveLength(1);
    });

    it('counts down in whole seconds while the failure is remembered', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const keys = keysWith(5000);
      expect((await failure(keys({ issuer: origin, audience: 'a' }))).headers).toEqual({
        'Retry-After': '5',
      });
      vi.setSystemTime(Date.now() + 1000);
      expect((await failure(keys({ issuer: origin, audience: 'a' }))).headers).toEqual({
        'Retry-After': '4',
      });
    });

    it('is not reset by a failed prefetch() of an issuer already remembered as down', async () => {
      const keys = keysWith(30_000);
      await failure(keys({ issuer: origin, audience: 'a' }));
      await failure(keys.prefetch({ issuer: origin, audience: 'a' }));
      await failure(keys({ issuer: origin, audience: 'a' }));
      expect(requested).toHaveLength(1);
    });

    it('is 5 seconds when failures are not remembered', async () => {
      const error = await failure(keysWith(0)({ issuer: origin, audience: 'a' }));
      expect(error.headers).toEqual({ 'Retry-After': '5' });
    });

    it('ends with the cooldown: remembered until its last millisecond, asked again at its end', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const keys = keysWith(2000);
      await failure(keys({ issuer: origin, audience: 'a' }));
      vi.setSystemTime(Date.now() + 1999);
      await failure(keys({ issuer: origin, audience: 'a' }));
      expect(requested).toHaveLength(1);
      vi.setSystemTime(Date.now() + 1);
      await failure(keys({ issuer: origin, audience: 'a' }));
      expect(requested).toHaveLength(2);
    });
  });
});
