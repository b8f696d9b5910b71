import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

// QUOTA_TABLE is read as every other variable (contract/env.ts): blank is unset, spaces around a
// value are not part of it. A table name DynamoDB would refuse fails the cold start, naming the
// variable, instead of every image's first quota call.
describe('loadConfig: QUOTA_TABLE', () => {
  it('takes the table name without the spaces around it, and a blank value as unset', () => {
    expect(loadConfig({ QUOTA_TABLE: '  image-uploader.quota_1 \n' }).quota).toEqual({
      table: 'image-uploader.quota_1',
    });
    expect(loadConfig({ QUOTA_TABLE: '   ' }).quota).toBeUndefined();
  });

  it('takes names of 3 and of 255 characters', () => {
    expect(loadConfig({ QUOTA_TABLE: 'abc' }).quota?.table).toBe('abc');
    expect(loadConfig({ QUOTA_TABLE: 'q'.repeat(255) }).quota?.table).toBe('q'.repeat(255));
  });

  it.each([
    ['a name with a space inside', 'image quota'],
    ['a character DynamoDB refuses at the start', '#quota'],
    ['a character DynamoDB refuses at the end', 'quota!'],
    ['a name of 2 characters', 'ab'],
    ['a name of 256 characters', 'q'.repeat(256)],
    ['an ARN', 'arn:aws:dynamodb:eu-west-1:123456789012:table/quota'],
  ])('fails fast on %s, naming QUOTA_TABLE', (_case, value) => {
    expect(() => loadConfig({ QUOTA_TABLE: value })).toThrow(TypeError);
    expect(() => loadConfig({ QUOTA_TABLE: value })).toThrow('QUOTA_TABLE');
  });
});
