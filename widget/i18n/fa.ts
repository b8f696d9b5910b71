import type { UploaderStrings } from './strings.js';

/**
 * Persian (فارسی), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `fa` or starts with `fa-`; or import it and call
 * `registerTranslation('fa', fa)`, or load `dist/i18n/fa.js` after the script-tag build.
 */
export const fa: UploaderStrings = {
  choose: 'انتخاب تصویرها',
  hint: 'یا آن‌ها را اینجا بکشید یا جای‌گذاری کنید',
  files: 'پرونده‌ها',
  total: 'پیشرفت کل',
  cancel: 'لغو {name}',
  remove: 'حذف {name}',
  pause: 'توقف {name}',
  resume: 'ادامهٔ {name}',
  retry: 'تلاش دوباره برای {name}',
  edit: 'ویرایش {name}',
  clearFinished: 'پنهان کردن تمام‌شده‌ها',
  resized: 'پیش از بارگذاری به {width} × {height} کوچک شد',
  interrupted: 'قطع شد: {name} ({size}، {percent} ارسال شده). برای ادامه دوباره آن را انتخاب کنید.',
  discard: 'دور انداختن {name}',
  cors: 'سرویس تصویر در {endpoint} این وب‌گاه را نمی‌پذیرد: در آنجا مبدأ آن، {origin}، را مجاز کنید (CORS_ORIGINS).',
  unreachable: 'دسترسی به سرویس تصویر در {endpoint} ممکن نیست. آیا در حال اجراست و شما برخط هستید؟',
  status: {
    queued: 'در انتظار',
    preparing: 'در حال آماده‌سازی',
    uploading: '{percent}',
    paused: 'متوقف',
    done: 'بارگذاری شد',
    error: 'ناموفق',
    canceled: 'لغو شد',
  },
  announce: '{name}: {status}',
  required: 'لطفاً یک تصویر بارگذاری کنید.',
  busy: 'لطفاً تا پایان بارگذاری‌ها صبر کنید.',
  editor: {
    title: 'ویرایش {name}',
    crop: 'ناحیهٔ برش',
    area: '{width} در {height} پیکسل، {x} از چپ، {y} از بالا',
    keys: 'کلیدهای جهت‌نما ناحیهٔ برش را جابه‌جا می‌کنند، Shift با جهت‌نماها اندازه‌اش را تغییر می‌دهد، R می‌چرخاند، Enter اعمال می‌کند، Escape لغو می‌کند.',
    rotateLeft: 'چرخش به چپ',
    rotateRight: 'چرخش به راست',
    flip: 'قرینه',
    reset: 'بازنشانی',
    apply: 'اعمال',
    cancel: 'لغو',
    rotated: '{degrees} درجه چرخید',
    flipped: 'قرینه شد',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {حداکثر # پرونده.} other {حداکثر # پرونده.}}',
    ERR_TYPE_NOT_ALLOWED: 'این نوع پرونده پذیرفته نمی‌شود.',
    ERR_FILE_EMPTY: 'پرونده خالی است.',
    ERR_FILE_TOO_LARGE: 'پرونده بزرگ‌تر از {max} است.',
    ERR_DIMENSIONS: 'تصویر خیلی کوچک یا خیلی بزرگ است.',
    ERR_NETWORK: 'خطای شبکه؛ لطفاً دوباره تلاش کنید.',
    ERR_ABORTED: 'لغو شد.',
    ERR_HEIC_UNSUPPORTED: 'این مرورگر نمی‌تواند عکس‌های HEIC را بخواند؛ لطفاً یک JPEG انتخاب کنید.',
    ERR_DECODE_FAILED: 'تصویر خوانده نشد.',
    ERR_QUOTA_EXCEEDED: 'فضای ذخیره‌سازی شما پر است: {used} از {limit} استفاده شده.',
    ERR_VISIBILITY_NOT_ALLOWED: 'سرویس تصویر این میزان دسترسی (عمومی یا خصوصی) را مجاز نمی‌داند.',
  },
};

export default fa;
