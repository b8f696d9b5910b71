import type { UploaderStrings } from './strings.js';

/**
 * Hungarian (magyar), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `hu` or starts with `hu-`; or import it and call
 * `registerTranslation('hu', hu)`, or load `dist/i18n/hu.js` after the script-tag build.
 */
export const hu: UploaderStrings = {
  choose: 'Képek kiválasztása',
  hint: 'vagy húzza vagy illessze be ide őket',
  files: 'Fájlok',
  total: 'Teljes folyamat',
  cancel: '{name} megszakítása',
  remove: '{name} eltávolítása',
  pause: '{name} szüneteltetése',
  resume: '{name} folytatása',
  retry: '{name} újrapróbálása',
  edit: '{name} szerkesztése',
  clearFinished: 'Befejezettek elrejtése',
  resized: 'feltöltés előtt {width} × {height} méretűre kicsinyítve',
  interrupted: 'Megszakadt: {name} ({size}, {percent} elküldve). Válassza ki újra a folytatáshoz.',
  discard: '{name} elvetése',
  cors: 'A képszolgáltatás ({endpoint}) elutasítja ezt a webhelyet: engedélyezze ott az eredetét, {origin} (CORS_ORIGINS).',
  unreachable: 'A képszolgáltatás ({endpoint}) nem érhető el. Fut, és van internetkapcsolata?',
  status: {
    queued: 'Várakozik',
    preparing: 'Előkészítés',
    uploading: '{percent}',
    paused: 'Szüneteltetve',
    done: 'Feltöltve',
    error: 'Sikertelen',
    canceled: 'Megszakítva',
  },
  announce: '{name}: {status}',
  required: 'Töltsön fel egy képet.',
  busy: 'Várjon, amíg a feltöltések befejeződnek.',
  editor: {
    title: '{name} szerkesztése',
    crop: 'Vágási terület',
    area: '{width} × {height} képpont, balról {x}, felülről {y}',
    keys: 'A nyílbillentyűk mozgatják a vágási területet, a Shift és a nyilak átméretezik, az R elforgat, az Enter alkalmaz, az Escape megszakít.',
    rotateLeft: 'Forgatás balra',
    rotateRight: 'Forgatás jobbra',
    flip: 'Tükrözés',
    reset: 'Visszaállítás',
    apply: 'Alkalmaz',
    cancel: 'Mégse',
    rotated: 'Elforgatva {degrees} fokkal',
    flipped: 'Tükrözve',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Legfeljebb # fájl.} other {Legfeljebb # fájl.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ez a fájltípus nem elfogadott.',
    ERR_FILE_EMPTY: 'A fájl üres.',
    ERR_FILE_TOO_LARGE: 'A fájl nagyobb, mint {max}.',
    ERR_DIMENSIONS: 'A kép túl kicsi vagy túl nagy.',
    ERR_NETWORK: 'Hálózati hiba; próbálja újra.',
    ERR_ABORTED: 'Megszakítva.',
    ERR_HEIC_UNSUPPORTED: 'Ez a böngésző nem tudja olvasni a HEIC-fotókat; válasszon JPEG-et.',
    ERR_DECODE_FAILED: 'A képet nem sikerült beolvasni.',
    ERR_QUOTA_EXCEEDED: 'A tárhelye megtelt: {used} / {limit} foglalt.',
    ERR_VISIBILITY_NOT_ALLOWED:
      'A képszolgáltatás nem engedélyezi ezt a láthatóságot (nyilvános vagy privát).',
  },
};

export default hu;
