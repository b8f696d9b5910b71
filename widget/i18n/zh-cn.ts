import type { UploaderStrings } from './strings.js';

/**
 * Chinese (Simplified) (简体中文), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `zh-cn`; or import it and call
 * `registerTranslation('zh-cn', zhCn)`, or load `dist/i18n/zh-cn.js` after the script-tag build.
 */
export const zhCn: UploaderStrings = {
  choose: '选择图片',
  hint: '或拖放、粘贴到这里',
  files: '文件',
  total: '总进度',
  cancel: '取消 {name}',
  remove: '移除 {name}',
  pause: '暂停 {name}',
  resume: '继续 {name}',
  retry: '重试 {name}',
  edit: '编辑 {name}',
  clearFinished: '隐藏已完成',
  resized: '上传前已缩小为 {width} × {height}',
  interrupted: '已中断：{name}（{size}，已发送 {percent}）。再次选择该文件即可继续。',
  discard: '丢弃 {name}',
  cors: '位于 {endpoint} 的图片服务拒绝了此网站：请在那里允许其来源 {origin}（CORS_ORIGINS）。',
  unreachable: '无法连接位于 {endpoint} 的图片服务。它在运行吗？你联网了吗？',
  status: {
    queued: '等待中',
    preparing: '准备中',
    uploading: '{percent}',
    paused: '已暂停',
    done: '已上传',
    error: '失败',
    canceled: '已取消',
  },
  announce: '{name}: {status}',
  required: '请上传一张图片。',
  busy: '请等待上传完成。',
  editor: {
    title: '编辑 {name}',
    crop: '裁剪区域',
    area: '{width} × {height} 像素，距左 {x}，距上 {y}',
    keys: '方向键移动裁剪区域，Shift 加方向键调整大小，R 旋转，Enter 应用，Esc 取消。',
    rotateLeft: '向左旋转',
    rotateRight: '向右旋转',
    flip: '翻转',
    reset: '重置',
    apply: '应用',
    cancel: '取消',
    rotated: '已旋转 {degrees} 度',
    flipped: '已翻转',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {最多 # 个文件。}}',
    ERR_TYPE_NOT_ALLOWED: '不接受此类型的文件。',
    ERR_FILE_EMPTY: '文件为空。',
    ERR_FILE_TOO_LARGE: '文件大于 {max}。',
    ERR_DIMENSIONS: '图片太小或太大。',
    ERR_NETWORK: '网络错误，请重试。',
    ERR_ABORTED: '已取消。',
    ERR_HEIC_UNSUPPORTED: '此浏览器无法读取 HEIC 照片，请选择 JPEG。',
    ERR_DECODE_FAILED: '无法读取图片。',
    ERR_QUOTA_EXCEEDED: '存储空间已满：已用 {used}，共 {limit}。',
    ERR_VISIBILITY_NOT_ALLOWED: '图片服务不允许此可见性（公开或私有）。',
  },
};

export default zhCn;
