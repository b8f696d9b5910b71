/** The budget for `dist/image-uploader.js`, min+gzip (level 9), in bytes: 16 KiB. */
export const SIZE_BUDGET_BYTES = 16 * 1024;
