import type { UploaderStrings } from './strings.js';

/**
 * Romanian (română), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ro` or starts with `ro-`; or import it and call
 * `registerTranslation('ro', ro)`, or load `dist/i18n/ro.js` after the script-tag build.
 */
export const ro: UploaderStrings = {
  choose: 'Alege imagini',
  hint: 'sau trage-le ori lipește-le aici',
  files: 'Fișiere',
  total: 'Progres total',
  cancel: 'Anulează {name}',
  remove: 'Elimină {name}',
  pause: 'Întrerupe {name}',
  resume: 'Reia {name}',
  retry: 'Reîncearcă {name}',
  edit: 'Editează {name}',
  clearFinished: 'Ascunde finalizatele',
  resized: 'redimensionată la {width} × {height} înainte de încărcare',
  interrupted: 'Întrerupt: {name} ({size}, {percent} trimis). Alege-l din nou pentru a relua.',
  discard: 'Renunță la {name}',
  cors: 'Serviciul de imagini de la {endpoint} refuză acest site: permite acolo originea lui, {origin} (CORS_ORIGINS).',
  unreachable: 'Serviciul de imagini de la {endpoint} nu poate fi contactat. Rulează și ești conectat?',
  status: {
    queued: 'În așteptare',
    preparing: 'Se pregătește',
    uploading: '{percent}',
    paused: 'Întrerupt',
    done: 'Încărcat',
    error: 'Eșuat',
    canceled: 'Anulat',
  },
  announce: '{name}: {status}',
  required: 'Încarcă o imagine.',
  busy: 'Așteaptă terminarea încărcărilor.',
  editor: {
    title: 'Editează {name}',
    crop: 'Zona de decupare',
    area: '{width} pe {height} pixeli, la {x} de stânga și {y} de sus',
    keys: 'Săgețile mută zona de decupare, Shift cu săgețile o redimensionează, R rotește, Enter aplică, Escape anulează.',
    rotateLeft: 'Rotește la stânga',
    rotateRight: 'Rotește la dreapta',
    flip: 'Oglindește',
    reset: 'Resetează',
    apply: 'Aplică',
    cancel: 'Anulează',
    rotated: 'Rotită cu {degrees} grade',
    flipped: 'Oglindită',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Cel mult # fișier.} few {Cel mult # fișiere.} other {Cel mult # de fișiere.}}',
    ERR_TYPE_NOT_ALLOWED: 'Acest tip de fișier nu este acceptat.',
    ERR_FILE_EMPTY: 'Fișierul este gol.',
    ERR_FILE_TOO_LARGE: 'Fișierul depășește {max}.',
    ERR_DIMENSIONS: 'Imaginea este prea mică sau prea mare.',
    ERR_NETWORK: 'Eroare de rețea; încearcă din nou.',
    ERR_ABORTED: 'Anulat.',
    ERR_HEIC_UNSUPPORTED: 'Acest browser nu poate citi fotografii HEIC; alege un JPEG.',
    ERR_DECODE_FAILED: 'Imaginea nu a putut fi citită.',
    ERR_QUOTA_EXCEEDED: 'Spațiul tău de stocare este plin: {used} folosiți din {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Serviciul de imagini nu permite această vizibilitate (publică sau privată).',
  },
};

export default ro;
