import type { UploaderStrings } from './strings.js';

/**
 * Czech (čeština), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `cs` or starts with `cs-`; or import it and call
 * `registerTranslation('cs', cs)`, or load `dist/i18n/cs.js` after the script-tag build.
 */
export const cs: UploaderStrings = {
  choose: 'Vybrat obrázky',
  hint: 'nebo je sem přetáhněte či vložte',
  files: 'Soubory',
  total: 'Celkový průběh',
  cancel: 'Zrušit {name}',
  remove: 'Odebrat {name}',
  pause: 'Pozastavit {name}',
  resume: 'Pokračovat {name}',
  retry: 'Zkusit znovu {name}',
  edit: 'Upravit {name}',
  clearFinished: 'Skrýt dokončené',
  resized: 'před nahráním zmenšeno na {width} × {height}',
  interrupted:
    'Přerušeno: {name} ({size}, odesláno {percent}). Vyberte jej znovu a nahrávání bude pokračovat.',
  discard: 'Zahodit {name}',
  cors: 'Služba obrázků na {endpoint} tento web odmítá: povolte tam jeho původ {origin} (CORS_ORIGINS).',
  unreachable: 'Službu obrázků na {endpoint} nelze zastihnout. Běží a jste online?',
  status: {
    queued: 'Čeká',
    preparing: 'Připravuje se',
    uploading: '{percent}',
    paused: 'Pozastaveno',
    done: 'Nahráno',
    error: 'Selhalo',
    canceled: 'Zrušeno',
  },
  announce: '{name}: {status}',
  required: 'Nahrajte prosím obrázek.',
  busy: 'Počkejte prosím, až se nahrávání dokončí.',
  editor: {
    title: 'Upravit {name}',
    crop: 'Oblast ořezu',
    area: '{width} × {height} pixelů, {x} zleva, {y} shora',
    keys: 'Šipky posouvají oblast ořezu, Shift se šipkami mění její velikost, R otáčí, Enter použije, Escape zruší.',
    rotateLeft: 'Otočit doleva',
    rotateRight: 'Otočit doprava',
    flip: 'Převrátit',
    reset: 'Obnovit',
    apply: 'Použít',
    cancel: 'Zrušit',
    rotated: 'Otočeno o {degrees} stupňů',
    flipped: 'Převráceno',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Nejvýše # soubor.} few {Nejvýše # soubory.} many {Nejvýše # souboru.} other {Nejvýše # souborů.}}',
    ERR_TYPE_NOT_ALLOWED: 'Tento typ souboru není přijímán.',
    ERR_FILE_EMPTY: 'Soubor je prázdný.',
    ERR_FILE_TOO_LARGE: 'Soubor je větší než {max}.',
    ERR_DIMENSIONS: 'Obrázek je příliš malý nebo příliš velký.',
    ERR_NETWORK: 'Chyba sítě; zkuste to znovu.',
    ERR_ABORTED: 'Zrušeno.',
    ERR_HEIC_UNSUPPORTED: 'Tento prohlížeč neumí číst fotografie HEIC; vyberte JPEG.',
    ERR_DECODE_FAILED: 'Obrázek se nepodařilo přečíst.',
    ERR_QUOTA_EXCEEDED: 'Vaše úložiště je plné: využito {used} z {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Služba obrázků tuto viditelnost (veřejnou nebo soukromou) nepovoluje.',
  },
};

export default cs;
