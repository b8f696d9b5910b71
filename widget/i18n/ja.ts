import type { UploaderStrings } from './strings.js';

/**
 * Japanese (日本語), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ja` or starts with `ja-`; or import it and call
 * `registerTranslation('ja', ja)`, or load `dist/i18n/ja.js` after the script-tag build.
 */
export const ja: UploaderStrings = {
  choose: '画像を選択',
  hint: 'またはここにドロップ／貼り付け',
  files: 'ファイル',
  total: '全体の進捗',
  cancel: '{name} をキャンセル',
  remove: '{name} を削除',
  pause: '{name} を一時停止',
  resume: '{name} を再開',
  retry: '{name} を再試行',
  edit: '{name} を編集',
  clearFinished: '完了したものを隠す',
  resized: 'アップロード前に {width} × {height} に縮小しました',
  interrupted: '中断: {name}（{size}、{percent} 送信済み）。再開するにはもう一度選択してください。',
  discard: '{name} を破棄',
  cors: '{endpoint} の画像サービスがこのサイトを拒否しています。そちらでオリジン {origin} を許可してください（CORS_ORIGINS）。',
  unreachable: '{endpoint} の画像サービスに接続できません。サービスは動いていますか？オンラインですか？',
  status: {
    queued: '待機中',
    preparing: '準備中',
    uploading: '{percent}',
    paused: '一時停止中',
    done: 'アップロード済み',
    error: '失敗',
    canceled: 'キャンセル済み',
  },
  announce: '{name}: {status}',
  required: '画像をアップロードしてください。',
  busy: 'アップロードが終わるまでお待ちください。',
  editor: {
    title: '{name} を編集',
    crop: '切り抜き範囲',
    area: '{width} × {height} ピクセル、左から {x}、上から {y}',
    keys: '矢印キーで切り抜き範囲を移動、Shift と矢印キーでサイズ変更、R で回転、Enter で適用、Esc でキャンセルします。',
    rotateLeft: '左に回転',
    rotateRight: '右に回転',
    flip: '反転',
    reset: 'リセット',
    apply: '適用',
    cancel: 'キャンセル',
    rotated: '{degrees} 度回転しました',
    flipped: '反転しました',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {ファイルは # 個までです。}}',
    ERR_TYPE_NOT_ALLOWED: 'この種類のファイルは受け付けられません。',
    ERR_FILE_EMPTY: 'ファイルが空です。',
    ERR_FILE_TOO_LARGE: 'ファイルが {max} を超えています。',
    ERR_DIMENSIONS: '画像が小さすぎるか大きすぎます。',
    ERR_NETWORK: 'ネットワークエラーです。もう一度お試しください。',
    ERR_ABORTED: 'キャンセルしました。',
    ERR_HEIC_UNSUPPORTED: 'このブラウザーは HEIC 写真を読み込めません。JPEG を選んでください。',
    ERR_DECODE_FAILED: '画像を読み込めませんでした。',
    ERR_QUOTA_EXCEEDED: 'ストレージがいっぱいです: {limit} 中 {used} を使用。',
    ERR_VISIBILITY_NOT_ALLOWED: '画像サービスはこの公開設定（公開または非公開）を許可していません。',
  },
};

export default ja;
