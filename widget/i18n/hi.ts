import type { UploaderStrings } from './strings.js';

/**
 * Hindi (हिन्दी), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `hi` or starts with `hi-`; or import it and call
 * `registerTranslation('hi', hi)`, or load `dist/i18n/hi.js` after the script-tag build.
 */
export const hi: UploaderStrings = {
  choose: 'छवियाँ चुनें',
  hint: 'या उन्हें यहाँ खींचें या चिपकाएँ',
  files: 'फ़ाइलें',
  total: 'कुल प्रगति',
  cancel: '{name} रद्द करें',
  remove: '{name} हटाएँ',
  pause: '{name} रोकें',
  resume: '{name} फिर से शुरू करें',
  retry: '{name} दोबारा आज़माएँ',
  edit: '{name} संपादित करें',
  clearFinished: 'पूरी हुई छिपाएँ',
  resized: 'अपलोड से पहले {width} × {height} तक छोटी की गई',
  interrupted: 'बाधित: {name} ({size}, {percent} भेजा गया)। जारी रखने के लिए इसे फिर से चुनें।',
  discard: '{name} छोड़ें',
  cors: '{endpoint} पर छवि सेवा इस साइट को अस्वीकार करती है: वहाँ इसके ऑरिजिन {origin} को अनुमति दें (CORS_ORIGINS)।',
  unreachable: '{endpoint} पर छवि सेवा तक नहीं पहुँचा जा सका। क्या वह चल रही है, और क्या आप ऑनलाइन हैं?',
  status: {
    queued: 'प्रतीक्षा में',
    preparing: 'तैयारी हो रही है',
    uploading: '{percent}',
    paused: 'रुका हुआ',
    done: 'अपलोड हो गया',
    error: 'विफल',
    canceled: 'रद्द किया गया',
  },
  announce: '{name}: {status}',
  required: 'कृपया एक छवि अपलोड करें।',
  busy: 'कृपया अपलोड पूरे होने तक प्रतीक्षा करें।',
  editor: {
    title: '{name} संपादित करें',
    crop: 'क्रॉप क्षेत्र',
    area: '{width} × {height} पिक्सेल, बाएँ से {x}, ऊपर से {y}',
    keys: 'तीर कुंजियाँ क्रॉप क्षेत्र को खिसकाती हैं, Shift के साथ तीर उसका आकार बदलते हैं, R घुमाता है, Enter लागू करता है, Escape रद्द करता है।',
    rotateLeft: 'बाएँ घुमाएँ',
    rotateRight: 'दाएँ घुमाएँ',
    flip: 'पलटें',
    reset: 'रीसेट करें',
    apply: 'लागू करें',
    cancel: 'रद्द करें',
    rotated: '{degrees} डिग्री घुमाया गया',
    flipped: 'पलटा गया',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {अधिकतम # फ़ाइल।} other {अधिकतम # फ़ाइलें।}}',
    ERR_TYPE_NOT_ALLOWED: 'इस प्रकार की फ़ाइल स्वीकार नहीं की जाती।',
    ERR_FILE_EMPTY: 'फ़ाइल खाली है।',
    ERR_FILE_TOO_LARGE: 'फ़ाइल {max} से बड़ी है।',
    ERR_DIMENSIONS: 'छवि बहुत छोटी या बहुत बड़ी है।',
    ERR_NETWORK: 'नेटवर्क त्रुटि; कृपया फिर से प्रयास करें।',
    ERR_ABORTED: 'रद्द किया गया।',
    ERR_HEIC_UNSUPPORTED: 'यह ब्राउज़र HEIC फ़ोटो नहीं पढ़ सकता; कृपया JPEG चुनें।',
    ERR_DECODE_FAILED: 'छवि पढ़ी नहीं जा सकी।',
    ERR_QUOTA_EXCEEDED: 'आपका संग्रहण भर गया है: {limit} में से {used} उपयोग में।',
    ERR_VISIBILITY_NOT_ALLOWED: 'छवि सेवा यह दृश्यता (सार्वजनिक या निजी) अनुमत नहीं करती।',
  },
};

export default hi;
