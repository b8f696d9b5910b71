import type { UploaderStrings } from './strings.js';

/**
 * Bulgarian (български), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `bg` or starts with `bg-`; or import it and call
 * `registerTranslation('bg', bg)`, or load `dist/i18n/bg.js` after the script-tag build.
 */
export const bg: UploaderStrings = {
  choose: 'Изберете изображения',
  hint: 'или ги плъзнете или поставете тук',
  files: 'Файлове',
  total: 'Общ напредък',
  cancel: 'Отказ от {name}',
  remove: 'Премахване на {name}',
  pause: 'Пауза на {name}',
  resume: 'Продължаване на {name}',
  retry: 'Нов опит за {name}',
  edit: 'Редактиране на {name}',
  clearFinished: 'Скриване на завършените',
  resized: 'смалено до {width} × {height} преди качването',
  interrupted: 'Прекъснато: {name} ({size}, изпратени {percent}). Изберете го отново, за да продължите.',
  discard: 'Отхвърляне на {name}',
  cors: 'Услугата за изображения на {endpoint} отказва този сайт: разрешете там неговия произход {origin} (CORS_ORIGINS).',
  unreachable: 'Няма връзка с услугата за изображения на {endpoint}. Работи ли и свързани ли сте?',
  status: {
    queued: 'Изчаква',
    preparing: 'Подготвя се',
    uploading: '{percent}',
    paused: 'На пауза',
    done: 'Качено',
    error: 'Неуспешно',
    canceled: 'Отказано',
  },
  announce: '{name}: {status}',
  required: 'Качете изображение.',
  busy: 'Изчакайте качванията да завършат.',
  editor: {
    title: 'Редактиране на {name}',
    crop: 'Област за изрязване',
    area: '{width} на {height} пиксела, {x} отляво, {y} отгоре',
    keys: 'Стрелките местят областта за изрязване, Shift със стрелките променя размера ѝ, R завърта, Enter прилага, Escape отказва.',
    rotateLeft: 'Завъртане наляво',
    rotateRight: 'Завъртане надясно',
    flip: 'Огледално обръщане',
    reset: 'Нулиране',
    apply: 'Прилагане',
    cancel: 'Отказ',
    rotated: 'Завъртяно на {degrees} градуса',
    flipped: 'Обърнато огледално',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Най-много # файл.} other {Най-много # файла.}}',
    ERR_TYPE_NOT_ALLOWED: 'Този тип файлове не се приема.',
    ERR_FILE_EMPTY: 'Файлът е празен.',
    ERR_FILE_TOO_LARGE: 'Файлът е по-голям от {max}.',
    ERR_DIMENSIONS: 'Изображението е твърде малко или твърде голямо.',
    ERR_NETWORK: 'Мрежова грешка; опитайте отново.',
    ERR_ABORTED: 'Отказано.',
    ERR_HEIC_UNSUPPORTED: 'Този браузър не може да чете снимки HEIC; изберете JPEG.',
    ERR_DECODE_FAILED: 'Изображението не може да бъде прочетено.',
    ERR_QUOTA_EXCEEDED: 'Хранилището ви е пълно: използвани {used} от {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Услугата за изображения не разрешава тази видимост (публична или частна).',
  },
};

export default bg;
