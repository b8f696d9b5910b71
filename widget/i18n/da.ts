import type { UploaderStrings } from './strings.js';

/**
 * Danish (dansk), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `da` or starts with `da-`; or import it and call
 * `registerTranslation('da', da)`, or load `dist/i18n/da.js` after the script-tag build.
 */
export const da: UploaderStrings = {
  choose: 'Vælg billeder',
  hint: 'eller træk eller indsæt dem her',
  files: 'Filer',
  total: 'Samlet fremskridt',
  cancel: 'Annuller {name}',
  remove: 'Fjern {name}',
  pause: 'Sæt {name} på pause',
  resume: 'Genoptag {name}',
  retry: 'Prøv {name} igen',
  edit: 'Rediger {name}',
  clearFinished: 'Skjul færdige',
  resized: 'skaleret ned til {width} × {height} før upload',
  interrupted: 'Afbrudt: {name} ({size}, {percent} sendt). Vælg den igen for at fortsætte.',
  discard: 'Kassér {name}',
  cors: 'Billedtjenesten på {endpoint} afviser dette websted: tillad dets oprindelse {origin} dér (CORS_ORIGINS).',
  unreachable: 'Kan ikke nå billedtjenesten på {endpoint}. Kører den, og er du online?',
  status: {
    queued: 'Venter',
    preparing: 'Forbereder',
    uploading: '{percent}',
    paused: 'På pause',
    done: 'Uploadet',
    error: 'Mislykkedes',
    canceled: 'Annulleret',
  },
  announce: '{name}: {status}',
  required: 'Upload et billede.',
  busy: 'Vent, til uploadene er færdige.',
  editor: {
    title: 'Rediger {name}',
    crop: 'Beskæringsområde',
    area: '{width} gange {height} pixel, {x} fra venstre, {y} fra toppen',
    keys: 'Piletasterne flytter beskæringsområdet, Skift med piletasterne ændrer størrelsen, R roterer, Enter anvender, Escape annullerer.',
    rotateLeft: 'Roter til venstre',
    rotateRight: 'Roter til højre',
    flip: 'Spejlvend',
    reset: 'Nulstil',
    apply: 'Anvend',
    cancel: 'Annuller',
    rotated: 'Roteret {degrees} grader',
    flipped: 'Spejlvendt',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Højst # fil.} other {Højst # filer.}}',
    ERR_TYPE_NOT_ALLOWED: 'Denne filtype accepteres ikke.',
    ERR_FILE_EMPTY: 'Filen er tom.',
    ERR_FILE_TOO_LARGE: 'Filen er større end {max}.',
    ERR_DIMENSIONS: 'Billedet er for lille eller for stort.',
    ERR_NETWORK: 'Netværksfejl; prøv igen.',
    ERR_ABORTED: 'Annulleret.',
    ERR_HEIC_UNSUPPORTED: 'Denne browser kan ikke læse HEIC-fotos; vælg en JPEG.',
    ERR_DECODE_FAILED: 'Billedet kunne ikke læses.',
    ERR_QUOTA_EXCEEDED: 'Din lagerplads er fuld: {used} af {limit} brugt.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Billedtjenesten tillader ikke denne synlighed (offentlig eller privat).',
  },
};

export default da;
