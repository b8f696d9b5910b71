/**
 * JSX type of the demo's own `<image-gallery>` on the React page, with the helper the element's
 * package ships (`<image-uploader>` itself is typed by `import 'image-uploader-element/react'`).
 */
import type { CustomElementJsxProps } from 'image-uploader-element/react';
import type { ImageGallery } from './shared/image-gallery.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'image-gallery': CustomElementJsxProps<ImageGallery, 'endpoint' | 'getToken' | 'appServer'>;
    }
  }
}
