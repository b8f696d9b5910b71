import type { UploaderStrings } from './strings.js';

/**
 * Vietnamese (Tiếng Việt), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `vi` or starts with `vi-`; or import it and call
 * `registerTranslation('vi', vi)`, or load `dist/i18n/vi.js` after the script-tag build.
 */
export const vi: UploaderStrings = {
  choose: 'Chọn ảnh',
  hint: 'hoặc kéo thả hay dán vào đây',
  files: 'Tệp',
  total: 'Tiến độ tổng',
  cancel: 'Hủy {name}',
  remove: 'Xóa {name}',
  pause: 'Tạm dừng {name}',
  resume: 'Tiếp tục {name}',
  retry: 'Thử lại {name}',
  edit: 'Sửa {name}',
  clearFinished: 'Ẩn các tệp đã xong',
  resized: 'đã thu nhỏ còn {width} × {height} trước khi tải lên',
  interrupted: 'Bị gián đoạn: {name} ({size}, đã gửi {percent}). Hãy chọn lại tệp để tiếp tục.',
  discard: 'Bỏ {name}',
  cors: 'Dịch vụ ảnh tại {endpoint} từ chối trang này: hãy cho phép nguồn gốc {origin} của trang ở đó (CORS_ORIGINS).',
  unreachable:
    'Không kết nối được dịch vụ ảnh tại {endpoint}. Dịch vụ có đang chạy, và bạn có đang trực tuyến không?',
  status: {
    queued: 'Đang chờ',
    preparing: 'Đang chuẩn bị',
    uploading: '{percent}',
    paused: 'Đã tạm dừng',
    done: 'Đã tải lên',
    error: 'Thất bại',
    canceled: 'Đã hủy',
  },
  announce: '{name}: {status}',
  required: 'Vui lòng tải lên một ảnh.',
  busy: 'Vui lòng đợi đến khi tải lên xong.',
  editor: {
    title: 'Sửa {name}',
    crop: 'Vùng cắt',
    area: '{width} × {height} pixel, cách trái {x}, cách trên {y}',
    keys: 'Phím mũi tên di chuyển vùng cắt, Shift cùng mũi tên đổi kích thước, R xoay, Enter áp dụng, Escape hủy.',
    rotateLeft: 'Xoay trái',
    rotateRight: 'Xoay phải',
    flip: 'Lật',
    reset: 'Đặt lại',
    apply: 'Áp dụng',
    cancel: 'Hủy',
    rotated: 'Đã xoay {degrees} độ',
    flipped: 'Đã lật',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {Tối đa # tệp.}}',
    ERR_TYPE_NOT_ALLOWED: 'Loại tệp này không được chấp nhận.',
    ERR_FILE_EMPTY: 'Tệp trống.',
    ERR_FILE_TOO_LARGE: 'Tệp lớn hơn {max}.',
    ERR_DIMENSIONS: 'Ảnh quá nhỏ hoặc quá lớn.',
    ERR_NETWORK: 'Lỗi mạng; vui lòng thử lại.',
    ERR_ABORTED: 'Đã hủy.',
    ERR_HEIC_UNSUPPORTED: 'Trình duyệt này không đọc được ảnh HEIC; vui lòng chọn ảnh JPEG.',
    ERR_DECODE_FAILED: 'Không đọc được ảnh.',
    ERR_QUOTA_EXCEEDED: 'Bộ nhớ của bạn đã đầy: đã dùng {used} trên {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Dịch vụ ảnh không cho phép chế độ hiển thị này (công khai hoặc riêng tư).',
  },
};

export default vi;
