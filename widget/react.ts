/**
 * `image-uploader-element/react`: registers `<image-uploader>` (everything the main entry exports)
 * and types it in React 19's JSX. React 19 sets a custom element's known properties as properties
 * and turns `on<event-name>` props into listeners for that exact event name, so no wrapper is
 * needed; these types say which props exist and what each listener receives.
 * A project without React never loads this file, so it gets no errors from it.
 * @example
 * import 'image-uploader-element/react';
 *
 * <image-uploader
 *   endpoint="https://signer.example.com"
 *   getToken={() => auth.getAccessToken()}
 *   onupload-success={(event) => onUploaded(event.detail.id)}
 * />;
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ImageUploaderEventMap, ImageUploaderProperty } from './element-types.js';
import type { ImageUploader } from './image-uploader.js';

export * from './index.js';

/**
 * JSX props of a custom element for React 19: the usual HTML attributes, `ref` and `key`, the
 * chosen properties, and an `on<event>` listener per event. Also for typing other elements.
 * @example
 * declare module 'react' {
 *   namespace JSX {
 *     interface IntrinsicElements {
 *       'my-gallery': CustomElementJsxProps<MyGallery, 'endpoint' | 'getToken'>;
 *     }
 *   }
 * }
 */
export type CustomElementJsxProps<
  Element extends HTMLElement,
  Property extends keyof Element,
  Events extends object = object,
> = Omit<DetailedHTMLProps<HTMLAttributes<Element>, Element>, Property> &
  Partial<Pick<Element, Property>> & {
    [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
  };

/** `<image-uploader>`'s JSX props: `endpoint`, `getToken`, … and `onupload-success`, …. */
export type ImageUploaderJsxProps = CustomElementJsxProps<
  ImageUploader,
  ImageUploaderProperty,
  ImageUploaderEventMap
>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX namespace is augmented this way
  namespace JSX {
    interface IntrinsicElements {
      'image-uploader': ImageUploaderJsxProps;
    }
  }
}
