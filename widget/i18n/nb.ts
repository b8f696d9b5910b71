import type { UploaderStrings } from './strings.js';

/**
 * Norwegian Bokmål (norsk bokmål), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `nb` or starts with `nb-`; or import it and call
 * `registerTranslation('nb', nb)`, or load `dist/i18n/nb.js` after the script-tag build.
 */
export const nb: UploaderStrings = {
  choose: 'Velg bilder',
  hint: 'eller dra eller lim dem inn her',
  files: 'Filer',
  total: 'Total fremdrift',
  cancel: 'Avbryt {name}',
  remove: 'Fjern {name}',
  pause: 'Sett {name} på pause',
  resume: 'Fortsett {name}',
  retry: 'Prøv {name} på nytt',
  edit: 'Rediger {name}',
  clearFinished: 'Skjul ferdige',
  resized: 'skalert ned til {width} × {height} før opplasting',
  interrupted: 'Avbrutt: {name} ({size}, {percent} sendt). Velg den igjen for å fortsette.',
  discard: 'Forkast {name}',
  cors: 'Bildetjenesten på {endpoint} avviser dette nettstedet: tillat opprinnelsen {origin} der (CORS_ORIGINS).',
  unreachable: 'Får ikke kontakt med bildetjenesten på {endpoint}. Kjører den, og er du på nett?',
  status: {
    queued: 'Venter',
    preparing: 'Forbereder',
    uploading: '{percent}',
    paused: 'Satt på pause',
    done: 'Lastet opp',
    error: 'Mislyktes',
    canceled: 'Avbrutt',
  },
  announce: '{name}: {status}',
  required: 'Last opp et bilde.',
  busy: 'Vent til opplastingene er ferdige.',
  editor: {
    title: 'Rediger {name}',
    crop: 'Beskjæringsområde',
    area: '{width} ganger {height} piksler, {x} fra venstre, {y} fra toppen',
    keys: 'Piltastene flytter beskjæringsområdet, Shift med piltastene endrer størrelsen, R roterer, Enter bruker, Escape avbryter.',
    rotateLeft: 'Roter mot venstre',
    rotateRight: 'Roter mot høyre',
    flip: 'Speilvend',
    reset: 'Tilbakestill',
    apply: 'Bruk',
    cancel: 'Avbryt',
    rotated: 'Rotert {degrees} grader',
    flipped: 'Speilvendt',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Høyst # fil.} other {Høyst # filer.}}',
    ERR_TYPE_NOT_ALLOWED: 'Denne filtypen godtas ikke.',
    ERR_FILE_EMPTY: 'Filen er tom.',
    ERR_FILE_TOO_LARGE: 'Filen er større enn {max}.',
    ERR_DIMENSIONS: 'Bildet er for lite eller for stort.',
    ERR_NETWORK: 'Nettverksfeil; prøv igjen.',
    ERR_ABORTED: 'Avbrutt.',
    ERR_HEIC_UNSUPPORTED: 'Denne nettleseren kan ikke lese HEIC-bilder; velg en JPEG.',
    ERR_DECODE_FAILED: 'Bildet kunne ikke leses.',
    ERR_QUOTA_EXCEEDED: 'Lagringsplassen din er full: {used} av {limit} brukt.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Bildetjenesten tillater ikke denne synligheten (offentlig eller privat).',
  },
};

export default nb;
