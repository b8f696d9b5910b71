/**
 * `scripts/radosgw.sh` runs this once the gateway is up: configures the bucket from
 * `RADOSGW_*` environment variables (see the script's header).
 */
import { configureBucket } from './configure-bucket.js';

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new TypeError(`Expected ${name} to be set`);
  return value;
};

await configureBucket({
  endpoint: required('RADOSGW_ENDPOINT'),
  region: 'us-east-1',
  accessKeyId: required('RADOSGW_ACCESS_KEY'),
  secretAccessKey: required('RADOSGW_SECRET_KEY'),
  bucket: required('RADOSGW_BUCKET'),
  corsOrigins: (env.RADOSGW_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  ...(env.RADOSGW_PUSH_ENDPOINT && { pushEndpoint: env.RADOSGW_PUSH_ENDPOINT }),
});
