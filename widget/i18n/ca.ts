import type { UploaderStrings } from './strings.js';

/**
 * Catalan (català), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ca` or starts with `ca-`; or import it and call
 * `registerTranslation('ca', ca)`, or load `dist/i18n/ca.js` after the script-tag build.
 */
export const ca: UploaderStrings = {
  choose: 'Tria imatges',
  hint: 'o arrossega-les o enganxa-les aquí',
  files: 'Fitxers',
  total: 'Progrés total',
  cancel: 'Cancel·la {name}',
  remove: 'Elimina {name}',
  pause: 'Posa en pausa {name}',
  resume: 'Reprèn {name}',
  retry: 'Torna a provar {name}',
  edit: 'Edita {name}',
  clearFinished: 'Amaga els acabats',
  resized: 'redimensionada a {width} × {height} abans de pujar-la',
  interrupted: 'Interromput: {name} ({size}, {percent} enviat). Torna’l a triar per reprendre’l.',
  discard: 'Descarta {name}',
  cors: 'El servei d’imatges a {endpoint} rebutja aquest lloc: permet-hi el seu origen {origin} (CORS_ORIGINS).',
  unreachable: 'No es pot connectar amb el servei d’imatges a {endpoint}. Està en marxa, i tens connexió?',
  status: {
    queued: 'En espera',
    preparing: 'Preparant',
    uploading: '{percent}',
    paused: 'En pausa',
    done: 'Pujat',
    error: 'Error',
    canceled: 'Cancel·lat',
  },
  announce: '{name}: {status}',
  required: 'Puja una imatge.',
  busy: 'Espera que acabin les pujades.',
  editor: {
    title: 'Edita {name}',
    crop: 'Àrea de retall',
    area: '{width} per {height} píxels, {x} des de l’esquerra, {y} des de dalt',
    keys: 'Les fletxes mouen l’àrea de retall, Maj amb les fletxes la redimensiona, R la gira, Retorn aplica, Esc cancel·la.',
    rotateLeft: 'Gira a l’esquerra',
    rotateRight: 'Gira a la dreta',
    flip: 'Inverteix',
    reset: 'Restableix',
    apply: 'Aplica',
    cancel: 'Cancel·la',
    rotated: 'Girada {degrees} graus',
    flipped: 'Invertida',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Com a màxim # fitxer.} many {Com a màxim # de fitxers.} other {Com a màxim # fitxers.}}',
    ERR_TYPE_NOT_ALLOWED: 'Aquest tipus de fitxer no s’accepta.',
    ERR_FILE_EMPTY: 'El fitxer és buit.',
    ERR_FILE_TOO_LARGE: 'El fitxer supera {max}.',
    ERR_DIMENSIONS: 'La imatge és massa petita o massa gran.',
    ERR_NETWORK: 'Error de xarxa; torna-ho a provar.',
    ERR_ABORTED: 'Cancel·lat.',
    ERR_HEIC_UNSUPPORTED: 'Aquest navegador no pot llegir fotos HEIC; tria un JPEG.',
    ERR_DECODE_FAILED: 'No s’ha pogut llegir la imatge.',
    ERR_QUOTA_EXCEEDED: 'L’emmagatzematge és ple: {used} de {limit} utilitzats.',
    ERR_VISIBILITY_NOT_ALLOWED: 'El servei d’imatges no permet aquesta visibilitat (pública o privada).',
  },
};

export default ca;
