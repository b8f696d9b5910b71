import { describe, expect, it } from 'vitest';
import { toS3Event, type RadosgwNotification } from './to-s3-event.js';

const notification = (key: string): RadosgwNotification => ({
  Records: [
    {
      eventVersion: '2.2',
      eventSource: 'ceph:s3',
      awsRegion: '',
      eventTime: '2026-11-22T10:22:07.188009Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'local' },
      requestParameters: { sourceIPAddress: '' },
      responseElements: { 'x-amz-request-id': 'req', 'x-amz-id-2': 'host' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'thumbnails',
        bucket: { name: 'images', ownerIdentity: { principalId: 'local' }, arn: 'arn:aws:s3:::images' },
        object: { key, size: 5, eTag: '5d41402abc4b2a76b9719d911017c592', versionId: '', sequencer: '4FC2' },
      },
    },
  ],
});

describe('toS3Event', () => {
  it('makes an AWS-shaped record: encoded key, region filled in, aws:s3 source', () => {
    const [record] = toS3Event(notification('uploads/a b.jpg'), 'eu-west-1').Records;
    expect(record).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2026-11-22T10:22:07.188009Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'local' },
      requestParameters: { sourceIPAddress: '' },
      responseElements: { 'x-amz-request-id': 'req', 'x-amz-id-2': 'host' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'thumbnails',
        bucket: { name: 'images', ownerIdentity: { principalId: 'local' }, arn: 'arn:aws:s3:::images' },
        object: {
          key: 'uploads/a+b.jpg',
          size: 5,
          eTag: '5d41402abc4b2a76b9719d911017c592',
          sequencer: '4FC2',
        },
      },
    });
  });
});
