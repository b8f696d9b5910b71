import { describe, expect, it } from 'vitest';
import { siteOriginsFromEnv } from './site-origins.js';

describe('siteOriginsFromEnv', () => {
  it('reads SITE_ORIGINS as a comma-separated list of origins', () => {
    expect(
      siteOriginsFromEnv({ SITE_ORIGINS: 'http://localhost:4173, https://app.example.com:8443' }),
    ).toEqual(['http://localhost:4173', 'https://app.example.com:8443']);
  });

  it('takes CORS_ORIGINS when SITE_ORIGINS is unset, and SITE_ORIGINS when both are', () => {
    expect(siteOriginsFromEnv({ CORS_ORIGINS: 'http://localhost:8000' })).toEqual(['http://localhost:8000']);
    expect(
      siteOriginsFromEnv({ SITE_ORIGINS: 'http://localhost:1', CORS_ORIGINS: 'http://localhost:2' }),
    ).toEqual(['http://localhost:1']);
  });

  it('is empty when neither is set', () => {
    expect(siteOriginsFromEnv({})).toEqual([]);
    expect(siteOriginsFromEnv({ SITE_ORIGINS: ' ' })).toEqual([]);
  });

  it.each([
    ['SITE_ORIGINS', 'http://localhost:4173/'],
    ['SITE_ORIGINS', 'http://localhost:4173/app'],
    ['SITE_ORIGINS', 'localhost:4173'],
    ['SITE_ORIGINS', 'ftp://localhost'],
    ['CORS_ORIGINS', 'http://localhost:8000?x=1'],
  ])('refuses %s=%s with a TypeError naming the variable', (name, value) => {
    expect(() => siteOriginsFromEnv({ [name]: value })).toThrow(TypeError);
    expect(() => siteOriginsFromEnv({ [name]: value })).toThrow(new RegExp(`^Expected ${name} `));
  });
});
