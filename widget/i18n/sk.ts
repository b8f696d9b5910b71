import type { UploaderStrings } from './strings.js';

/**
 * Slovak (slovenčina), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `sk` or starts with `sk-`; or import it and call
 * `registerTranslation('sk', sk)`, or load `dist/i18n/sk.js` after the script-tag build.
 */
export const sk: UploaderStrings = {
  choose: 'Vybrať obrázky',
  hint: 'alebo ich sem presuňte či vložte',
  files: 'Súbory',
  total: 'Celkový priebeh',
  cancel: 'Zrušiť {name}',
  remove: 'Odstrániť {name}',
  pause: 'Pozastaviť {name}',
  resume: 'Pokračovať {name}',
  retry: 'Skúsiť znova {name}',
  edit: 'Upraviť {name}',
  clearFinished: 'Skryť dokončené',
  resized: 'pred nahraním zmenšené na {width} × {height}',
  interrupted:
    'Prerušené: {name} ({size}, odoslané {percent}). Vyberte ho znova a nahrávanie bude pokračovať.',
  discard: 'Zahodiť {name}',
  cors: 'Služba obrázkov na {endpoint} odmieta tento web: povoľte tam jeho pôvod {origin} (CORS_ORIGINS).',
  unreachable: 'Službu obrázkov na {endpoint} nemožno zastihnúť. Beží a ste online?',
  status: {
    queued: 'Čaká',
    preparing: 'Pripravuje sa',
    uploading: '{percent}',
    paused: 'Pozastavené',
    done: 'Nahrané',
    error: 'Zlyhalo',
    canceled: 'Zrušené',
  },
  announce: '{name}: {status}',
  required: 'Nahrajte, prosím, obrázok.',
  busy: 'Počkajte, prosím, kým sa nahrávanie dokončí.',
  editor: {
    title: 'Upraviť {name}',
    crop: 'Oblasť orezania',
    area: '{width} × {height} pixelov, {x} zľava, {y} zhora',
    keys: 'Šípky posúvajú oblasť orezania, Shift so šípkami mení jej veľkosť, R otáča, Enter použije, Escape zruší.',
    rotateLeft: 'Otočiť doľava',
    rotateRight: 'Otočiť doprava',
    flip: 'Prevrátiť',
    reset: 'Obnoviť',
    apply: 'Použiť',
    cancel: 'Zrušiť',
    rotated: 'Otočené o {degrees} stupňov',
    flipped: 'Prevrátené',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Najviac # súbor.} few {Najviac # súbory.} many {Najviac # súboru.} other {Najviac # súborov.}}',
    ERR_TYPE_NOT_ALLOWED: 'Tento typ súboru sa neprijíma.',
    ERR_FILE_EMPTY: 'Súbor je prázdny.',
    ERR_FILE_TOO_LARGE: 'Súbor je väčší ako {max}.',
    ERR_DIMENSIONS: 'Obrázok je príliš malý alebo príliš veľký.',
    ERR_NETWORK: 'Chyba siete; skúste to znova.',
    ERR_ABORTED: 'Zrušené.',
    ERR_HEIC_UNSUPPORTED: 'Tento prehliadač nevie čítať fotografie HEIC; vyberte JPEG.',
    ERR_DECODE_FAILED: 'Obrázok sa nepodarilo prečítať.',
    ERR_QUOTA_EXCEEDED: 'Vaše úložisko je plné: využité {used} z {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Služba obrázkov túto viditeľnosť (verejnú alebo súkromnú) nepovoľuje.',
  },
};

export default sk;
