import type { UploaderStrings } from './strings.js';

/**
 * Russian (русский), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ru` or starts with `ru-`; or import it and call
 * `registerTranslation('ru', ru)`, or load `dist/i18n/ru.js` after the script-tag build.
 */
export const ru: UploaderStrings = {
  choose: 'Выбрать изображения',
  hint: 'или перетащите либо вставьте их сюда',
  files: 'Файлы',
  total: 'Общий прогресс',
  cancel: 'Отменить {name}',
  remove: 'Удалить {name}',
  pause: 'Приостановить {name}',
  resume: 'Продолжить {name}',
  retry: 'Повторить {name}',
  edit: 'Редактировать {name}',
  clearFinished: 'Скрыть завершённые',
  resized: 'уменьшено до {width} × {height} перед загрузкой',
  interrupted: 'Прервано: {name} ({size}, отправлено {percent}). Выберите файл снова, чтобы продолжить.',
  discard: 'Отбросить {name}',
  cors: 'Сервис изображений по адресу {endpoint} отклоняет этот сайт: разрешите там его источник {origin} (CORS_ORIGINS).',
  unreachable: 'Не удаётся связаться с сервисом изображений по адресу {endpoint}. Он запущен, и вы в сети?',
  status: {
    queued: 'Ожидает',
    preparing: 'Подготовка',
    uploading: '{percent}',
    paused: 'Приостановлено',
    done: 'Загружено',
    error: 'Ошибка',
    canceled: 'Отменено',
  },
  announce: '{name}: {status}',
  required: 'Загрузите изображение.',
  busy: 'Дождитесь окончания загрузок.',
  editor: {
    title: 'Редактировать {name}',
    crop: 'Область обрезки',
    area: '{width} на {height} пикселей, {x} слева, {y} сверху',
    keys: 'Стрелки перемещают область обрезки, Shift со стрелками меняет её размер, R поворачивает, Enter применяет, Escape отменяет.',
    rotateLeft: 'Повернуть влево',
    rotateRight: 'Повернуть вправо',
    flip: 'Отразить',
    reset: 'Сбросить',
    apply: 'Применить',
    cancel: 'Отмена',
    rotated: 'Повёрнуто на {degrees} градусов',
    flipped: 'Отражено',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Не более # файла.} few {Не более # файлов.} many {Не более # файлов.} other {Не более # файла.}}',
    ERR_TYPE_NOT_ALLOWED: 'Файлы этого типа не принимаются.',
    ERR_FILE_EMPTY: 'Файл пуст.',
    ERR_FILE_TOO_LARGE: 'Файл больше {max}.',
    ERR_DIMENSIONS: 'Изображение слишком маленькое или слишком большое.',
    ERR_NETWORK: 'Ошибка сети; попробуйте ещё раз.',
    ERR_ABORTED: 'Отменено.',
    ERR_HEIC_UNSUPPORTED: 'Этот браузер не умеет читать фото HEIC; выберите JPEG.',
    ERR_DECODE_FAILED: 'Не удалось прочитать изображение.',
    ERR_QUOTA_EXCEEDED: 'Хранилище заполнено: занято {used} из {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Сервис изображений не допускает такую видимость (публичную или личную).',
  },
};

export default ru;
