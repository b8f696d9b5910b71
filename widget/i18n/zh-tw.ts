import type { UploaderStrings } from './strings.js';

/**
 * Chinese (Traditional) (繁體中文), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `zh-tw`; or import it and call
 * `registerTranslation('zh-tw', zhTw)`, or load `dist/i18n/zh-tw.js` after the script-tag build.
 */
export const zhTw: UploaderStrings = {
  choose: '選擇圖片',
  hint: '或拖放、貼上到這裡',
  files: '檔案',
  total: '整體進度',
  cancel: '取消 {name}',
  remove: '移除 {name}',
  pause: '暫停 {name}',
  resume: '繼續 {name}',
  retry: '重試 {name}',
  edit: '編輯 {name}',
  clearFinished: '隱藏已完成',
  resized: '上傳前已縮小為 {width} × {height}',
  interrupted: '已中斷：{name}（{size}，已傳送 {percent}）。再次選擇該檔案即可繼續。',
  discard: '捨棄 {name}',
  cors: '位於 {endpoint} 的圖片服務拒絕了此網站：請在那裡允許其來源 {origin}（CORS_ORIGINS）。',
  unreachable: '無法連線到位於 {endpoint} 的圖片服務。服務是否在執行？你是否已連上網路？',
  status: {
    queued: '等待中',
    preparing: '準備中',
    uploading: '{percent}',
    paused: '已暫停',
    done: '已上傳',
    error: '失敗',
    canceled: '已取消',
  },
  announce: '{name}: {status}',
  required: '請上傳一張圖片。',
  busy: '請等候上傳完成。',
  editor: {
    title: '編輯 {name}',
    crop: '裁切區域',
    area: '{width} × {height} 像素，距左 {x}，距上 {y}',
    keys: '方向鍵移動裁切區域，Shift 加方向鍵調整大小，R 旋轉，Enter 套用，Esc 取消。',
    rotateLeft: '向左旋轉',
    rotateRight: '向右旋轉',
    flip: '翻轉',
    reset: '重設',
    apply: '套用',
    cancel: '取消',
    rotated: '已旋轉 {degrees} 度',
    flipped: '已翻轉',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {最多 # 個檔案。}}',
    ERR_TYPE_NOT_ALLOWED: '不接受此類型的檔案。',
    ERR_FILE_EMPTY: '檔案是空的。',
    ERR_FILE_TOO_LARGE: '檔案大於 {max}。',
    ERR_DIMENSIONS: '圖片太小或太大。',
    ERR_NETWORK: '網路錯誤，請重試。',
    ERR_ABORTED: '已取消。',
    ERR_HEIC_UNSUPPORTED: '此瀏覽器無法讀取 HEIC 相片，請選擇 JPEG。',
    ERR_DECODE_FAILED: '無法讀取圖片。',
    ERR_QUOTA_EXCEEDED: '儲存空間已滿：已使用 {used}，共 {limit}。',
    ERR_VISIBILITY_NOT_ALLOWED: '圖片服務不允許此可見度（公開或私人）。',
  },
};

export default zhTw;
