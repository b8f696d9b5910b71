import type { UploaderStrings } from './strings.js';

/**
 * Hebrew (עברית), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `he` or starts with `he-`; or import it and call
 * `registerTranslation('he', he)`, or load `dist/i18n/he.js` after the script-tag build.
 */
export const he: UploaderStrings = {
  choose: 'בחירת תמונות',
  hint: 'או לגרור או להדביק אותן כאן',
  files: 'קבצים',
  total: 'התקדמות כוללת',
  cancel: 'ביטול {name}',
  remove: 'הסרת {name}',
  pause: 'השהיית {name}',
  resume: 'המשך {name}',
  retry: 'ניסיון חוזר {name}',
  edit: 'עריכת {name}',
  clearFinished: 'הסתרת הקבצים שהסתיימו',
  resized: 'הוקטנה ל־{width} × {height} לפני ההעלאה',
  interrupted: 'הופסק: {name} ({size}, נשלחו {percent}). יש לבחור בו שוב כדי להמשיך.',
  discard: 'השלכת {name}',
  cors: 'שירות התמונות ב־{endpoint} דוחה את האתר הזה: יש לאשר שם את המקור שלו {origin} (CORS_ORIGINS).',
  unreachable: 'אין גישה לשירות התמונות ב־{endpoint}. האם הוא פועל, והאם יש חיבור לרשת?',
  status: {
    queued: 'ממתין',
    preparing: 'בהכנה',
    uploading: '{percent}',
    paused: 'מושהה',
    done: 'הועלה',
    error: 'נכשל',
    canceled: 'בוטל',
  },
  announce: '{name}: {status}',
  required: 'נא להעלות תמונה.',
  busy: 'נא להמתין עד לסיום ההעלאות.',
  editor: {
    title: 'עריכת {name}',
    crop: 'אזור החיתוך',
    area: '{width} על {height} פיקסלים, {x} משמאל, {y} מלמעלה',
    keys: 'מקשי החצים מזיזים את אזור החיתוך, Shift עם החצים משנה את גודלו, R מסובב, Enter מחיל, Escape מבטל.',
    rotateLeft: 'סיבוב שמאלה',
    rotateRight: 'סיבוב ימינה',
    flip: 'היפוך',
    reset: 'איפוס',
    apply: 'החלה',
    cancel: 'ביטול',
    rotated: 'סובב ב־{degrees} מעלות',
    flipped: 'הופך',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {קובץ אחד לכל היותר.} two {שני קבצים לכל היותר.} other {# קבצים לכל היותר.}}',
    ERR_TYPE_NOT_ALLOWED: 'סוג קובץ זה אינו מתקבל.',
    ERR_FILE_EMPTY: 'הקובץ ריק.',
    ERR_FILE_TOO_LARGE: 'הקובץ גדול מ־{max}.',
    ERR_DIMENSIONS: 'התמונה קטנה מדי או גדולה מדי.',
    ERR_NETWORK: 'שגיאת רשת; נא לנסות שוב.',
    ERR_ABORTED: 'בוטל.',
    ERR_HEIC_UNSUPPORTED: 'הדפדפן הזה אינו יכול לקרוא תמונות HEIC; נא לבחור JPEG.',
    ERR_DECODE_FAILED: 'לא ניתן היה לקרוא את התמונה.',
    ERR_QUOTA_EXCEEDED: 'האחסון שלך מלא: {used} מתוך {limit} בשימוש.',
    ERR_VISIBILITY_NOT_ALLOWED: 'שירות התמונות אינו מתיר את הנראות הזאת (ציבורית או פרטית).',
  },
};

export default he;
