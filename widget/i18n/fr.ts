import type { UploaderStrings } from './strings.js';

/**
 * French (français), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `fr` or starts with `fr-`; or import it and call
 * `registerTranslation('fr', fr)`, or load `dist/i18n/fr.js` after the script-tag build.
 */
export const fr: UploaderStrings = {
  choose: 'Choisir des images',
  hint: 'ou les déposer ou coller ici',
  files: 'Fichiers',
  total: 'Progression totale',
  cancel: 'Annuler {name}',
  remove: 'Retirer {name}',
  pause: 'Mettre en pause {name}',
  resume: 'Reprendre {name}',
  retry: 'Réessayer {name}',
  edit: 'Modifier {name}',
  clearFinished: 'Masquer les terminés',
  resized: 'redimensionnée en {width} × {height} avant l’envoi',
  interrupted: 'Interrompu : {name} ({size}, {percent} envoyé). Choisissez-le à nouveau pour reprendre.',
  discard: 'Abandonner {name}',
  cors: 'Le service d’images à {endpoint} refuse ce site : autorisez-y son origine {origin} (CORS_ORIGINS).',
  unreachable:
    'Impossible de joindre le service d’images à {endpoint}. Est-il démarré, et êtes-vous en ligne ?',
  status: {
    queued: 'En attente',
    preparing: 'Préparation',
    uploading: '{percent}',
    paused: 'En pause',
    done: 'Envoyé',
    error: 'Échec',
    canceled: 'Annulé',
  },
  announce: '{name}: {status}',
  required: 'Veuillez envoyer une image.',
  busy: 'Veuillez attendre la fin des envois.',
  editor: {
    title: 'Modifier {name}',
    crop: 'Zone de recadrage',
    area: '{width} sur {height} pixels, à {x} de la gauche et {y} du haut',
    keys: 'Les flèches déplacent la zone de recadrage, Maj avec les flèches la redimensionne, R fait pivoter, Entrée applique, Échap annule.',
    rotateLeft: 'Pivoter à gauche',
    rotateRight: 'Pivoter à droite',
    flip: 'Retourner',
    reset: 'Réinitialiser',
    apply: 'Appliquer',
    cancel: 'Annuler',
    rotated: 'Pivotée de {degrees} degrés',
    flipped: 'Retournée',
  },
  errors: {
    ERR_TOO_MANY_FILES:
      '{max, plural, one {# fichier au maximum.} many {# de fichiers au maximum.} other {# fichiers au maximum.}}',
    ERR_TYPE_NOT_ALLOWED: 'Ce type de fichier n’est pas accepté.',
    ERR_FILE_EMPTY: 'Le fichier est vide.',
    ERR_FILE_TOO_LARGE: 'Le fichier dépasse {max}.',
    ERR_DIMENSIONS: 'L’image est trop petite ou trop grande.',
    ERR_NETWORK: 'Erreur réseau ; veuillez réessayer.',
    ERR_ABORTED: 'Annulé.',
    ERR_HEIC_UNSUPPORTED: 'Ce navigateur ne sait pas lire les photos HEIC ; veuillez choisir un JPEG.',
    ERR_DECODE_FAILED: 'L’image n’a pas pu être lue.',
    ERR_QUOTA_EXCEEDED: 'Votre espace de stockage est plein : {used} utilisés sur {limit}.',
    ERR_VISIBILITY_NOT_ALLOWED: 'Le service d’images n’autorise pas cette visibilité (publique ou privée).',
  },
};

export default fr;
