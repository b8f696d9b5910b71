/**
 * `npm start`: the local stack on fixed ports plus the demo's Vite dev server and its app server
 * (which hears of every image through signed webhooks), with every URL printed.
 *   npm start -- --fresh                          starts with an empty bucket and wall, signs everyone out
 *   SITE_ORIGINS=http://localhost:4173 npm start  also lets your own pages use the stack
 *   S3_BACKEND=radosgw npm start                  uses a throwaway Ceph radosgw instead of s3rver
 *   WEBHOOK_URL=http://localhost:3000/webhooks npm start   sends the webhooks to your own server
 *   WEBHOOK_SECRET=whsec_… npm start              signs them with your secret instead of the kept one
 *   QUOTA_BYTES=1000000 QUOTA_IMAGES=5 npm start  other quotas per user (default 200 MB and 200 images)
 * Uploads, the identity provider's keys and sessions, the webhook secret, undelivered webhooks,
 * the app server's store and the quota table (usage per user) are kept in `.local/` (git-ignored).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoServer } from './dev-server.js';
import { ensureWidgetBuild } from '../stack/widget-build.js';
import { webhookSettingsFromEnv } from '../stack/local-webhooks.js';
import { backendFromEnv } from '../stack/s3-backend.js';
import { siteOriginsFromEnv } from '../stack/site-origins.js';
import { startStack } from '../stack/start-stack.js';

// The AWS SDK's documented switch for its Node-version notice (@aws-sdk/core
// emitWarningIfUnsupportedVersion): Node 20 is supported today; the README says what changes.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: flags } = parseArgs({ options: { fresh: { type: 'boolean', default: false } } });
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5173);
const demoOrigin = `http://localhost:${DEMO_PORT}`;
const siteOrigins = [...new Set([demoOrigin, ...siteOriginsFromEnv(process.env)])];
const dataDirectory = fileURLToPath(new URL('../.local/', import.meta.url));
const backend = backendFromEnv();
const webhooks = webhookSettingsFromEnv(process.env);
// A demo quota, so the pages have a usage bar to show and a limit to meet.
const quota = {
  QUOTA_BYTES: process.env.QUOTA_BYTES ?? String(200 * 1000 * 1000),
  QUOTA_IMAGES: process.env.QUOTA_IMAGES ?? '200',
};

ensureWidgetBuild();
const stack = await startStack({
  ports: { s3: 4569, idp: 4400, signer: 8787, cdn: 4570, appServer: 8790 },
  siteOrigins,
  dataDirectory,
  fresh: flags.fresh,
  backend,
  webhooks,
  signerEnv: quota,
});

const demo = await startDemoServer({
  port: DEMO_PORT,
  signerUrl: stack.signerUrl,
  issuer: stack.idp.issuer,
  clientId: stack.clientId,
  ...(stack.appServerUrl && { appServerUrl: stack.appServerUrl }),
});

const kept =
  backend === 'radosgw'
    ? `${dataDirectory} (sign-ins; radosgw's objects go with it)`
    : `${dataDirectory}${flags.fresh ? ' (emptied: --fresh)' : ''}`;
const receiver = stack.appServerUrl
  ? `the demo's app server ${stack.appServerUrl} (the wall and the galleries' live updates)`
  : 'your own server (WEBHOOK_URL); the demo pages poll the signer and the wall stays empty';
const secretOrigin = webhooks.secrets
  ? 'from WEBHOOK_SECRET'
  : `a development secret generated for this machine, kept in ${dataDirectory}webhook-secret;
                        printed so your server can verify; never use it anywhere else`;
console.log(`
  image-uploader local stack is up

  ➜ Open the demo:      ${demoOrigin}/   (sign in with any username and password)
     script-tag page:   ${demoOrigin}/script-tag.html
     React page:        ${demoOrigin}/react.html
     Vue page:          ${demoOrigin}/vue.html
     Public wall:       ${demoOrigin}/wall.html   (everyone's public images, live; no sign-in)
  ➜ Signer API:         ${stack.signerUrl}   (OpenAPI: ${stack.signerUrl}/openapi.json)
  ➜ Identity provider:  ${stack.idp.issuer}   (client id "${stack.clientId}")
  ➜ S3 endpoint:        ${stack.s3.endpoint}   bucket "${stack.s3.bucket}"
  ➜ Image CDN:          ${stack.cdnUrl}   (public images: ${stack.cdnUrl}/public/{id}/{width}.{webp|jpg})
  ➜ Webhooks:           image.ready, image.rejected, image.deleted, signed (Standard Webhooks) to
                        ${receiver}
     WEBHOOK_URL=${stack.webhookUrl}
     WEBHOOK_SECRET=${stack.webhookSecret}
                        (${secretOrigin})
                        (yours instead: WEBHOOK_URL=http://localhost:3000/webhooks npm start)
  ➜ Allowed origins:    ${siteOrigins.join(', ')}
                        (add yours: SITE_ORIGINS=http://localhost:4173,http://localhost:8000 npm start)
  ➜ Quota per user:     ${quota.QUOTA_BYTES} bytes, ${quota.QUOTA_IMAGES} images   (DynamoDB: ${stack.dynamodb.endpoint}, table "${stack.dynamodb.table}")
                        (others: QUOTA_BYTES=1000000 QUOTA_IMAGES=5 npm start)
  ➜ Local data:         ${kept}
                        (npm start -- --fresh starts empty)

  Press Ctrl+C to stop.
`);

const stop = async () => {
  await demo.close();
  await stack.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
