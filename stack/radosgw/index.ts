export type { Radosgw, RadosgwOptions } from './start-radosgw.js';
export { startRadosgw } from './start-radosgw.js';
export { toS3Event } from './to-s3-event.js';
export type { RadosgwEventRecord, RadosgwNotification } from './to-s3-event.js';
