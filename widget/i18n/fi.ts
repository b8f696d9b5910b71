import type { UploaderStrings } from './strings.js';

/**
 * Finnish (suomi), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `fi` or starts with `fi-`; or import it and call
 * `registerTranslation('fi', fi)`, or load `dist/i18n/fi.js` after the script-tag build.
 */
export const fi: UploaderStrings = {
  choose: 'Valitse kuvia',
  hint: 'tai vedä tai liitä ne tähän',
  files: 'Tiedostot',
  total: 'Kokonaisedistyminen',
  cancel: 'Peruuta {name}',
  remove: 'Poista {name}',
  pause: 'Keskeytä {name}',
  resume: 'Jatka {name}',
  retry: 'Yritä uudelleen: {name}',
  edit: 'Muokkaa: {name}',
  clearFinished: 'Piilota valmiit',
  resized: 'pienennetty kokoon {width} × {height} ennen lähetystä',
  interrupted: 'Keskeytynyt: {name} ({size}, {percent} lähetetty). Valitse se uudelleen jatkaaksesi.',
  discard: 'Hylkää {name}',
  cors: 'Kuvapalvelu osoitteessa {endpoint} torjuu tämän sivuston: salli siellä sen alkuperä {origin} (CORS_ORIGINS).',
  unreachable:
    'Kuvapalveluun osoitteessa {endpoint} ei saada yhteyttä. Onko se käynnissä, ja oletko verkossa?',
  status: {
    queued: 'Odottaa',
    preparing: 'Valmistellaan',
    uploading: '{percent}',
    paused: 'Keskeytetty',
    done: 'Lähetetty',
    error: 'Epäonnistui',
    canceled: 'Peruutettu',
  },
  announce: '{name}: {status}',
  required: 'Lähetä kuva.',
  busy: 'Odota, kunnes lähetykset ovat valmiit.',
  editor: {
    title: 'Muokkaa: {name}',
    crop: 'Rajausalue',
    area: '{width} × {height} pikseliä, {x} vasemmalta, {y} ylhäältä',
    keys: 'Nuolinäppäimet siirtävät rajausaluetta, Vaihto ja nuolet muuttavat sen kokoa, R kiertää, Enter käyttää, Esc peruuttaa.',
    rotateLeft: 'Kierrä vasemmalle',
    rotateRight: 'Kierrä oikealle',
    flip: 'Peilaa',
    reset: 'Palauta',
    apply: 'Käytä',
    cancel: 'Peruuta',
    rotated: 'Kierretty {degrees} astetta',
    flipped: 'Peilattu',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Enintään # tiedosto.} other {Enintään # tiedostoa.}}',
    ERR_TYPE_NOT_ALLOWED: 'Tätä tiedostotyyppiä ei hyväksytä.',
    ERR_FILE_EMPTY: 'Tiedosto on tyhjä.',
    ERR_FILE_TOO_LARGE: 'Tiedosto on suurempi kuin {max}.',
    ERR_DIMENSIONS: 'Kuva on liian pieni tai liian suuri.',
    ERR_NETWORK: 'Verkkovirhe; yritä uudelleen.',
    ERR_ABORTED: 'Peruutettu.',
    ERR_HEIC_UNSUPPORTED: 'Tämä selain ei osaa lukea HEIC-kuvia; valitse JPEG.',
    ERR_DECODE_FAILED: 'Kuvaa ei voitu lukea.',
    ERR_QUOTA_EXCEEDED: 'Tallennustilasi on täynnä: {used} / {limit} käytössä.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Kuvapalvelu ei salli tätä näkyvyyttä (julkinen tai yksityinen).',
  },
};

export default fi;
