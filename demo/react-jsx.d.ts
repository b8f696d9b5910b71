/**
 * JSX types for the custom elements on the React page. React 19 passes a custom element's known
 * properties as properties and `on<event-name>` props as event listeners; these types say which.
 */
import type { ReactNode, Ref } from 'react';
import type { ImageUploader } from '../widget/image-uploader.js';
import type { ImageGallery } from './shared/image-gallery.js';

type UploaderEventName =
  'upload-add' | 'upload-start' | 'upload-progress' | 'upload-success' | 'upload-error' | 'upload-complete';

/** `onupload-success={(event) => …}` with the event's own class. */
type EventProps<Name extends keyof GlobalEventHandlersEventMap> = {
  [K in Name as `on${K}`]?: (event: GlobalEventHandlersEventMap[K]) => void;
};

interface BaseProps<E> {
  ref?: Ref<E>;
  id?: string;
  className?: string;
  lang?: string;
  children?: ReactNode;
}

type UploaderProps = BaseProps<ImageUploader> &
  Partial<
    Pick<
      ImageUploader,
      | 'endpoint'
      | 'accept'
      | 'multiple'
      | 'capture'
      | 'maxSize'
      | 'maxFiles'
      | 'maxDimension'
      | 'keepMetadata'
      | 'concurrency'
      | 'name'
      | 'required'
      | 'disabled'
      | 'getToken'
      | 'strings'
    >
  > &
  EventProps<UploaderEventName> & { onchange?: (event: Event) => void };

type GalleryProps = BaseProps<ImageGallery> & Partial<Pick<ImageGallery, 'endpoint' | 'getToken'>>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'image-uploader': UploaderProps;
      'image-gallery': GalleryProps;
    }
  }
}
