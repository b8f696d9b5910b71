import type { UploaderStrings } from './strings.js';

/**
 * Latvian (latviešu), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `lv` or starts with `lv-`; or import it and call
 * `registerTranslation('lv', lv)`, or load `dist/i18n/lv.js` after the script-tag build.
 */
export const lv: UploaderStrings = {
  choose: 'Izvēlēties attēlus',
  hint: 'vai ievelciet vai ielīmējiet tos šeit',
  files: 'Faili',
  total: 'Kopējais progress',
  cancel: 'Atcelt {name}',
  remove: 'Noņemt {name}',
  pause: 'Pauzēt {name}',
  resume: 'Turpināt {name}',
  retry: 'Mēģināt vēlreiz {name}',
  edit: 'Rediģēt {name}',
  clearFinished: 'Paslēpt pabeigtos',
  resized: 'pirms augšupielādes samazināts līdz {width} × {height}',
  interrupted: 'Pārtraukts: {name} ({size}, nosūtīti {percent}). Izvēlieties to vēlreiz, lai turpinātu.',
  discard: 'Atmest {name}',
  cors: 'Attēlu pakalpojums adresē {endpoint} noraida šo vietni: atļaujiet tur tās izcelsmi {origin} (CORS_ORIGINS).',
  unreachable:
    'Nevar sasniegt attēlu pakalpojumu adresē {endpoint}. Vai tas darbojas, un vai esat tiešsaistē?',
  status: {
    queued: 'Gaida',
    preparing: 'Sagatavo',
    uploading: '{percent}',
    paused: 'Pauzēts',
    done: 'Augšupielādēts',
    error: 'Neizdevās',
    canceled: 'Atcelts',
  },
  announce: '{name}: {status}',
  required: 'Lūdzu, augšupielādējiet attēlu.',
  busy: 'Lūdzu, uzgaidiet, līdz augšupielāde beidzas.',
  editor: {
    title: 'Rediģēt {name}',
    crop: 'Apgriešanas apgabals',
    area: '{width} × {height} pikseļi, {x} no kreisās malas, {y} no augšas',
    keys: 'Bultiņu taustiņi pārvieto apgriešanas apgabalu, Shift ar bultiņām maina tā izmēru, R pagriež, Enter lieto, Escape atceļ.',
    rotateLeft: 'Pagriezt pa kreisi',
    rotateRight: 'Pagriezt pa labi',
    flip: 'Apgriezt spoguļattēlā',
    reset: 'Atiestatīt',
    apply: 'Lietot',
    cancel: 'Atcelt',
    rotated: 'Pagriezts par {degrees} grādiem',
    flipped: 'Apgriezts spoguļattēlā',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, zero {Ne vairāk kā # failu.} one {Ne vairāk kā # fails.} other {Ne vairāk kā # faili.}}',
    ERR_TYPE_NOT_ALLOWED: 'Šāda tipa faili netiek pieņemti.',
    ERR_FILE_EMPTY: 'Fails ir tukšs.',
    ERR_FILE_TOO_LARGE: 'Fails ir lielāks par {max}.',
    ERR_DIMENSIONS: 'Attēls ir pārāk mazs vai pārāk liels.',
    ERR_NETWORK: 'Tīkla kļūda; mēģiniet vēlreiz.',
    ERR_ABORTED: 'Atcelts.',
    ERR_HEIC_UNSUPPORTED: 'Šī pārlūkprogramma nevar nolasīt HEIC fotoattēlus; izvēlieties JPEG.',
    ERR_DECODE_FAILED: 'Attēlu nevarēja nolasīt.',
    ERR_QUOTA_EXCEEDED: 'Jūsu krātuve ir pilna: izmantoti {used} no {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Attēlu pakalpojums neatļauj šo redzamību (publisku vai privātu).',
  },
};

export default lv;
