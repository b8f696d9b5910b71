import type { UploaderStrings } from './strings.js';

/**
 * Portuguese (Brazil) (português do Brasil), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `pt-br`; or import it and call
 * `registerTranslation('pt-br', ptBr)`, or load `dist/i18n/pt-br.js` after the script-tag build.
 */
export const ptBr: UploaderStrings = {
  choose: 'Escolher imagens',
  hint: 'ou arraste ou cole aqui',
  files: 'Arquivos',
  total: 'Progresso total',
  cancel: 'Cancelar {name}',
  remove: 'Remover {name}',
  pause: 'Pausar {name}',
  resume: 'Retomar {name}',
  retry: 'Tentar novamente {name}',
  edit: 'Editar {name}',
  clearFinished: 'Ocultar concluídos',
  resized: 'redimensionada para {width} × {height} antes do envio',
  interrupted: 'Interrompido: {name} ({size}, {percent} enviado). Escolha-o novamente para retomar.',
  discard: 'Descartar {name}',
  cors: 'O serviço de imagens em {endpoint} recusa este site: permita lá a origem {origin} (CORS_ORIGINS).',
  unreachable:
    'Não foi possível acessar o serviço de imagens em {endpoint}. Ele está rodando, e você está on-line?',
  status: {
    queued: 'Aguardando',
    preparing: 'Preparando',
    uploading: '{percent}',
    paused: 'Pausado',
    done: 'Enviado',
    error: 'Falhou',
    canceled: 'Cancelado',
  },
  announce: '{name}: {status}',
  required: 'Envie uma imagem.',
  busy: 'Aguarde o fim dos envios.',
  editor: {
    title: 'Editar {name}',
    crop: 'Área de corte',
    area: '{width} por {height} pixels, a {x} da esquerda e {y} do topo',
    keys: 'As setas movem a área de corte, Shift com as setas a redimensiona, R gira, Enter aplica, Esc cancela.',
    rotateLeft: 'Girar para a esquerda',
    rotateRight: 'Girar para a direita',
    flip: 'Espelhar',
    reset: 'Redefinir',
    apply: 'Aplicar',
    cancel: 'Cancelar',
    rotated: 'Girada {degrees} graus',
    flipped: 'Espelhada',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {No máximo # arquivo.} many {No máximo # de arquivos.} other {No máximo # arquivos.}}',
    ERR_TYPE_NOT_ALLOWED: 'Este tipo de arquivo não é aceito.',
    ERR_FILE_EMPTY: 'O arquivo está vazio.',
    ERR_FILE_TOO_LARGE: 'O arquivo é maior que {max}.',
    ERR_DIMENSIONS: 'A imagem é pequena ou grande demais.',
    ERR_NETWORK: 'Erro de rede; tente novamente.',
    ERR_ABORTED: 'Cancelado.',
    ERR_HEIC_UNSUPPORTED: 'Este navegador não lê fotos HEIC; escolha um JPEG.',
    ERR_DECODE_FAILED: 'Não foi possível ler a imagem.',
    ERR_QUOTA_EXCEEDED: 'Seu armazenamento está cheio: {used} de {limit} usados.',
    ERR_VISIBILITY_NOT_ALLOWED: 'O serviço de imagens não permite esta visibilidade (pública ou privada).',
  },
};

export default ptBr;
