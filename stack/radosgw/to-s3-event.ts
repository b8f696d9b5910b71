/**
 * Turns a radosgw bucket notification into the S3 event a Lambda function receives from AWS.
 *
 * radosgw 16 sends object keys as they are (`uploads/a b/x.jpg`); AWS sends them URL-encoded with
 * `+` for spaces (`uploads/a+b/x.jpg`), and handlers decode them with
 * `decodeURIComponent(key.replace(/\+/g, ' '))`. Region and event source are AWS's, too.
 * https://docs.ceph.com/en/pacific/radosgw/notifications/#events
 */
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { s3EventRecord } from '../s3-event-record.js';

/** One record of a radosgw 16 notification body (the fields this module reads). */
export interface RadosgwEventRecord {
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    /** `key` is raw, not URL-encoded. */
    object: { key: string; size: number; eTag: string; versionId?: string; sequencer: string };
  };
}

/** The JSON body radosgw POSTs to a topic's HTTP push endpoint. */
export interface RadosgwNotification {
  Records: RadosgwEventRecord[];
}

/**
 * Converts a radosgw notification into an AWS S3 event.
 * @param region used where radosgw leaves `awsRegion` empty (it always does without a zonegroup API name).
 */
export function toS3Event(notification: RadosgwNotification, region: string): S3Event {
  return { Records: notification.Records.map((record) => toRecord(record, region)) };
}

function toRecord(record: RadosgwEventRecord, region: string): S3EventRecord {
  const { bucket, object } = record.s3;
  return s3EventRecord({
    bucket: bucket.name,
    key: object.key,
    size: object.size,
    eTag: object.eTag,
    versionId: object.versionId,
    sequencer: object.sequencer,
    eventName: record.eventName,
    eventTime: record.eventTime,
    region: record.awsRegion || region,
    principalId: record.userIdentity.principalId,
    sourceIPAddress: record.requestParameters.sourceIPAddress,
    responseElements: record.responseElements,
    configurationId: record.s3.configurationId,
    bucketOwner: bucket.ownerIdentity.principalId,
    bucketArn: bucket.arn,
  });
}
