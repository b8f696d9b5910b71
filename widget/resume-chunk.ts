/**
 * What the element loads only when it needs it to resume: the IndexedDB resume store, used by
 * multipart uploads, and the list of uploads an earlier page left unfinished, with its rendering.
 * See lazy-resume-store.ts; the script-tag build ships it as `resume-chunk.js` beside the script.
 */
export { InterruptedList } from './interrupted-list.js';
export { createResumeStore } from './upload/resume-store.js';
