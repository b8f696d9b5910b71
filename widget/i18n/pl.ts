import type { UploaderStrings } from './strings.js';

/**
 * Polish (polski), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `pl` or starts with `pl-`; or import it and call
 * `registerTranslation('pl', pl)`, or load `dist/i18n/pl.js` after the script-tag build.
 */
export const pl: UploaderStrings = {
  choose: 'Wybierz obrazy',
  hint: 'albo przeciągnij lub wklej je tutaj',
  files: 'Pliki',
  total: 'Postęp całkowity',
  cancel: 'Anuluj {name}',
  remove: 'Usuń {name}',
  pause: 'Wstrzymaj {name}',
  resume: 'Wznów {name}',
  retry: 'Ponów {name}',
  edit: 'Edytuj {name}',
  clearFinished: 'Ukryj zakończone',
  resized: 'zmniejszony do {width} × {height} przed wysłaniem',
  interrupted: 'Przerwano: {name} ({size}, wysłano {percent}). Wybierz go ponownie, aby wznowić.',
  discard: 'Odrzuć {name}',
  cors: 'Usługa obrazów pod adresem {endpoint} odrzuca tę witrynę: zezwól tam na jej pochodzenie {origin} (CORS_ORIGINS).',
  unreachable:
    'Nie można połączyć się z usługą obrazów pod adresem {endpoint}. Czy działa i czy masz połączenie z internetem?',
  status: {
    queued: 'Oczekuje',
    preparing: 'Przygotowywanie',
    uploading: '{percent}',
    paused: 'Wstrzymano',
    done: 'Wysłano',
    error: 'Niepowodzenie',
    canceled: 'Anulowano',
  },
  announce: '{name}: {status}',
  required: 'Prześlij obraz.',
  busy: 'Poczekaj, aż przesyłanie się zakończy.',
  editor: {
    title: 'Edytuj {name}',
    crop: 'Obszar kadrowania',
    area: '{width} na {height} pikseli, {x} od lewej, {y} od góry',
    keys: 'Strzałki przesuwają obszar kadrowania, Shift ze strzałkami zmienia jego rozmiar, R obraca, Enter zatwierdza, Escape anuluje.',
    rotateLeft: 'Obróć w lewo',
    rotateRight: 'Obróć w prawo',
    flip: 'Odbij',
    reset: 'Resetuj',
    apply: 'Zastosuj',
    cancel: 'Anuluj',
    rotated: 'Obrócono o {degrees} stopni',
    flipped: 'Odbito',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Najwyżej # plik.} few {Najwyżej # pliki.} many {Najwyżej # plików.} other {Najwyżej # pliku.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ten typ pliku nie jest akceptowany.',
    ERR_FILE_EMPTY: 'Plik jest pusty.',
    ERR_FILE_TOO_LARGE: 'Plik jest większy niż {max}.',
    ERR_DIMENSIONS: 'Obraz jest za mały lub za duży.',
    ERR_NETWORK: 'Błąd sieci; spróbuj ponownie.',
    ERR_ABORTED: 'Anulowano.',
    ERR_HEIC_UNSUPPORTED: 'Ta przeglądarka nie odczytuje zdjęć HEIC; wybierz plik JPEG.',
    ERR_DECODE_FAILED: 'Nie udało się odczytać obrazu.',
    ERR_QUOTA_EXCEEDED: 'Twoje miejsce jest pełne: zajęto {used} z {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Usługa obrazów nie pozwala na tę widoczność (publiczną lub prywatną).',
  },
};

export default pl;
