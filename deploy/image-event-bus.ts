import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '../contract/image-events.js';
import type { ImageEventType } from '../contract/image-events.js';
import type { ResolvedEventBus } from './events-config.js';

/** The bus the image events go to, and what `EVENT_BUS_NAME` is set to. */
export interface ImageEventBus {
  bus: events.IEventBus;
  /** The bus's name, or its ARN when the operator gave one (PutEvents takes either). */
  eventBusName: string;
}

/**
 * Creates the custom bus the image events go to, or imports the operator's (by name or ARN).
 * @param scope where the bus goes (construct id `EventBus`)
 * @param config the resolved `events.eventBusName` choice
 */
export function createImageEventBus(scope: Construct, config: ResolvedEventBus): ImageEventBus {
  if (config.mode === 'create') {
    const bus = new events.EventBus(scope, 'EventBus', {
      description: 'image-uploader: image.ready, image.rejected and image.deleted events',
    });
    return { bus, eventBusName: bus.eventBusName };
  }
  if ('arn' in config) {
    return { bus: events.EventBus.fromEventBusArn(scope, 'EventBus', config.arn), eventBusName: config.arn };
  }
  return {
    bus: events.EventBus.fromEventBusName(scope, 'EventBus', config.name),
    eventBusName: config.name,
  };
}

/**
 * Lets a function put image events on the bus, and tells it which bus (`EVENT_BUS_NAME`): exactly
 * `events:PutEvents` on that bus, for the source `image-uploader` and the given detail-types only
 * (EventBridge's fine-grained PutEvents conditions), so a part cannot speak for another.
 * @param fn the function that publishes
 * @param role its execution role
 * @param bus the bus from {@link createImageEventBus}
 * @param types the event types this function emits
 */
export function allowPublishing(
  fn: lambda.Function,
  role: iam.Role,
  bus: ImageEventBus,
  types: readonly ImageEventType[],
): void {
  role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'PutImageEvents',
      actions: ['events:PutEvents'],
      resources: [bus.bus.eventBusArn],
      conditions: {
        StringEquals: { 'events:source': EVENT_SOURCE, 'events:detail-type': [...types] },
      },
    }),
  );
  fn.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
}
