import type { UploaderStrings } from './strings.js';

/**
 * Ukrainian (українська), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `uk` or starts with `uk-`; or import it and call
 * `registerTranslation('uk', uk)`, or load `dist/i18n/uk.js` after the script-tag build.
 */
export const uk: UploaderStrings = {
  choose: 'Вибрати зображення',
  hint: 'або перетягніть чи вставте їх сюди',
  files: 'Файли',
  total: 'Загальний поступ',
  cancel: 'Скасувати {name}',
  remove: 'Вилучити {name}',
  pause: 'Призупинити {name}',
  resume: 'Продовжити {name}',
  retry: 'Повторити {name}',
  edit: 'Редагувати {name}',
  clearFinished: 'Сховати завершені',
  resized: 'зменшено до {width} × {height} перед вивантаженням',
  interrupted: 'Перервано: {name} ({size}, надіслано {percent}). Виберіть файл знову, щоб продовжити.',
  discard: 'Відкинути {name}',
  cors: 'Сервіс зображень за адресою {endpoint} відхиляє цей сайт: дозвольте там його джерело {origin} (CORS_ORIGINS).',
  unreachable:
    'Не вдається зв’язатися із сервісом зображень за адресою {endpoint}. Він працює, і ви в мережі?',
  status: {
    queued: 'Очікує',
    preparing: 'Підготовка',
    uploading: '{percent}',
    paused: 'Призупинено',
    done: 'Вивантажено',
    error: 'Помилка',
    canceled: 'Скасовано',
  },
  announce: '{name}: {status}',
  required: 'Вивантажте зображення.',
  busy: 'Зачекайте, доки вивантаження завершаться.',
  editor: {
    title: 'Редагувати {name}',
    crop: 'Область обрізання',
    area: '{width} на {height} пікселів, {x} зліва, {y} згори',
    keys: 'Стрілки переміщують область обрізання, Shift зі стрілками змінює її розмір, R повертає, Enter застосовує, Escape скасовує.',
    rotateLeft: 'Повернути ліворуч',
    rotateRight: 'Повернути праворуч',
    flip: 'Віддзеркалити',
    reset: 'Скинути',
    apply: 'Застосувати',
    cancel: 'Скасувати',
    rotated: 'Повернуто на {degrees} градусів',
    flipped: 'Віддзеркалено',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Не більше # файлу.} few {Не більше # файлів.} many {Не більше # файлів.} other {Не більше # файлу.}}',
    ERR_TYPE_NOT_ALLOWED: 'Файли цього типу не приймаються.',
    ERR_FILE_EMPTY: 'Файл порожній.',
    ERR_FILE_TOO_LARGE: 'Файл більший за {max}.',
    ERR_DIMENSIONS: 'Зображення замале або завелике.',
    ERR_NETWORK: 'Помилка мережі; спробуйте ще раз.',
    ERR_ABORTED: 'Скасовано.',
    ERR_HEIC_UNSUPPORTED: 'Цей браузер не вміє читати фото HEIC; виберіть JPEG.',
    ERR_DECODE_FAILED: 'Не вдалося прочитати зображення.',
    ERR_QUOTA_EXCEEDED: 'Сховище заповнене: зайнято {used} з {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Сервіс зображень не дозволяє такої видимості (публічної чи приватної).',
  },
};

export default uk;
