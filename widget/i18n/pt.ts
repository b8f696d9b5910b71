import type { UploaderStrings } from './strings.js';

/**
 * Portuguese (Portugal) (português europeu), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `pt` or starts with `pt-`; or import it and call
 * `registerTranslation('pt', pt)`, or load `dist/i18n/pt.js` after the script-tag build.
 */
export const pt: UploaderStrings = {
  choose: 'Escolher imagens',
  hint: 'ou arraste-as ou cole-as aqui',
  files: 'Ficheiros',
  total: 'Progresso total',
  cancel: 'Cancelar {name}',
  remove: 'Remover {name}',
  pause: 'Pausar {name}',
  resume: 'Retomar {name}',
  retry: 'Tentar de novo {name}',
  edit: 'Editar {name}',
  clearFinished: 'Ocultar concluídos',
  resized: 'redimensionada para {width} × {height} antes do envio',
  interrupted: 'Interrompido: {name} ({size}, {percent} enviado). Escolha-o de novo para retomar.',
  discard: 'Descartar {name}',
  cors: 'O serviço de imagens em {endpoint} recusa este site: permita lá a sua origem {origin} (CORS_ORIGINS).',
  unreachable:
    'Não é possível contactar o serviço de imagens em {endpoint}. Está a funcionar, e está ligado à Internet?',
  status: {
    queued: 'Em espera',
    preparing: 'A preparar',
    uploading: '{percent}',
    paused: 'Em pausa',
    done: 'Enviado',
    error: 'Falhou',
    canceled: 'Cancelado',
  },
  announce: '{name}: {status}',
  required: 'Envie uma imagem.',
  busy: 'Aguarde até os envios terminarem.',
  editor: {
    title: 'Editar {name}',
    crop: 'Área de recorte',
    area: '{width} por {height} píxeis, a {x} da esquerda e {y} do topo',
    keys: 'As setas movem a área de recorte, Shift com as setas redimensiona-a, R roda, Enter aplica, Esc cancela.',
    rotateLeft: 'Rodar para a esquerda',
    rotateRight: 'Rodar para a direita',
    flip: 'Espelhar',
    reset: 'Repor',
    apply: 'Aplicar',
    cancel: 'Cancelar',
    rotated: 'Rodada {degrees} graus',
    flipped: 'Espelhada',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {No máximo # ficheiro.} many {No máximo # de ficheiros.} other {No máximo # ficheiros.}}',
    ERR_TYPE_NOT_ALLOWED: 'Este tipo de ficheiro não é aceite.',
    ERR_FILE_EMPTY: 'O ficheiro está vazio.',
    ERR_FILE_TOO_LARGE: 'O ficheiro é maior do que {max}.',
    ERR_DIMENSIONS: 'A imagem é demasiado pequena ou demasiado grande.',
    ERR_NETWORK: 'Erro de rede; tente de novo.',
    ERR_ABORTED: 'Cancelado.',
    ERR_HEIC_UNSUPPORTED: 'Este navegador não consegue ler fotografias HEIC; escolha um JPEG.',
    ERR_DECODE_FAILED: 'Não foi possível ler a imagem.',
    ERR_QUOTA_EXCEEDED: 'O seu armazenamento está cheio: {used} de {limit} usados.',
    ERR_VISIBILITY_NOT_ALLOWED: 'O serviço de imagens não permite esta visibilidade (pública ou privada).',
  },
};

export default pt;
