import type { UploaderStrings } from './strings.js';

/**
 * Indonesian (Bahasa Indonesia), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `id` or starts with `id-`; or import it and call
 * `registerTranslation('id', id)`, or load `dist/i18n/id.js` after the script-tag build.
 */
export const id: UploaderStrings = {
  choose: 'Pilih gambar',
  hint: 'atau seret atau tempel di sini',
  files: 'Berkas',
  total: 'Kemajuan total',
  cancel: 'Batalkan {name}',
  remove: 'Hapus {name}',
  pause: 'Jeda {name}',
  resume: 'Lanjutkan {name}',
  retry: 'Coba lagi {name}',
  edit: 'Edit {name}',
  clearFinished: 'Sembunyikan yang selesai',
  resized: 'diperkecil menjadi {width} × {height} sebelum diunggah',
  interrupted: 'Terputus: {name} ({size}, {percent} terkirim). Pilih lagi untuk melanjutkan.',
  discard: 'Buang {name}',
  cors: 'Layanan gambar di {endpoint} menolak situs ini: izinkan origin-nya {origin} di sana (CORS_ORIGINS).',
  unreachable:
    'Tidak dapat menjangkau layanan gambar di {endpoint}. Apakah layanan berjalan, dan apakah Anda sedang daring?',
  status: {
    queued: 'Menunggu',
    preparing: 'Menyiapkan',
    uploading: '{percent}',
    paused: 'Dijeda',
    done: 'Terunggah',
    error: 'Gagal',
    canceled: 'Dibatalkan',
  },
  announce: '{name}: {status}',
  required: 'Harap unggah gambar.',
  busy: 'Harap tunggu hingga unggahan selesai.',
  editor: {
    title: 'Edit {name}',
    crop: 'Area potong',
    area: '{width} × {height} piksel, {x} dari kiri, {y} dari atas',
    keys: 'Tombol panah memindahkan area potong, Shift dengan panah mengubah ukurannya, R memutar, Enter menerapkan, Escape membatalkan.',
    rotateLeft: 'Putar ke kiri',
    rotateRight: 'Putar ke kanan',
    flip: 'Balik',
    reset: 'Atur ulang',
    apply: 'Terapkan',
    cancel: 'Batal',
    rotated: 'Diputar {degrees} derajat',
    flipped: 'Dibalik',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {Paling banyak # berkas.}}',
    ERR_TYPE_NOT_ALLOWED: 'Jenis berkas ini tidak diterima.',
    ERR_FILE_EMPTY: 'Berkas kosong.',
    ERR_FILE_TOO_LARGE: 'Berkas lebih besar dari {max}.',
    ERR_DIMENSIONS: 'Gambar terlalu kecil atau terlalu besar.',
    ERR_NETWORK: 'Kesalahan jaringan; silakan coba lagi.',
    ERR_ABORTED: 'Dibatalkan.',
    ERR_HEIC_UNSUPPORTED: 'Peramban ini tidak dapat membaca foto HEIC; silakan pilih JPEG.',
    ERR_DECODE_FAILED: 'Gambar tidak dapat dibaca.',
    ERR_QUOTA_EXCEEDED: 'Penyimpanan Anda penuh: {used} dari {limit} terpakai.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Layanan gambar tidak mengizinkan visibilitas ini (publik atau privat).',
  },
};

export default id;
