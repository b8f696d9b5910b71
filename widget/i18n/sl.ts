import type { UploaderStrings } from './strings.js';

/**
 * Slovenian (slovenščina), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `sl` or starts with `sl-`; or import it and call
 * `registerTranslation('sl', sl)`, or load `dist/i18n/sl.js` after the script-tag build.
 */
export const sl: UploaderStrings = {
  choose: 'Izberi slike',
  hint: 'ali jih povlecite ali prilepite sem',
  files: 'Datoteke',
  total: 'Skupni napredek',
  cancel: 'Prekliči {name}',
  remove: 'Odstrani {name}',
  pause: 'Začasno ustavi {name}',
  resume: 'Nadaljuj {name}',
  retry: 'Poskusi znova {name}',
  edit: 'Uredi {name}',
  clearFinished: 'Skrij dokončane',
  resized: 'pred nalaganjem pomanjšano na {width} × {height}',
  interrupted: 'Prekinjeno: {name} ({size}, poslano {percent}). Znova jo izberite za nadaljevanje.',
  discard: 'Zavrzi {name}',
  cors: 'Storitev za slike na {endpoint} zavrača to spletno mesto: tam dovolite njegov izvor {origin} (CORS_ORIGINS).',
  unreachable: 'Storitve za slike na {endpoint} ni mogoče doseči. Ali deluje in ali ste povezani?',
  status: {
    queued: 'Čaka',
    preparing: 'Pripravljanje',
    uploading: '{percent}',
    paused: 'Začasno ustavljeno',
    done: 'Naloženo',
    error: 'Ni uspelo',
    canceled: 'Preklicano',
  },
  announce: '{name}: {status}',
  required: 'Naložite sliko.',
  busy: 'Počakajte, da se nalaganje konča.',
  editor: {
    title: 'Uredi {name}',
    crop: 'Območje obrezovanja',
    area: '{width} × {height} slikovnih pik, {x} od leve, {y} od zgoraj',
    keys: 'Puščice premikajo območje obrezovanja, Shift s puščicami mu spreminja velikost, R zasuka, Enter uveljavi, Escape prekliče.',
    rotateLeft: 'Zasukaj levo',
    rotateRight: 'Zasukaj desno',
    flip: 'Zrcali',
    reset: 'Ponastavi',
    apply: 'Uveljavi',
    cancel: 'Prekliči',
    rotated: 'Zasukano za {degrees} stopinj',
    flipped: 'Zrcaljeno',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Največ # datoteka.} two {Največ # datoteki.} few {Največ # datoteke.} other {Največ # datotek.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ta vrsta datoteke ni sprejeta.',
    ERR_FILE_EMPTY: 'Datoteka je prazna.',
    ERR_FILE_TOO_LARGE: 'Datoteka je večja od {max}.',
    ERR_DIMENSIONS: 'Slika je premajhna ali prevelika.',
    ERR_NETWORK: 'Napaka omrežja; poskusite znova.',
    ERR_ABORTED: 'Preklicano.',
    ERR_HEIC_UNSUPPORTED: 'Ta brskalnik ne zna brati fotografij HEIC; izberite JPEG.',
    ERR_DECODE_FAILED: 'Slike ni bilo mogoče prebrati.',
    ERR_QUOTA_EXCEEDED: 'Vaš prostor je poln: porabljeno {used} od {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Storitev za slike ne dovoli te vidnosti (javne ali zasebne).',
  },
};

export default sl;
