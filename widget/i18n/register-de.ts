/**
 * Entry of `dist/i18n/de.js`, the script-tag companion: load it after `image-uploader.js` and
 * every `<image-uploader>` under `lang="de"` speaks German.
 */
import type { registerTranslation } from './translations.js';
import { de } from './de.js';

(
  globalThis as unknown as { ImageUploader: { registerTranslation: typeof registerTranslation } }
).ImageUploader.registerTranslation('de', de);
