import { describe, expect, it } from 'vitest';
import { s3ClientConfig } from './s3-client-config.js';

describe('s3ClientConfig', () => {
  it('keeps the given settings and asks for checksums only when an operation requires them', () => {
    const credentials = { accessKeyId: 'a', secretAccessKey: 's' };
    expect(s3ClientConfig({ region: 'eu-west-1', forcePathStyle: true, credentials })).toEqual({
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });

  it('overrides a checksum setting given by the caller', () => {
    expect(
      s3ClientConfig({
        requestChecksumCalculation: 'WHEN_SUPPORTED',
        responseChecksumValidation: 'WHEN_SUPPORTED',
      }),
    ).toMatchObject({
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });
});
