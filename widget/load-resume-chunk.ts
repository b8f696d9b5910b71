import type * as ResumeChunk from './resume-chunk.js';

/**
 * Loads resume-chunk.ts. The ES build and the sources import it as a lazy chunk; the script-tag
 * build swaps this module for one that imports `resume-chunk.js` from beside the script
 * (widget/vite.script.config.ts).
 */
export const loadResumeChunk = (): Promise<typeof ResumeChunk> => import('./resume-chunk.js');
