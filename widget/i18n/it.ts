import type { UploaderStrings } from './strings.js';

/**
 * Italian (italiano), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `it` or starts with `it-`; or import it and call
 * `registerTranslation('it', it)`, or load `dist/i18n/it.js` after the script-tag build.
 */
export const it: UploaderStrings = {
  choose: 'Scegli immagini',
  hint: 'oppure trascinale o incollale qui',
  files: 'File',
  total: 'Avanzamento totale',
  cancel: 'Annulla {name}',
  remove: 'Rimuovi {name}',
  pause: 'Metti in pausa {name}',
  resume: 'Riprendi {name}',
  retry: 'Riprova {name}',
  edit: 'Modifica {name}',
  clearFinished: 'Nascondi completati',
  resized: 'ridimensionata a {width} × {height} prima del caricamento',
  interrupted: 'Interrotto: {name} ({size}, {percent} inviato). Sceglilo di nuovo per riprendere.',
  discard: 'Scarta {name}',
  cors: 'Il servizio immagini su {endpoint} rifiuta questo sito: consenti lì la sua origine {origin} (CORS_ORIGINS).',
  unreachable: 'Impossibile raggiungere il servizio immagini su {endpoint}. È in esecuzione, e sei online?',
  status: {
    queued: 'In attesa',
    preparing: 'Preparazione',
    uploading: '{percent}',
    paused: 'In pausa',
    done: 'Caricato',
    error: 'Non riuscito',
    canceled: 'Annullato',
  },
  announce: '{name}: {status}',
  required: 'Carica un’immagine.',
  busy: 'Attendi la fine dei caricamenti.',
  editor: {
    title: 'Modifica {name}',
    crop: 'Area di ritaglio',
    area: '{width} per {height} pixel, a {x} da sinistra e {y} dall’alto',
    keys: 'Le frecce spostano l’area di ritaglio, Maiusc con le frecce la ridimensiona, R ruota, Invio applica, Esc annulla.',
    rotateLeft: 'Ruota a sinistra',
    rotateRight: 'Ruota a destra',
    flip: 'Capovolgi',
    reset: 'Ripristina',
    apply: 'Applica',
    cancel: 'Annulla',
    rotated: 'Ruotata di {degrees} gradi',
    flipped: 'Capovolta',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Al massimo # file.} many {Al massimo # di file.} other {Al massimo # file.}}',
    ERR_TYPE_NOT_ALLOWED: 'Questo tipo di file non è accettato.',
    ERR_FILE_EMPTY: 'Il file è vuoto.',
    ERR_FILE_TOO_LARGE: 'Il file supera {max}.',
    ERR_DIMENSIONS: 'L’immagine è troppo piccola o troppo grande.',
    ERR_NETWORK: 'Errore di rete; riprova.',
    ERR_ABORTED: 'Annullato.',
    ERR_HEIC_UNSUPPORTED: 'Questo browser non sa leggere le foto HEIC; scegli un JPEG.',
    ERR_DECODE_FAILED: 'Impossibile leggere l’immagine.',
    ERR_QUOTA_EXCEEDED: 'Il tuo spazio è pieno: {used} usati su {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Il servizio immagini non consente questa visibilità (pubblica o privata).',
  },
};

export default it;
