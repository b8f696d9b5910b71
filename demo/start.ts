/**
 * `npm start`: the local stack on fixed ports plus the demo's Vite dev server, with every URL printed.
 *   S3_BACKEND=radosgw npm start   uses a throwaway Ceph radosgw instead of s3rver.
 */
import { startDemoServer } from './dev-server.js';
import { ensureWidgetBuild } from '../stack/widget-build.js';
import { startStack } from '../stack/start-stack.js';

const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5173);
const demoOrigin = `http://localhost:${DEMO_PORT}`;

ensureWidgetBuild();
const stack = await startStack({
  ports: { s3: 4569, idp: 4400, signer: 8787 },
  siteOrigins: [demoOrigin],
});

const demo = await startDemoServer({
  port: DEMO_PORT,
  signerUrl: stack.signerUrl,
  issuer: stack.idp.issuer,
  clientId: stack.clientId,
});

console.log(`
  image-uploader local stack is up

  ➜ Open the demo:      ${demoOrigin}/   (sign in with any username and password)
     script-tag page:   ${demoOrigin}/script-tag.html
     React page:        ${demoOrigin}/react.html
     Vue page:          ${demoOrigin}/vue.html
  ➜ Signer API:         ${stack.signerUrl}   (OpenAPI: ${stack.signerUrl}/openapi.json)
  ➜ Identity provider:  ${stack.idp.issuer}
  ➜ S3 endpoint:        ${stack.s3.endpoint}   bucket "${stack.s3.bucket}"

  Press Ctrl+C to stop.
`);

const stop = async () => {
  await demo.close();
  await stack.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
