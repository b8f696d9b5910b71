import type { UploaderStrings } from './strings.js';

/**
 * Greek (Ελληνικά), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `el` or starts with `el-`; or import it and call
 * `registerTranslation('el', el)`, or load `dist/i18n/el.js` after the script-tag build.
 */
export const el: UploaderStrings = {
  choose: 'Επιλογή εικόνων',
  hint: 'ή σύρετε ή επικολλήστε τες εδώ',
  files: 'Αρχεία',
  total: 'Συνολική πρόοδος',
  cancel: 'Ακύρωση {name}',
  remove: 'Αφαίρεση {name}',
  pause: 'Παύση {name}',
  resume: 'Συνέχεια {name}',
  retry: 'Νέα δοκιμή {name}',
  edit: 'Επεξεργασία {name}',
  clearFinished: 'Απόκρυψη ολοκληρωμένων',
  resized: 'σμίκρυνση σε {width} × {height} πριν από τη μεταφόρτωση',
  interrupted: 'Διακόπηκε: {name} ({size}, στάλθηκε {percent}). Επιλέξτε το ξανά για να συνεχίσετε.',
  discard: 'Απόρριψη {name}',
  cors: 'Η υπηρεσία εικόνων στο {endpoint} απορρίπτει αυτόν τον ιστότοπο: επιτρέψτε εκεί την προέλευσή του {origin} (CORS_ORIGINS).',
  unreachable: 'Η υπηρεσία εικόνων στο {endpoint} δεν είναι προσβάσιμη. Λειτουργεί και είστε συνδεδεμένοι;',
  status: {
    queued: 'Σε αναμονή',
    preparing: 'Προετοιμασία',
    uploading: '{percent}',
    paused: 'Σε παύση',
    done: 'Μεταφορτώθηκε',
    error: 'Απέτυχε',
    canceled: 'Ακυρώθηκε',
  },
  announce: '{name}: {status}',
  required: 'Μεταφορτώστε μια εικόνα.',
  busy: 'Περιμένετε να ολοκληρωθούν οι μεταφορτώσεις.',
  editor: {
    title: 'Επεξεργασία {name}',
    crop: 'Περιοχή περικοπής',
    area: '{width} επί {height} εικονοστοιχεία, {x} από αριστερά, {y} από πάνω',
    keys: 'Τα βέλη μετακινούν την περιοχή περικοπής, το Shift με τα βέλη αλλάζει το μέγεθός της, το R περιστρέφει, το Enter εφαρμόζει, το Escape ακυρώνει.',
    rotateLeft: 'Περιστροφή αριστερά',
    rotateRight: 'Περιστροφή δεξιά',
    flip: 'Αναστροφή',
    reset: 'Επαναφορά',
    apply: 'Εφαρμογή',
    cancel: 'Ακύρωση',
    rotated: 'Περιστράφηκε {degrees} μοίρες',
    flipped: 'Αναστράφηκε',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Το πολύ # αρχείο.} other {Το πολύ # αρχεία.}}',
    ERR_TYPE_NOT_ALLOWED: 'Αυτός ο τύπος αρχείου δεν γίνεται δεκτός.',
    ERR_FILE_EMPTY: 'Το αρχείο είναι κενό.',
    ERR_FILE_TOO_LARGE: 'Το αρχείο είναι μεγαλύτερο από {max}.',
    ERR_DIMENSIONS: 'Η εικόνα είναι πολύ μικρή ή πολύ μεγάλη.',
    ERR_NETWORK: 'Σφάλμα δικτύου· δοκιμάστε ξανά.',
    ERR_ABORTED: 'Ακυρώθηκε.',
    ERR_HEIC_UNSUPPORTED: 'Αυτό το πρόγραμμα περιήγησης δεν διαβάζει φωτογραφίες HEIC· επιλέξτε JPEG.',
    ERR_DECODE_FAILED: 'Δεν ήταν δυνατή η ανάγνωση της εικόνας.',
    ERR_QUOTA_EXCEEDED: 'Ο χώρος σας είναι πλήρης: χρησιμοποιούνται {used} από {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Η υπηρεσία εικόνων δεν επιτρέπει αυτήν την ορατότητα (δημόσια ή ιδιωτική).',
  },
};

export default el;
