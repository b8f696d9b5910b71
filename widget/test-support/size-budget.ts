/** The budget for `dist/image-uploader.js`, min+gzip (level 9), in bytes: 16 KiB. */
export const SIZE_BUDGET_BYTES = 16 * 1024;

/** The budget for `dist/editor-chunk.js`, min+gzip (level 9), in bytes: 12 KiB (issue 17). */
export const EDITOR_BUDGET_BYTES = 12 * 1024;
