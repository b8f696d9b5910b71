import type { UploaderStrings } from './strings.js';

/**
 * Spanish (español), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `es` or starts with `es-`; or import it and call
 * `registerTranslation('es', es)`, or load `dist/i18n/es.js` after the script-tag build.
 */
export const es: UploaderStrings = {
  choose: 'Elegir imágenes',
  hint: 'o arrástralas o pégalas aquí',
  files: 'Archivos',
  total: 'Progreso total',
  cancel: 'Cancelar {name}',
  remove: 'Quitar {name}',
  pause: 'Pausar {name}',
  resume: 'Reanudar {name}',
  retry: 'Reintentar {name}',
  edit: 'Editar {name}',
  clearFinished: 'Ocultar terminados',
  resized: 'redimensionada a {width} × {height} antes de subirla',
  interrupted: 'Interrumpido: {name} ({size}, {percent} enviado). Elígelo de nuevo para continuar.',
  discard: 'Descartar {name}',
  cors: 'El servicio de imágenes en {endpoint} rechaza este sitio: permite allí su origen {origin} (CORS_ORIGINS).',
  unreachable:
    'No se puede conectar con el servicio de imágenes en {endpoint}. ¿Está en marcha y tienes conexión?',
  status: {
    queued: 'En espera',
    preparing: 'Preparando',
    uploading: '{percent}',
    paused: 'En pausa',
    done: 'Subido',
    error: 'Error',
    canceled: 'Cancelado',
  },
  announce: '{name}: {status}',
  required: 'Sube una imagen.',
  busy: 'Espera a que terminen las subidas.',
  editor: {
    title: 'Editar {name}',
    crop: 'Área de recorte',
    area: '{width} por {height} píxeles, a {x} de la izquierda y {y} de arriba',
    keys: 'Las flechas mueven el área de recorte, Mayús con las flechas la redimensiona, R gira, Intro aplica, Esc cancela.',
    rotateLeft: 'Girar a la izquierda',
    rotateRight: 'Girar a la derecha',
    flip: 'Voltear',
    reset: 'Restablecer',
    apply: 'Aplicar',
    cancel: 'Cancelar',
    rotated: 'Girada {degrees} grados',
    flipped: 'Volteada',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {Como máximo # archivo.} many {Como máximo # de archivos.} other {Como máximo # archivos.}}',
    ERR_TYPE_NOT_ALLOWED: 'Este tipo de archivo no se acepta.',
    ERR_FILE_EMPTY: 'El archivo está vacío.',
    ERR_FILE_TOO_LARGE: 'El archivo supera {max}.',
    ERR_DIMENSIONS: 'La imagen es demasiado pequeña o demasiado grande.',
    ERR_NETWORK: 'Error de red; inténtalo de nuevo.',
    ERR_ABORTED: 'Cancelado.',
    ERR_HEIC_UNSUPPORTED: 'Este navegador no puede leer fotos HEIC; elige un JPEG.',
    ERR_DECODE_FAILED: 'No se ha podido leer la imagen.',
    ERR_QUOTA_EXCEEDED: 'Tu almacenamiento está lleno: {used} de {limit} usados.',
    ERR_VISIBILITY_NOT_ALLOWED: 'El servicio de imágenes no permite esta visibilidad (pública o privada).',
  },
};

export default es;
