import type * as EditorChunk from './editor-chunk.js';

/**
 * Loads editor-chunk.ts. The ES build and the sources import it as a lazy chunk; the script-tag
 * build swaps this module for one that imports `editor-chunk.js` from beside the script
 * (widget/vite.script.config.ts).
 */
export const loadEditorChunk = (): Promise<typeof EditorChunk> => import('./editor-chunk.js');
