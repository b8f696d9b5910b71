import type { UploaderStrings } from './strings.js';

/**
 * Serbian (српски), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `sr` or starts with `sr-`; or import it and call
 * `registerTranslation('sr', sr)`, or load `dist/i18n/sr.js` after the script-tag build.
 */
export const sr: UploaderStrings = {
  choose: 'Изабери слике',
  hint: 'или их превуците или налепите овде',
  files: 'Датотеке',
  total: 'Укупни напредак',
  cancel: 'Откажи {name}',
  remove: 'Уклони {name}',
  pause: 'Паузирај {name}',
  resume: 'Настави {name}',
  retry: 'Покушај поново {name}',
  edit: 'Уреди {name}',
  clearFinished: 'Сакриј завршене',
  resized: 'пре отпремања смањено на {width} × {height}',
  interrupted: 'Прекинуто: {name} ({size}, послато {percent}). Изаберите је поново да бисте наставили.',
  discard: 'Одбаци {name}',
  cors: 'Услуга за слике на {endpoint} одбија овај сајт: тамо дозволите његово порекло {origin} (CORS_ORIGINS).',
  unreachable: 'Услуга за слике на {endpoint} није доступна. Да ли ради и да ли сте на мрежи?',
  status: {
    queued: 'Чека',
    preparing: 'Припрема',
    uploading: '{percent}',
    paused: 'Паузирано',
    done: 'Отпремљено',
    error: 'Није успело',
    canceled: 'Отказано',
  },
  announce: '{name}: {status}',
  required: 'Отпремите слику.',
  busy: 'Сачекајте да се отпремања заврше.',
  editor: {
    title: 'Уреди {name}',
    crop: 'Област опсецања',
    area: '{width} × {height} пиксела, {x} слева, {y} одозго',
    keys: 'Стрелице померају област опсецања, Shift са стрелицама мења њену величину, R ротира, Enter примењује, Escape отказује.',
    rotateLeft: 'Ротирај улево',
    rotateRight: 'Ротирај удесно',
    flip: 'Преврни',
    reset: 'Ресетуј',
    apply: 'Примени',
    cancel: 'Откажи',
    rotated: 'Ротирано за {degrees} степени',
    flipped: 'Преврнуто',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Највише # датотека.} few {Највише # датотеке.} other {Највише # датотека.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ова врста датотеке није прихваћена.',
    ERR_FILE_EMPTY: 'Датотека је празна.',
    ERR_FILE_TOO_LARGE: 'Датотека је већа од {max}.',
    ERR_DIMENSIONS: 'Слика је премала или превелика.',
    ERR_NETWORK: 'Грешка мреже; покушајте поново.',
    ERR_ABORTED: 'Отказано.',
    ERR_HEIC_UNSUPPORTED: 'Овај прегледач не може да чита HEIC фотографије; изаберите JPEG.',
    ERR_DECODE_FAILED: 'Слика није могла да се прочита.',
    ERR_QUOTA_EXCEEDED: 'Ваш простор је пун: искоришћено {used} од {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Услуга за слике не дозвољава ову видљивост (јавну или приватну).',
  },
};

export default sr;
