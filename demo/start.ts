/**
 * `npm start`: the local stack on fixed ports plus the demo's Vite dev server, with every URL printed.
 *   npm start -- --fresh                          starts with an empty bucket and signs everyone out
 *   SITE_ORIGINS=http://localhost:4173 npm start  also lets your own pages use the stack
 *   S3_BACKEND=radosgw npm start                  uses a throwaway Ceph radosgw instead of s3rver
 * Uploads, the identity provider's keys and its sessions are kept in `.local/` (git-ignored).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDemoServer } from './dev-server.js';
import { ensureWidgetBuild } from '../stack/widget-build.js';
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

ensureWidgetBuild();
const stack = await startStack({
  ports: { s3: 4569, idp: 4400, signer: 8787, cdn: 4570 },
  siteOrigins,
  dataDirectory,
  fresh: flags.fresh,
  backend,
});

const demo = await startDemoServer({
  port: DEMO_PORT,
  signerUrl: stack.signerUrl,
  issuer: stack.idp.issuer,
  clientId: stack.clientId,
});

const kept =
  backend === 'radosgw'
    ? `${dataDirectory} (sign-ins; radosgw's objects go with it)`
    : `${dataDirectory}${flags.fresh ? ' (emptied: --fresh)' : ''}`;
console.log(`
  image-uploader local stack is up

  ➜ Open the demo:      ${demoOrigin}/   (sign in with any username and password)
     script-tag page:   ${demoOrigin}/script-tag.html
     React page:        ${demoOrigin}/react.html
     Vue page:          ${demoOrigin}/vue.html
  ➜ Signer API:         ${stack.signerUrl}   (OpenAPI: ${stack.signerUrl}/openapi.json)
  ➜ Identity provider:  ${stack.idp.issuer}   (client id "${stack.clientId}")
  ➜ S3 endpoint:        ${stack.s3.endpoint}   bucket "${stack.s3.bucket}"
  ➜ Image CDN:          ${stack.cdnUrl}   (public images: ${stack.cdnUrl}/public/{id}/{width}.{webp|jpg})
  ➜ Allowed origins:    ${siteOrigins.join(', ')}
                        (add yours: SITE_ORIGINS=http://localhost:4173,http://localhost:8000 npm start)
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
