/**
 * Writes `contract/image-events.schema.json`, the JSON Schema of the image events
 * (contract/image-events.ts), generated from their valibot schemas so they are described once.
 * `contract/image-events.test.ts` fails when the committed file is stale.
 *
 *   tsx scripts/write-event-schema.ts
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toJsonSchema } from '@valibot/to-json-schema';
import { format, resolveConfig } from 'prettier';
import { ImageEventSchema, IMAGE_EVENT_VERSION } from '../contract/image-events.js';

/** Where the schema is committed. */
export const EVENT_SCHEMA_FILE = fileURLToPath(
  new URL('../contract/image-events.schema.json', import.meta.url),
);

/** The schema file's text: JSON Schema 2020-12 of an image event, formatted as Prettier would. */
export async function imageEventSchemaText(): Promise<string> {
  const { $schema, ...schema } = toJsonSchema(ImageEventSchema, {
    target: 'draft-2020-12',
    typeMode: 'output',
    errorMode: 'throw',
  });
  const document = {
    $schema,
    title: `image-uploader image event, version ${IMAGE_EVENT_VERSION}`,
    description:
      'The body of a webhook (Standard Webhooks; webhook-id = id) and the detail of an EventBridge event (source image-uploader, detail-type = type): image.ready, image.rejected or image.deleted.',
    ...schema,
  };
  const options = await resolveConfig(EVENT_SCHEMA_FILE);
  return format(JSON.stringify(document), { ...options, filepath: EVENT_SCHEMA_FILE });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(EVENT_SCHEMA_FILE, await imageEventSchemaText());
  console.log(`wrote ${EVENT_SCHEMA_FILE}`);
}
