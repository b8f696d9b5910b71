import { describe, expect, it } from 'vitest';
import { parseIssuer, readAuthHeader, readSharedSecret } from './auth-settings.js';

/** The TypeError a reader throws, so that a test can check it names the setting. */
function thrown(read: () => unknown): TypeError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('expected a TypeError');
}

describe('AUTH_ISSUERS entries (parseIssuer)', () => {
  describe('accepts', () => {
    it('an issuer with one audience, returning just those two', () => {
      expect(parseIssuer({ issuer: 'https://a.example', audience: 'client-1' }, 0)).toStrictEqual({
        issuer: 'https://a.example',
        audience: 'client-1',
      });
    });

    it('a list of audiences, a JWKS URL and pinned algorithms, and drops unknown fields', () => {
      const entry = {
        issuer: 'https://a.example',
        audience: ['client-1', 'client-2'],
        jwksUri: 'https://a.example/jwks.json',
        algorithms: ['ES256', 'EdDSA'],
        extra: true,
      };
      expect(parseIssuer(entry, 0)).toStrictEqual({
        issuer: 'https://a.example',
        audience: ['client-1', 'client-2'],
        jwksUri: 'https://a.example/jwks.json',
        algorithms: ['ES256', 'EdDSA'],
      });
    });

    it.each(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'])(
      'the public-key algorithm %s',
      (alg) => {
        expect(
          parseIssuer({ issuer: 'https://a.example', audience: 'c', algorithms: [alg] }, 0).algorithms,
        ).toEqual([alg]);
      },
    );
  });

  describe('refuses, naming the entry and the field', () => {
    it.each([
      ['a string', 'https://a.example', /^Expected AUTH_ISSUERS\[3\] to be an object$/],
      ['null', null, /^Expected AUTH_ISSUERS\[3\] to be an object$/],
      ['no issuer', { audience: 'c' }, /^Expected AUTH_ISSUERS\[3\]\.issuer to be a string$/],
      [
        'an empty issuer',
        { issuer: '', audience: 'c' },
        /^Expected AUTH_ISSUERS\[3\]\.issuer to be a string$/,
      ],
      ['a numeric issuer', { issuer: 7, audience: 'c' }, /AUTH_ISSUERS\[3\]\.issuer/],
    ])('%s', (_, entry, message) => {
      expect(thrown(() => parseIssuer(entry, 3)).message).toMatch(message);
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['an empty list', []],
      ['a list with an empty string', ['c', '']],
      ['a list with a number', ['c', 7]],
      ['a number', 7],
    ])('an audience that is %s', (_, audience) => {
      expect(thrown(() => parseIssuer({ issuer: 'https://a.example', audience }, 1)).message).toBe(
        'Expected AUTH_ISSUERS[1].audience to be a string or a list of strings',
      );
    });

    it.each([
      ['not a URL', 'jwks.json'],
      ['not a string', 42],
    ])('a jwksUri that is %s', (_, jwksUri) => {
      expect(
        thrown(() => parseIssuer({ issuer: 'https://a.example', audience: 'c', jwksUri }, 0)).message,
      ).toBe('Expected AUTH_ISSUERS[0].jwksUri to be a URL');
    });

    it.each([
      ['an empty list', []],
      ['not a list', 'RS256'],
      ['an HMAC algorithm', ['RS256', 'HS256']],
      ['none', ['none']],
    ])('algorithms that are %s', (_, algorithms) => {
      expect(
        thrown(() => parseIssuer({ issuer: 'https://a.example', audience: 'c', algorithms }, 0)).message,
      ).toBe(
        'Expected AUTH_ISSUERS[0].algorithms to list only RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA',
      );
    });
  });
});

describe('AUTH_HEADER (readAuthHeader)', () => {
  it('defaults to authorization', () => {
    expect(readAuthHeader({})).toBe('authorization');
  });

  it('accepts every token character of RFC 9110 §5.6.2, lower-cased', () => {
    expect(readAuthHeader({ AUTH_HEADER: " X-A!#$%&'*+.^_`|~09z- " })).toBe("x-a!#$%&'*+.^_`|~09z-");
  });

  it.each(['x auth', 'x:auth', 'x/auth', 'x"auth', '(x)'])('refuses %j, naming the setting', (value) => {
    expect(thrown(() => readAuthHeader({ AUTH_HEADER: value })).message).toMatch(
      /for AUTH_HEADER but received "/,
    );
  });
});

describe('AUTH_HS256_* (readSharedSecret)', () => {
  const settings = { AUTH_HS256_ISSUER: 'https://login.example', AUTH_HS256_AUDIENCE: 'site' };

  it('is undefined without a secret', () => {
    expect(readSharedSecret(settings)).toBeUndefined();
    expect(readSharedSecret({ ...settings, AUTH_HS256_SECRET: '' })).toBeUndefined();
  });

  it('reads a secret of exactly 32 bytes with its issuer and audience', () => {
    expect(readSharedSecret({ ...settings, AUTH_HS256_SECRET: 's'.repeat(32) })).toStrictEqual({
      secret: 's'.repeat(32),
      issuer: 'https://login.example',
      audience: 'site',
    });
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 16 characters, 32 bytes: accepted; 15 two-byte characters and one ASCII: 31 bytes, refused.
    expect(readSharedSecret({ ...settings, AUTH_HS256_SECRET: 'é'.repeat(16) })?.secret).toBe('é'.repeat(16));
    expect(
      thrown(() => readSharedSecret({ ...settings, AUTH_HS256_SECRET: `${'é'.repeat(15)}s` })).message,
    ).toBe('Expected AUTH_HS256_SECRET to be at least 32 bytes');
  });

  it('refuses a secret of 31 bytes', () => {
    expect(thrown(() => readSharedSecret({ ...settings, AUTH_HS256_SECRET: 's'.repeat(31) })).message).toBe(
      'Expected AUTH_HS256_SECRET to be at least 32 bytes',
    );
  });

  it('requires its issuer and audience', () => {
    const secret = 's'.repeat(32);
    expect(
      thrown(() => readSharedSecret({ AUTH_HS256_SECRET: secret, AUTH_HS256_AUDIENCE: 'site' })).message,
    ).toMatch(/AUTH_HS256_ISSUER/);
    expect(
      thrown(() =>
        readSharedSecret({ AUTH_HS256_SECRET: secret, AUTH_HS256_ISSUER: 'https://login.example' }),
      ).message,
    ).toMatch(/AUTH_HS256_AUDIENCE/);
  });
});
