import { describe, expect, it } from 'vitest';
import { recordsOf } from './events.js';

/**
 * The fields recordsOf leaves out or marks, and the shapes it refuses by name: the handler logs
 * the TypeError's message for an SQS message it cannot read, and a direct invocation fails with it,
 * so the operator who connected a wrong source reads what was expected.
 */
describe('recordsOf: fields and refusals', () => {
  const detail = { bucket: { name: 'b' }, object: { key: 'uploads/o/i/original.jpg' } };

  it('leaves size and etag out when the notification has none (not present as undefined)', () => {
    const s3 = recordsOf({
      Records: [{ eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'k' } } }],
    });
    expect(s3).toStrictEqual([{ bucket: 'b', key: 'k', eventKey: 'k', created: true }]);
    const bridge = recordsOf({ 'detail-type': 'Object Created', source: 'aws.s3', detail });
    expect(bridge).toStrictEqual([
      { bucket: 'b', key: detail.object.key, eventKey: detail.object.key, created: true },
    ]);
  });

  it('marks an EventBridge event other than "Object Created" as not created', () => {
    const [record] = recordsOf({ 'detail-type': 'Object Deleted', source: 'aws.s3', detail });
    expect(record!.created).toBe(false);
  });

  it('has no records only for the S3 test event, not for any object with an Event field', () => {
    expect(() => recordsOf({ Event: 's3:ObjectCreated:Put', Bucket: 'b' })).toThrow(
      new TypeError('Expected an S3, SQS or EventBridge event'),
    );
  });

  it.each([
    ['a detail-type without detail', { 'detail-type': 'Object Created' }],
    ['a detail without detail-type', { detail }],
    ['a record without s3', { Records: [{ eventName: 'ObjectCreated:Put' }] }],
    ['a null record', { Records: [null] }],
    ['a record that is a string', { Records: ['s3'] }],
    ['a record that is a number', { Records: [3] }],
  ])('refuses %s, naming the shapes it accepts', (_, event) => {
    expect(() => recordsOf(event)).toThrow(new TypeError('Expected an S3, SQS or EventBridge event'));
  });

  it('refuses what is not an object, saying so', () => {
    for (const event of [null, 'event', 42])
      expect(() => recordsOf(event)).toThrow(new TypeError('Expected an event object'));
  });
});
