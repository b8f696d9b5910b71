import type { UploaderStrings } from './strings.js';

/**
 * Lithuanian (lietuvių), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `lt` or starts with `lt-`; or import it and call
 * `registerTranslation('lt', lt)`, or load `dist/i18n/lt.js` after the script-tag build.
 */
export const lt: UploaderStrings = {
  choose: 'Pasirinkti paveikslėlius',
  hint: 'arba nutempkite ar įklijuokite juos čia',
  files: 'Failai',
  total: 'Bendra eiga',
  cancel: 'Atšaukti {name}',
  remove: 'Pašalinti {name}',
  pause: 'Pristabdyti {name}',
  resume: 'Tęsti {name}',
  retry: 'Bandyti dar kartą {name}',
  edit: 'Redaguoti {name}',
  clearFinished: 'Slėpti baigtus',
  resized: 'prieš įkeliant sumažinta iki {width} × {height}',
  interrupted: 'Nutraukta: {name} ({size}, išsiųsta {percent}). Pasirinkite jį dar kartą, kad tęstumėte.',
  discard: 'Atmesti {name}',
  cors: 'Paveikslėlių paslauga adresu {endpoint} atmeta šią svetainę: leiskite ten jos kilmę {origin} (CORS_ORIGINS).',
  unreachable:
    'Nepavyksta pasiekti paveikslėlių paslaugos adresu {endpoint}. Ar ji veikia ir ar esate prisijungę?',
  status: {
    queued: 'Laukia',
    preparing: 'Ruošiama',
    uploading: '{percent}',
    paused: 'Pristabdyta',
    done: 'Įkelta',
    error: 'Nepavyko',
    canceled: 'Atšaukta',
  },
  announce: '{name}: {status}',
  required: 'Įkelkite paveikslėlį.',
  busy: 'Palaukite, kol įkėlimai baigsis.',
  editor: {
    title: 'Redaguoti {name}',
    crop: 'Apkirpimo sritis',
    area: '{width} × {height} taškų, {x} nuo kairės, {y} nuo viršaus',
    keys: 'Rodyklių klavišai perkelia apkirpimo sritį, Shift su rodyklėmis keičia jos dydį, R pasuka, Enter pritaiko, Escape atšaukia.',
    rotateLeft: 'Pasukti į kairę',
    rotateRight: 'Pasukti į dešinę',
    flip: 'Apversti',
    reset: 'Atkurti',
    apply: 'Pritaikyti',
    cancel: 'Atšaukti',
    rotated: 'Pasukta {degrees} laipsnių',
    flipped: 'Apversta',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Ne daugiau kaip # failas.} few {Ne daugiau kaip # failai.} many {Ne daugiau kaip # failo.} other {Ne daugiau kaip # failų.}}',
    ERR_TYPE_NOT_ALLOWED: 'Šio tipo failai nepriimami.',
    ERR_FILE_EMPTY: 'Failas tuščias.',
    ERR_FILE_TOO_LARGE: 'Failas didesnis nei {max}.',
    ERR_DIMENSIONS: 'Paveikslėlis per mažas arba per didelis.',
    ERR_NETWORK: 'Tinklo klaida; bandykite dar kartą.',
    ERR_ABORTED: 'Atšaukta.',
    ERR_HEIC_UNSUPPORTED: 'Ši naršyklė negali skaityti HEIC nuotraukų; pasirinkite JPEG.',
    ERR_DECODE_FAILED: 'Nepavyko nuskaityti paveikslėlio.',
    ERR_QUOTA_EXCEEDED: 'Jūsų saugykla pilna: panaudota {used} iš {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Paveikslėlių paslauga neleidžia šio matomumo (viešo ar privataus).',
  },
};

export default lt;
