import type { UploaderStrings } from './strings.js';

/**
 * German (Deutsch), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `de` or starts with `de-`; or import it and call
 * `registerTranslation('de', de)`, or load `dist/i18n/de.js` after the script-tag build.
 */
export const de: UploaderStrings = {
  choose: 'Bilder auswählen',
  hint: 'oder hierher ziehen oder einfügen',
  files: 'Dateien',
  total: 'Gesamtfortschritt',
  cancel: '{name} abbrechen',
  remove: '{name} entfernen',
  pause: '{name} anhalten',
  resume: '{name} fortsetzen',
  retry: '{name} erneut versuchen',
  edit: '{name} bearbeiten',
  clearFinished: 'Fertige ausblenden',
  resized: 'vor dem Hochladen auf {width} × {height} verkleinert',
  interrupted:
    'Unterbrochen: {name} ({size}, {percent} gesendet). Wählen Sie die Datei erneut, um fortzufahren.',
  discard: '{name} verwerfen',
  cors: 'Der Bilddienst unter {endpoint} lehnt diese Website ab: Erlauben Sie dort ihren Origin {origin} (CORS_ORIGINS).',
  unreachable: 'Der Bilddienst unter {endpoint} ist nicht erreichbar. Läuft er, und sind Sie online?',
  status: {
    queued: 'Wartet',
    preparing: 'Wird vorbereitet',
    uploading: '{percent}',
    paused: 'Angehalten',
    done: 'Hochgeladen',
    error: 'Fehlgeschlagen',
    canceled: 'Abgebrochen',
  },
  announce: '{name}: {status}',
  required: 'Bitte laden Sie ein Bild hoch.',
  busy: 'Bitte warten Sie, bis alle Dateien hochgeladen sind.',
  editor: {
    title: '{name} bearbeiten',
    crop: 'Zuschnittbereich',
    area: '{width} × {height} Pixel, {x} von links, {y} von oben',
    keys: 'Pfeiltasten verschieben den Zuschnittbereich, Umschalt mit Pfeiltasten ändert seine Größe, R dreht, Eingabe übernimmt, Escape bricht ab.',
    rotateLeft: 'Nach links drehen',
    rotateRight: 'Nach rechts drehen',
    flip: 'Spiegeln',
    reset: 'Zurücksetzen',
    apply: 'Übernehmen',
    cancel: 'Abbrechen',
    rotated: 'Um {degrees} Grad gedreht',
    flipped: 'Gespiegelt',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Höchstens # Datei.} other {Höchstens # Dateien.}}',
    ERR_TYPE_NOT_ALLOWED: 'Dieser Dateityp wird nicht angenommen.',
    ERR_FILE_EMPTY: 'Die Datei ist leer.',
    ERR_FILE_TOO_LARGE: 'Die Datei ist größer als {max}.',
    ERR_DIMENSIONS: 'Das Bild ist zu klein oder zu groß.',
    ERR_NETWORK: 'Netzwerkfehler; bitte erneut versuchen.',
    ERR_ABORTED: 'Abgebrochen.',
    ERR_HEIC_UNSUPPORTED: 'Dieser Browser kann keine HEIC-Fotos lesen; bitte ein JPEG wählen.',
    ERR_DECODE_FAILED: 'Das Bild konnte nicht gelesen werden.',
    ERR_QUOTA_EXCEEDED: 'Ihr Speicherplatz ist voll: {used} von {limit} belegt.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Der Bilddienst erlaubt diese Sichtbarkeit (öffentlich oder privat) nicht.',
  },
};

export default de;
