/**
 * The benchmark's S3 in a process of its own, so its CPU is neither the app server's nor the
 * client's: s3rver (stack/local-s3.ts) on a free port, data in S3_DIRECTORY, which the parent
 * made and removes. Prints `{"endpoint": …}` on stdout once listening; exits when stdin closes
 * (the parent ended, however it ended) or on SIGTERM.
 */
import { startLocalS3 } from '../../stack/local-s3.js';

const directory = process.env.S3_DIRECTORY;
const bucket = process.env.S3_BUCKET;
if (!directory || !bucket) throw new TypeError('Expected S3_DIRECTORY and S3_BUCKET to be set');

const s3 = await startLocalS3({ port: 0, bucket, corsOrigins: [], directory });
process.stdout.write(`${JSON.stringify({ endpoint: s3.endpoint })}\n`);

const stop = () => void s3.close().finally(() => process.exit(0));
process.stdin.on('end', stop).resume();
process.once('SIGTERM', stop);
