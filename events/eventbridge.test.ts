import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsJsonApi, type AwsJsonApi } from '../signer/test-support/aws-json-api.js';
import { eventBridgePublisher, publisherFromEnv } from './eventbridge.js';
import { sampleEvent } from './test-support/sample-event.js';

describe('eventBridgePublisher', () => {
  let aws: AwsJsonApi;
  let failNext = false;
  beforeAll(async () => {
    // A real HTTP server speaking EventBridge's AWS JSON 1.1 protocol.
    aws = await startAwsJsonApi({
      'AWSEvents.PutEvents': () =>
        failNext
          ? { FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'try again' }] }
          : { FailedEntryCount: 0, Entries: [{ EventId: crypto.randomUUID() }] },
    });
  });
  afterAll(() => aws.close());
  const client = () =>
    new EventBridgeClient({
      endpoint: aws.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });

  it('puts the event on the bus: source image-uploader, detail-type its type, detail the event', async () => {
    const event = await sampleEvent();
    await eventBridgePublisher({ busName: 'images', client: client() })(event);
    const [entry] = (aws.requests.at(-1)!.input.Entries as Record<string, unknown>[]) ?? [];
    expect(entry).toMatchObject({
      EventBusName: 'images',
      Source: 'image-uploader',
      DetailType: 'image.ready',
    });
    expect(JSON.parse(String(entry!.Detail))).toEqual(event);
  });

  it('rejects when EventBridge reports the entry as failed', async () => {
    failNext = true;
    await expect(
      eventBridgePublisher({ busName: 'images', client: client() })(await sampleEvent()),
    ).rejects.toThrow(/InternalFailure/);
    failNext = false;
  });

  it('is configured by EVENT_BUS_NAME, and absent without it', () => {
    expect(publisherFromEnv({ EVENT_BUS_NAME: ' ' })).toBeUndefined();
    expect(publisherFromEnv({ EVENT_BUS_NAME: 'images' })).toBeTypeOf('function');
  });
});
