import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has documented defaults', () => {
    expect(loadConfig({})).toEqual({
      s3: { region: 'us-east-1', forcePathStyle: false },
      widths: [320, 720, 1440],
      maxSourceBytes: 64 * 1024 * 1024,
      maxPixels: 120_000_000,
      maxDecodedBytes: 768 * 1024 * 1024,
      heic: false,
      deleteRejectedOriginals: true,
      webpEffort: 1,
      publicOriginals: false,
    });
  });

  it('reads every setting, and is frozen', () => {
    const config = loadConfig({
      S3_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://127.0.0.1:4569',
      S3_FORCE_PATH_STYLE: 'true',
      THUMBNAIL_WIDTHS: '1024, 256,256',
      MAX_SOURCE_BYTES: '1000',
      MAX_PIXELS: '5000000',
      MAX_DECODED_BYTES: '268435456',
      ACCEPT_HEIC: 'true',
      DELETE_REJECTED_ORIGINALS: 'false',
      WEBP_EFFORT: '4',
      PUBLIC_ORIGINALS: 'true',
      EVENT_BUS_NAME: ' image-events ',
      IMAGE_BASE_URL: 'https://cdn.example.com/images',
    });
    expect(config).toEqual({
      s3: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:4569', forcePathStyle: true },
      widths: [256, 1024],
      maxSourceBytes: 1000,
      maxPixels: 5_000_000,
      maxDecodedBytes: 256 * 1024 * 1024,
      heic: true,
      deleteRejectedOriginals: false,
      webpEffort: 4,
      publicOriginals: true,
      eventBusName: 'image-events',
      imageBaseUrl: 'https://cdn.example.com/images',
    });
    expect(Object.isFrozen(config) && Object.isFrozen(config.s3) && Object.isFrozen(config.widths)).toBe(
      true,
    );
  });

  it('reads booleans as 1 and 0 too, the rule every part shares (contract/env.ts)', () => {
    const config = loadConfig({ S3_FORCE_PATH_STYLE: '1', DELETE_REJECTED_ORIGINALS: '0' });
    expect(config.s3.forcePathStyle).toBe(true);
    expect(config.deleteRejectedOriginals).toBe(false);
  });

  it('takes an EventBridge bus by name or ARN', () => {
    const arn = 'arn:aws:events:eu-west-1:123456789012:event-bus/image-events';
    expect(loadConfig({ EVENT_BUS_NAME: arn }).eventBusName).toBe(arn);
    expect(loadConfig({ EVENT_BUS_NAME: 'aws.partner/example.com/123/events' }).eventBusName).toBe(
      'aws.partner/example.com/123/events',
    );
  });

  it("falls back to Lambda's AWS_REGION", () => {
    expect(loadConfig({ AWS_REGION: 'ap-south-1' }).s3.region).toBe('ap-south-1');
  });

  it.each([
    ['THUMBNAIL_WIDTHS', '320,abc'],
    ['THUMBNAIL_WIDTHS', '8'],
    ['THUMBNAIL_WIDTHS', '320,9000'],
    ['MAX_SOURCE_BYTES', '0'],
    ['MAX_PIXELS', '1e6'],
    ['MAX_PIXELS', '-5'],
    ['MAX_DECODED_BYTES', '1000'],
    ['S3_FORCE_PATH_STYLE', 'yes'],
    ['DELETE_REJECTED_ORIGINALS', 'TRUE'],
    ['THUMBNAIL_WIDTHS', ','],
    ['WEBP_EFFORT', '7'],
    ['S3_ENDPOINT', 'ftp://example.com'],
    ['S3_ENDPOINT', 'not a url'],
    ['IMAGE_BASE_URL', 'https://cdn.example.com/'],
    ['IMAGE_BASE_URL', 'cdn.example.com'],
    ['EVENT_BUS_NAME', 'image events'],
    ['EVENT_BUS_NAME', 'arn:aws:sqs:eu-west-1:123456789012:queue'],
    ['EVENT_BUS_NAME', 'x'.repeat(257)],
  ])('fails fast on %s=%s, naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(TypeError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
