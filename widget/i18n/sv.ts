import type { UploaderStrings } from './strings.js';

/**
 * Swedish (svenska), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `sv` or starts with `sv-`; or import it and call
 * `registerTranslation('sv', sv)`, or load `dist/i18n/sv.js` after the script-tag build.
 */
export const sv: UploaderStrings = {
  choose: 'Välj bilder',
  hint: 'eller dra eller klistra in dem här',
  files: 'Filer',
  total: 'Totalt förlopp',
  cancel: 'Avbryt {name}',
  remove: 'Ta bort {name}',
  pause: 'Pausa {name}',
  resume: 'Återuppta {name}',
  retry: 'Försök igen med {name}',
  edit: 'Redigera {name}',
  clearFinished: 'Dölj färdiga',
  resized: 'nedskalad till {width} × {height} före uppladdning',
  interrupted: 'Avbruten: {name} ({size}, {percent} skickat). Välj den igen för att fortsätta.',
  discard: 'Kasta {name}',
  cors: 'Bildtjänsten på {endpoint} nekar den här webbplatsen: tillåt dess ursprung {origin} där (CORS_ORIGINS).',
  unreachable: 'Det går inte att nå bildtjänsten på {endpoint}. Körs den, och är du uppkopplad?',
  status: {
    queued: 'Väntar',
    preparing: 'Förbereder',
    uploading: '{percent}',
    paused: 'Pausad',
    done: 'Uppladdad',
    error: 'Misslyckades',
    canceled: 'Avbruten',
  },
  announce: '{name}: {status}',
  required: 'Ladda upp en bild.',
  busy: 'Vänta tills uppladdningarna är klara.',
  editor: {
    title: 'Redigera {name}',
    crop: 'Beskärningsområde',
    area: '{width} gånger {height} pixlar, {x} från vänster, {y} uppifrån',
    keys: 'Piltangenterna flyttar beskärningsområdet, Skift med piltangenterna ändrar storleken, R roterar, Retur tillämpar, Escape avbryter.',
    rotateLeft: 'Rotera åt vänster',
    rotateRight: 'Rotera åt höger',
    flip: 'Spegelvänd',
    reset: 'Återställ',
    apply: 'Tillämpa',
    cancel: 'Avbryt',
    rotated: 'Roterad {degrees} grader',
    flipped: 'Spegelvänd',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Högst # fil.} other {Högst # filer.}}',
    ERR_TYPE_NOT_ALLOWED: 'Den här filtypen accepteras inte.',
    ERR_FILE_EMPTY: 'Filen är tom.',
    ERR_FILE_TOO_LARGE: 'Filen är större än {max}.',
    ERR_DIMENSIONS: 'Bilden är för liten eller för stor.',
    ERR_NETWORK: 'Nätverksfel; försök igen.',
    ERR_ABORTED: 'Avbruten.',
    ERR_HEIC_UNSUPPORTED: 'Den här webbläsaren kan inte läsa HEIC-foton; välj en JPEG.',
    ERR_DECODE_FAILED: 'Bilden kunde inte läsas.',
    ERR_QUOTA_EXCEEDED: 'Ditt lagringsutrymme är fullt: {used} av {limit} används.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Bildtjänsten tillåter inte den här synligheten (offentlig eller privat).',
  },
};

export default sv;
