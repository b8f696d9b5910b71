import type { UploaderStrings } from './strings.js';

/**
 * Korean (한국어), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `ko` or starts with `ko-`; or import it and call
 * `registerTranslation('ko', ko)`, or load `dist/i18n/ko.js` after the script-tag build.
 */
export const ko: UploaderStrings = {
  choose: '이미지 선택',
  hint: '또는 여기에 끌어다 놓거나 붙여넣기',
  files: '파일',
  total: '전체 진행률',
  cancel: '{name} 취소',
  remove: '{name} 제거',
  pause: '{name} 일시 중지',
  resume: '{name} 재개',
  retry: '{name} 다시 시도',
  edit: '{name} 편집',
  clearFinished: '완료된 항목 숨기기',
  resized: '업로드 전에 {width} × {height}(으)로 축소됨',
  interrupted: '중단됨: {name} ({size}, {percent} 전송됨). 이어서 올리려면 다시 선택하세요.',
  discard: '{name} 버리기',
  cors: '{endpoint}의 이미지 서비스가 이 사이트를 거부합니다. 그곳에서 이 사이트의 출처 {origin}을(를) 허용하세요(CORS_ORIGINS).',
  unreachable: '{endpoint}의 이미지 서비스에 연결할 수 없습니다. 서비스가 실행 중이고 온라인 상태인가요?',
  status: {
    queued: '대기 중',
    preparing: '준비 중',
    uploading: '{percent}',
    paused: '일시 중지됨',
    done: '업로드됨',
    error: '실패',
    canceled: '취소됨',
  },
  announce: '{name}: {status}',
  required: '이미지를 업로드하세요.',
  busy: '업로드가 끝날 때까지 기다려 주세요.',
  editor: {
    title: '{name} 편집',
    crop: '자르기 영역',
    area: '{width} × {height} 픽셀, 왼쪽에서 {x}, 위에서 {y}',
    keys: '화살표 키로 자르기 영역을 옮기고, Shift와 화살표 키로 크기를 바꾸고, R로 회전하고, Enter로 적용하고, Esc로 취소합니다.',
    rotateLeft: '왼쪽으로 회전',
    rotateRight: '오른쪽으로 회전',
    flip: '뒤집기',
    reset: '초기화',
    apply: '적용',
    cancel: '취소',
    rotated: '{degrees}도 회전함',
    flipped: '뒤집음',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, other {파일은 최대 #개입니다.}}',
    ERR_TYPE_NOT_ALLOWED: '이 형식의 파일은 받지 않습니다.',
    ERR_FILE_EMPTY: '파일이 비어 있습니다.',
    ERR_FILE_TOO_LARGE: '파일이 {max}보다 큽니다.',
    ERR_DIMENSIONS: '이미지가 너무 작거나 너무 큽니다.',
    ERR_NETWORK: '네트워크 오류입니다. 다시 시도하세요.',
    ERR_ABORTED: '취소됨.',
    ERR_HEIC_UNSUPPORTED: '이 브라우저는 HEIC 사진을 읽을 수 없습니다. JPEG를 선택하세요.',
    ERR_DECODE_FAILED: '이미지를 읽을 수 없습니다.',
    ERR_QUOTA_EXCEEDED: '저장 공간이 가득 찼습니다: {limit} 중 {used} 사용.',
    ERR_VISIBILITY_NOT_ALLOWED: '이미지 서비스가 이 공개 범위(공개 또는 비공개)를 허용하지 않습니다.',
  },
};

export default ko;
