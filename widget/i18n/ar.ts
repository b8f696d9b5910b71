import type { UploaderStrings } from './strings.js';

/**
 * Arabic (العربية), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ar` or starts with `ar-`; or import it and call
 * `registerTranslation('ar', ar)`, or load `dist/i18n/ar.js` after the script-tag build.
 */
export const ar: UploaderStrings = {
  choose: 'اختر صورًا',
  hint: 'أو اسحبها أو الصقها هنا',
  files: 'الملفات',
  total: 'التقدم الإجمالي',
  cancel: 'إلغاء {name}',
  remove: 'إزالة {name}',
  pause: 'إيقاف {name} مؤقتًا',
  resume: 'استئناف {name}',
  retry: 'إعادة محاولة {name}',
  edit: 'تحرير {name}',
  clearFinished: 'إخفاء المكتملة',
  resized: 'صُغّرت إلى {width} × {height} قبل الرفع',
  interrupted: 'توقف: {name} ({size}، أُرسل {percent}). اختره مرة أخرى للاستئناف.',
  discard: 'تجاهل {name}',
  cors: 'خدمة الصور على {endpoint} ترفض هذا الموقع: اسمح هناك بأصله {origin} (CORS_ORIGINS).',
  unreachable: 'تعذر الوصول إلى خدمة الصور على {endpoint}. هل تعمل، وهل أنت متصل بالإنترنت؟',
  status: {
    queued: 'في الانتظار',
    preparing: 'جارٍ التحضير',
    uploading: '{percent}',
    paused: 'متوقف مؤقتًا',
    done: 'تم الرفع',
    error: 'فشل',
    canceled: 'أُلغي',
  },
  announce: '{name}: {status}',
  required: 'يُرجى رفع صورة.',
  busy: 'يُرجى الانتظار حتى ينتهي الرفع.',
  editor: {
    title: 'تحرير {name}',
    crop: 'منطقة القص',
    area: '{width} × {height} بكسل، على بعد {x} من اليسار و{y} من الأعلى',
    keys: 'تنقل مفاتيح الأسهم منطقة القص، وتغيّر Shift مع الأسهم حجمها، ويدوّر R الصورة، ويطبّق Enter، ويلغي Escape.',
    rotateLeft: 'تدوير لليسار',
    rotateRight: 'تدوير لليمين',
    flip: 'قلب',
    reset: 'إعادة ضبط',
    apply: 'تطبيق',
    cancel: 'إلغاء',
    rotated: 'تم التدوير {degrees} درجة',
    flipped: 'تم القلب',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, zero {الحد الأقصى # ملف.} one {ملف واحد على الأكثر.} two {ملفان على الأكثر.} few {الحد الأقصى # ملفات.} many {الحد الأقصى # ملفًا.} other {الحد الأقصى # ملف.}}',
    ERR_TYPE_NOT_ALLOWED: 'هذا النوع من الملفات غير مقبول.',
    ERR_FILE_EMPTY: 'الملف فارغ.',
    ERR_FILE_TOO_LARGE: 'الملف أكبر من {max}.',
    ERR_DIMENSIONS: 'الصورة صغيرة جدًا أو كبيرة جدًا.',
    ERR_NETWORK: 'خطأ في الشبكة؛ يُرجى المحاولة مرة أخرى.',
    ERR_ABORTED: 'أُلغي.',
    ERR_HEIC_UNSUPPORTED: 'لا يستطيع هذا المتصفح قراءة صور HEIC؛ يُرجى اختيار ملف JPEG.',
    ERR_DECODE_FAILED: 'تعذرت قراءة الصورة.',
    ERR_QUOTA_EXCEEDED: 'مساحة التخزين ممتلئة: استُخدم {used} من {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'لا تسمح خدمة الصور بهذه الرؤية (عامة أو خاصة).',
  },
};

export default ar;
