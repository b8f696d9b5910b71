import type { UploaderStrings } from './strings.js';

/**
 * Turkish (Türkçe), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `tr` or starts with `tr-`; or import it and call
 * `registerTranslation('tr', tr)`, or load `dist/i18n/tr.js` after the script-tag build.
 */
export const tr: UploaderStrings = {
  choose: 'Görsel seç',
  hint: 'ya da buraya sürükleyin veya yapıştırın',
  files: 'Dosyalar',
  total: 'Toplam ilerleme',
  cancel: '{name} iptal et',
  remove: '{name} kaldır',
  pause: '{name} duraklat',
  resume: '{name} sürdür',
  retry: '{name} yeniden dene',
  edit: '{name} düzenle',
  clearFinished: 'Bitenleri gizle',
  resized: 'yüklemeden önce {width} × {height} boyutuna küçültüldü',
  interrupted: 'Yarıda kaldı: {name} ({size}, {percent} gönderildi). Sürdürmek için yeniden seçin.',
  discard: '{name} at',
  cors: '{endpoint} adresindeki görsel hizmeti bu siteyi reddediyor: orada {origin} kaynağına izin verin (CORS_ORIGINS).',
  unreachable: '{endpoint} adresindeki görsel hizmetine ulaşılamıyor. Çalışıyor mu, ve çevrimiçi misiniz?',
  status: {
    queued: 'Bekliyor',
    preparing: 'Hazırlanıyor',
    uploading: '{percent}',
    paused: 'Duraklatıldı',
    done: 'Yüklendi',
    error: 'Başarısız',
    canceled: 'İptal edildi',
  },
  announce: '{name}: {status}',
  required: 'Lütfen bir görsel yükleyin.',
  busy: 'Lütfen yüklemeler bitene kadar bekleyin.',
  editor: {
    title: '{name} düzenle',
    crop: 'Kırpma alanı',
    area: '{width} × {height} piksel, soldan {x}, üstten {y}',
    keys: 'Ok tuşları kırpma alanını taşır, Shift ile ok tuşları boyutunu değiştirir, R döndürür, Enter uygular, Escape iptal eder.',
    rotateLeft: 'Sola döndür',
    rotateRight: 'Sağa döndür',
    flip: 'Çevir',
    reset: 'Sıfırla',
    apply: 'Uygula',
    cancel: 'İptal',
    rotated: '{degrees} derece döndürüldü',
    flipped: 'Çevrildi',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {En fazla # dosya.} other {En fazla # dosya.}}',
    ERR_TYPE_NOT_ALLOWED: 'Bu dosya türü kabul edilmiyor.',
    ERR_FILE_EMPTY: 'Dosya boş.',
    ERR_FILE_TOO_LARGE: 'Dosya {max} boyutundan büyük.',
    ERR_DIMENSIONS: 'Görsel çok küçük ya da çok büyük.',
    ERR_NETWORK: 'Ağ hatası; lütfen yeniden deneyin.',
    ERR_ABORTED: 'İptal edildi.',
    ERR_HEIC_UNSUPPORTED: 'Bu tarayıcı HEIC fotoğrafları okuyamıyor; lütfen bir JPEG seçin.',
    ERR_DECODE_FAILED: 'Görsel okunamadı.',
    ERR_QUOTA_EXCEEDED: 'Depolama alanınız dolu: {limit} alanın {used} kadarı kullanılıyor.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Görsel hizmeti bu görünürlüğe (herkese açık ya da özel) izin vermiyor.',
  },
};

export default tr;
