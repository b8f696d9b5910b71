import type { UploaderStrings } from './strings.js';

/** English, the default. */
export const en: UploaderStrings = {
  choose: 'Choose images',
  hint: 'or drop or paste them here',
  files: 'Files',
  total: 'Total progress',
  cancel: 'Cancel {name}',
  remove: 'Remove {name}',
  pause: 'Pause {name}',
  resume: 'Resume {name}',
  retry: 'Retry {name}',
  status: {
    queued: 'Waiting',
    preparing: 'Preparing',
    uploading: '{percent}%',
    paused: 'Paused',
    done: 'Uploaded',
    error: 'Failed',
    canceled: 'Canceled',
  },
  announce: '{name}: {status}',
  required: 'Please upload an image.',
  busy: 'Please wait until the uploads finish.',
  errors: {
    ERR_TOO_MANY_FILES: 'At most {max} files.',
    ERR_TYPE_NOT_ALLOWED: 'This type of file is not accepted.',
    ERR_FILE_EMPTY: 'The file is empty.',
    ERR_FILE_TOO_LARGE: 'The file is larger than {max}.',
    ERR_DIMENSIONS: 'The image is too small or too large.',
    ERR_NETWORK: 'Network error; please try again.',
    ERR_ABORTED: 'Canceled.',
    ERR_HEIC_UNSUPPORTED: 'This browser cannot read HEIC photos; please choose a JPEG.',
    ERR_DECODE_FAILED: 'The image could not be read.',
  },
};
