import { describe, expect, it } from 'vitest';
import { encodeEventKey } from '../stack/s3-event-record.js';
import { decodeEventKey, recordsOf } from './events.js';

describe('object keys in events', () => {
  it('decodes S3 notification keys: + is a space, then percent-escapes', () => {
    expect(decodeEventKey('uploads/a+b%2Bc/Zo%C3%AB+%F0%9F%93%B7.jpg')).toBe('uploads/a b+c/Zoë 📷.jpg');
    expect(decodeEventKey('plain/key.png')).toBe('plain/key.png');
  });

  it('decodes what the local stack encodes the way S3 does (round trip)', () => {
    const raw = 'uploads/Zoë +1/a b/original (1).jpg';
    expect(encodeEventKey(raw)).toBe('uploads/Zo%C3%AB+%2B1/a+b/original+%281%29.jpg');
    expect(decodeEventKey(encodeEventKey(raw))).toBe(raw);
  });
});

describe('recordsOf', () => {
  const s3Record = (key: string, eventName = 'ObjectCreated:Put') => ({
    eventName,
    s3: { bucket: { name: 'b' }, object: { key, size: 10, eTag: '"e1"' } },
  });

  it('reads every record of a direct S3 event', () => {
    expect(
      recordsOf({ Records: [s3Record('uploads/a+b/c/original.jpg'), s3Record('x', 'ObjectRemoved:Delete')] }),
    ).toEqual([
      {
        bucket: 'b',
        key: 'uploads/a b/c/original.jpg',
        eventKey: 'uploads/a+b/c/original.jpg',
        size: 10,
        etag: 'e1',
        created: true,
      },
      { bucket: 'b', key: 'x', eventKey: 'x', size: 10, etag: 'e1', created: false },
    ]);
  });

  it('keeps a malformed key as undefined instead of throwing', () => {
    expect(recordsOf({ Records: [s3Record('uploads/%E0%A4%A/c/original.jpg')] })[0]!.key).toBeUndefined();
  });

  it('reads EventBridge "Object Created" events, keys encoded the same way', () => {
    const event = {
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: {
        bucket: { name: 'b' },
        object: { key: 'uploads/a%20b/c+d%2B/original.jpg', size: 5, etag: 'e2' },
      },
    };
    expect(recordsOf(event)).toEqual([
      {
        bucket: 'b',
        key: 'uploads/a b/c d+/original.jpg',
        eventKey: 'uploads/a%20b/c+d%2B/original.jpg',
        size: 5,
        etag: 'e2',
        created: true,
      },
    ]);
  });

  it("has no records for S3's test event, and refuses unknown shapes", () => {
    expect(recordsOf({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })).toEqual([]);
    expect(() => recordsOf({ hello: 'world' })).toThrow(TypeError);
    expect(() => recordsOf(null)).toThrow(TypeError);
  });
});
