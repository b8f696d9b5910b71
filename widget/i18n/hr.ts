import type { UploaderStrings } from './strings.js';

/**
 * Croatian (hrvatski), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `hr` or starts with `hr-`; or import it and call
 * `registerTranslation('hr', hr)`, or load `dist/i18n/hr.js` after the script-tag build.
 */
export const hr: UploaderStrings = {
  choose: 'Odaberi slike',
  hint: 'ili ih povucite ili zalijepite ovdje',
  files: 'Datoteke',
  total: 'Ukupni napredak',
  cancel: 'Odustani od {name}',
  remove: 'Ukloni {name}',
  pause: 'Pauziraj {name}',
  resume: 'Nastavi {name}',
  retry: 'Pokušaj ponovno {name}',
  edit: 'Uredi {name}',
  clearFinished: 'Sakrij završene',
  resized: 'prije prijenosa smanjeno na {width} × {height}',
  interrupted: 'Prekinuto: {name} ({size}, poslano {percent}). Odaberite je ponovno za nastavak.',
  discard: 'Odbaci {name}',
  cors: 'Usluga slika na {endpoint} odbija ovo web-mjesto: ondje dopustite njegovo podrijetlo {origin} (CORS_ORIGINS).',
  unreachable: 'Usluga slika na {endpoint} nije dostupna. Radi li, i jeste li na mreži?',
  status: {
    queued: 'Čeka',
    preparing: 'Priprema',
    uploading: '{percent}',
    paused: 'Pauzirano',
    done: 'Preneseno',
    error: 'Nije uspjelo',
    canceled: 'Otkazano',
  },
  announce: '{name}: {status}',
  required: 'Prenesite sliku.',
  busy: 'Pričekajte da prijenosi završe.',
  editor: {
    title: 'Uredi {name}',
    crop: 'Područje obrezivanja',
    area: '{width} × {height} piksela, {x} slijeva, {y} odozgo',
    keys: 'Strelice pomiču područje obrezivanja, Shift sa strelicama mijenja mu veličinu, R zakreće, Enter primjenjuje, Escape odustaje.',
    rotateLeft: 'Zakreni ulijevo',
    rotateRight: 'Zakreni udesno',
    flip: 'Zrcali',
    reset: 'Vrati izvorno',
    apply: 'Primijeni',
    cancel: 'Odustani',
    rotated: 'Zakrenuto za {degrees} stupnjeva',
    flipped: 'Zrcaljeno',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Najviše # datoteka.} few {Najviše # datoteke.} other {Najviše # datoteka.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ova vrsta datoteke nije prihvaćena.',
    ERR_FILE_EMPTY: 'Datoteka je prazna.',
    ERR_FILE_TOO_LARGE: 'Datoteka je veća od {max}.',
    ERR_DIMENSIONS: 'Slika je premala ili prevelika.',
    ERR_NETWORK: 'Mrežna pogreška; pokušajte ponovno.',
    ERR_ABORTED: 'Otkazano.',
    ERR_HEIC_UNSUPPORTED: 'Ovaj preglednik ne može čitati HEIC fotografije; odaberite JPEG.',
    ERR_DECODE_FAILED: 'Sliku nije moguće pročitati.',
    ERR_QUOTA_EXCEEDED: 'Vaša pohrana je puna: iskorišteno {used} od {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Usluga slika ne dopušta ovu vidljivost (javnu ili privatnu).',
  },
};

export default hr;
