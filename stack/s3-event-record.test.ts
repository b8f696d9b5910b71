import { describe, expect, it } from 'vitest';
import { encodeEventKey, s3EventRecord } from './s3-event-record.js';

describe('s3EventRecord', () => {
  it('makes the record AWS sends Lambda, key encoded as S3 encodes it, local defaults filled in', () => {
    const record = s3EventRecord({
      bucket: 'images',
      key: 'uploads/a b+c/original.jpg',
      size: 3,
      eventTime: '2026-01-01T00:00:00.000Z',
    });
    expect(record).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-01-01T00:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'local' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'thumbnails',
        bucket: { name: 'images', ownerIdentity: { principalId: 'local' }, arn: 'arn:aws:s3:::images' },
        object: { key: 'uploads/a+b%2Bc/original.jpg', size: 3, eTag: '', sequencer: '01' },
      },
    });
  });

  it('keeps a version id only when there is one', () => {
    const record = (versionId: string) =>
      s3EventRecord({ bucket: 'b', key: 'k', size: 1, versionId }).s3.object.versionId;
    expect([record(''), record('v1')]).toEqual([undefined, 'v1']);
  });
});

describe('encodeEventKey', () => {
  it('encodes keys as S3 notifications do: + for space, percent-escapes, slashes kept', () => {
    expect(encodeEventKey('uploads/a b+c/Zoë (1)!.jpg')).toBe('uploads/a+b%2Bc/Zo%C3%AB+%281%29%21.jpg');
    expect(encodeEventKey('uploads/o/i-jpg/original.jpg')).toBe('uploads/o/i-jpg/original.jpg');
  });

  it('round-trips through the decoding Lambda handlers use', () => {
    for (const key of ['uploads/a b/c.jpg', 'uploads/%2B+/x~y.png', 'uploads/日本/ü.webp']) {
      expect(decodeURIComponent(encodeEventKey(key).replace(/\+/g, ' '))).toBe(key);
    }
  });
});
