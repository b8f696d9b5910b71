import type { UploaderStrings } from './strings.js';

/**
 * Dutch (Nederlands), written for this project (widget/i18n/README.md). An element loads it
 * by itself when its `lang` (or an ancestor's) is `nl` or starts with `nl-`; or import it and call
 * `registerTranslation('nl', nl)`, or load `dist/i18n/nl.js` after the script-tag build.
 */
export const nl: UploaderStrings = {
  choose: 'Afbeeldingen kiezen',
  hint: 'of sleep of plak ze hier',
  files: 'Bestanden',
  total: 'Totale voortgang',
  cancel: '{name} annuleren',
  remove: '{name} verwijderen',
  pause: '{name} pauzeren',
  resume: '{name} hervatten',
  retry: '{name} opnieuw proberen',
  edit: '{name} bewerken',
  clearFinished: 'Voltooide verbergen',
  resized: 'vóór het uploaden verkleind tot {width} × {height}',
  interrupted: 'Onderbroken: {name} ({size}, {percent} verzonden). Kies het opnieuw om verder te gaan.',
  discard: '{name} verwerpen',
  cors: 'De afbeeldingsdienst op {endpoint} weigert deze site: sta daar de origin {origin} toe (CORS_ORIGINS).',
  unreachable: 'De afbeeldingsdienst op {endpoint} is niet bereikbaar. Draait hij, en bent u online?',
  status: {
    queued: 'Wachten',
    preparing: 'Voorbereiden',
    uploading: '{percent}',
    paused: 'Gepauzeerd',
    done: 'Geüpload',
    error: 'Mislukt',
    canceled: 'Geannuleerd',
  },
  announce: '{name}: {status}',
  required: 'Upload een afbeelding.',
  busy: 'Wacht tot de uploads klaar zijn.',
  editor: {
    title: '{name} bewerken',
    crop: 'Bijsnijgebied',
    area: '{width} bij {height} pixels, {x} van links, {y} van boven',
    keys: 'Pijltjestoetsen verplaatsen het bijsnijgebied, Shift met pijltjestoetsen wijzigt het formaat, R draait, Enter past toe, Escape annuleert.',
    rotateLeft: 'Linksom draaien',
    rotateRight: 'Rechtsom draaien',
    flip: 'Spiegelen',
    reset: 'Herstellen',
    apply: 'Toepassen',
    cancel: 'Annuleren',
    rotated: '{degrees} graden gedraaid',
    flipped: 'Gespiegeld',
  },
  errors: {
    ERR_TOO_MANY_FILES: '{max, plural, one {Hoogstens # bestand.} other {Hoogstens # bestanden.}}',
    ERR_TYPE_NOT_ALLOWED: 'Dit bestandstype wordt niet geaccepteerd.',
    ERR_FILE_EMPTY: 'Het bestand is leeg.',
    ERR_FILE_TOO_LARGE: 'Het bestand is groter dan {max}.',
    ERR_DIMENSIONS: 'De afbeelding is te klein of te groot.',
    ERR_NETWORK: 'Netwerkfout; probeer het opnieuw.',
    ERR_ABORTED: 'Geannuleerd.',
    ERR_HEIC_UNSUPPORTED: 'Deze browser kan geen HEIC-foto’s lezen; kies een JPEG.',
    ERR_DECODE_FAILED: 'De afbeelding kon niet worden gelezen.',
    ERR_QUOTA_EXCEEDED: 'Uw opslag is vol: {used} van {limit} gebruikt.',
    ERR_VISIBILITY_NOT_ALLOWED: 'De afbeeldingsdienst staat deze zichtbaarheid (openbaar of privé) niet toe.',
  },
};

export default nl;
