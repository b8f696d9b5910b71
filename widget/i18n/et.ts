import type { UploaderStrings } from './strings.js';

/**
 * Estonian (eesti), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `et` or starts with `et-`; or import it and call
 * `registerTranslation('et', et)`, or load `dist/i18n/et.js` after the script-tag build.
 */
export const et: UploaderStrings = {
  choose: 'Vali pildid',
  hint: 'või lohista või kleebi need siia',
  files: 'Failid',
  total: 'Edenemine kokku',
  cancel: 'Tühista {name}',
  remove: 'Eemalda {name}',
  pause: 'Peata {name}',
  resume: 'Jätka {name}',
  retry: 'Proovi uuesti {name}',
  edit: 'Muuda {name}',
  clearFinished: 'Peida lõpetatud',
  resized: 'enne üleslaadimist vähendatud mõõtu {width} × {height}',
  interrupted: 'Katkestatud: {name} ({size}, saadetud {percent}). Jätkamiseks vali see uuesti.',
  discard: 'Loobu failist {name}',
  cors: 'Pilditeenus aadressil {endpoint} keeldub sellest saidist: luba seal selle päritolu {origin} (CORS_ORIGINS).',
  unreachable: 'Pilditeenusega aadressil {endpoint} ei saa ühendust. Kas see töötab ja kas oled võrgus?',
  status: {
    queued: 'Ootel',
    preparing: 'Ettevalmistamine',
    uploading: '{percent}',
    paused: 'Peatatud',
    done: 'Üles laaditud',
    error: 'Ebaõnnestus',
    canceled: 'Tühistatud',
  },
  announce: '{name}: {status}',
  required: 'Palun laadi üles pilt.',
  busy: 'Palun oota, kuni üleslaadimised lõpevad.',
  editor: {
    title: 'Muuda {name}',
    crop: 'Kärpimisala',
    area: '{width} × {height} pikslit, {x} vasakult, {y} ülevalt',
    keys: 'Nooleklahvid liigutavad kärpimisala, Shift koos nooltega muudab selle suurust, R pöörab, Enter rakendab, Escape tühistab.',
    rotateLeft: 'Pööra vasakule',
    rotateRight: 'Pööra paremale',
    flip: 'Peegelda',
    reset: 'Lähtesta',
    apply: 'Rakenda',
    cancel: 'Tühista',
    rotated: 'Pööratud {degrees} kraadi',
    flipped: 'Peegeldatud',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Kõige rohkem # fail.} other {Kõige rohkem # faili.}}',
    ERR_TYPE_NOT_ALLOWED: 'Seda failitüüpi ei aktsepteerita.',
    ERR_FILE_EMPTY: 'Fail on tühi.',
    ERR_FILE_TOO_LARGE: 'Fail on suurem kui {max}.',
    ERR_DIMENSIONS: 'Pilt on liiga väike või liiga suur.',
    ERR_NETWORK: 'Võrguviga; proovi uuesti.',
    ERR_ABORTED: 'Tühistatud.',
    ERR_HEIC_UNSUPPORTED: 'See brauser ei oska HEIC-fotosid lugeda; vali JPEG.',
    ERR_DECODE_FAILED: 'Pilti ei õnnestunud lugeda.',
    ERR_QUOTA_EXCEEDED: 'Sinu salvestusruum on täis: kasutatud {used} / {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Pilditeenus ei luba seda nähtavust (avalik või privaatne).',
  },
};

export default et;
