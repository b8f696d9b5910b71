import type { UploaderStrings } from './strings.js';

/**
 * Thai (ไทย), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `th` or starts with `th-`; or import it and call
 * `registerTranslation('th', th)`, or load `dist/i18n/th.js` after the script-tag build.
 */
export const th: UploaderStrings = {
  choose: 'เลือกรูปภาพ',
  hint: 'หรือลากหรือวางที่นี่',
  files: 'ไฟล์',
  total: 'ความคืบหน้าทั้งหมด',
  cancel: 'ยกเลิก {name}',
  remove: 'นำ {name} ออก',
  pause: 'หยุด {name} ชั่วคราว',
  resume: 'ทำต่อ {name}',
  retry: 'ลองอีกครั้ง {name}',
  edit: 'แก้ไข {name}',
  clearFinished: 'ซ่อนรายการที่เสร็จแล้ว',
  resized: 'ย่อเป็น {width} × {height} ก่อนอัปโหลด',
  interrupted: 'ถูกขัดจังหวะ: {name} ({size}, ส่งแล้ว {percent}) เลือกไฟล์อีกครั้งเพื่อทำต่อ',
  discard: 'ทิ้ง {name}',
  cors: 'บริการรูปภาพที่ {endpoint} ปฏิเสธเว็บไซต์นี้: อนุญาตต้นทาง {origin} ของเว็บไซต์ที่นั่น (CORS_ORIGINS)',
  unreachable: 'ติดต่อบริการรูปภาพที่ {endpoint} ไม่ได้ บริการทำงานอยู่หรือไม่ และคุณออนไลน์อยู่หรือไม่',
  status: {
    queued: 'รอ',
    preparing: 'กำลังเตรียม',
    uploading: '{percent}',
    paused: 'หยุดชั่วคราว',
    done: 'อัปโหลดแล้ว',
    error: 'ล้มเหลว',
    canceled: 'ยกเลิกแล้ว',
  },
  announce: '{name}: {status}',
  required: 'โปรดอัปโหลดรูปภาพ',
  busy: 'โปรดรอจนกว่าการอัปโหลดจะเสร็จ',
  editor: {
    title: 'แก้ไข {name}',
    crop: 'พื้นที่ครอบตัด',
    area: '{width} × {height} พิกเซล ห่างจากซ้าย {x} ห่างจากบน {y}',
    keys: 'ปุ่มลูกศรย้ายพื้นที่ครอบตัด Shift กับลูกศรปรับขนาด R หมุน Enter ใช้ Escape ยกเลิก',
    rotateLeft: 'หมุนซ้าย',
    rotateRight: 'หมุนขวา',
    flip: 'พลิก',
    reset: 'รีเซ็ต',
    apply: 'ใช้',
    cancel: 'ยกเลิก',
    rotated: 'หมุนแล้ว {degrees} องศา',
    flipped: 'พลิกแล้ว',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {ไม่เกิน # ไฟล์}}',
    ERR_TYPE_NOT_ALLOWED: 'ไม่รับไฟล์ประเภทนี้',
    ERR_FILE_EMPTY: 'ไฟล์ว่างเปล่า',
    ERR_FILE_TOO_LARGE: 'ไฟล์ใหญ่กว่า {max}',
    ERR_DIMENSIONS: 'รูปภาพเล็กหรือใหญ่เกินไป',
    ERR_NETWORK: 'ข้อผิดพลาดของเครือข่าย โปรดลองอีกครั้ง',
    ERR_ABORTED: 'ยกเลิกแล้ว',
    ERR_HEIC_UNSUPPORTED: 'เบราว์เซอร์นี้อ่านรูปภาพ HEIC ไม่ได้ โปรดเลือกไฟล์ JPEG',
    ERR_DECODE_FAILED: 'อ่านรูปภาพไม่ได้',
    ERR_QUOTA_EXCEEDED: 'พื้นที่จัดเก็บของคุณเต็มแล้ว: ใช้ไป {used} จาก {limit}',
    ERR_VISIBILITY_NOT_ALLOWED: 'บริการรูปภาพไม่อนุญาตการมองเห็นแบบนี้ (สาธารณะหรือส่วนตัว)',
  },
};

export default th;
