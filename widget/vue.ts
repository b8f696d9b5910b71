/**
 * `image-uploader-element/vue`: registers `<image-uploader>` (everything the main entry exports)
 * and types it in Vue 3 templates through `GlobalComponents`, following Vue's guide for custom
 * elements not built with Vue ("Non-Vue Web Components and TypeScript"): vue-tsc then checks
 * `:endpoint`, `.getToken` and `@upload-success="(event) => …"` with the event's own class.
 * Vue must still treat the tag as a custom element:
 * `vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'image-uploader' } } })`.
 * A project without Vue never loads this file, so it gets no errors from it.
 * @example
 * import 'image-uploader-element/vue';
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ImageUploaderEventMap, ImageUploaderProperty } from './element-types.js';
import type { ImageUploader } from './image-uploader.js';

export * from './index.js';

/**
 * A custom element as a Vue component type, for `GlobalComponents`: the chosen properties as props
 * and the events as emits. `$props` and `$emit` exist only for template type checking.
 */
export type DefineCustomElement<
  Element extends HTMLElement,
  Property extends keyof Element,
  Events extends object = object,
> = new () => Element & {
  /** @deprecated Template prop types only; not on the element. */
  $props: HTMLAttributes & Partial<Pick<Element, Property>> & PublicProps;
  /** @deprecated Template event types only; not on the element. */
  $emit: EmitFn<{ [Name in keyof Events]: (event: Events[Name]) => void }>;
};

/** `<image-uploader>` as Vue's template type checker sees it. */
export type ImageUploaderVueComponent = DefineCustomElement<
  ImageUploader,
  ImageUploaderProperty,
  ImageUploaderEventMap
>;

declare module 'vue' {
  interface GlobalComponents {
    // The kebab-case tag: a custom element is never resolved as `<ImageUploader>`.
    'image-uploader': ImageUploaderVueComponent;
  }
}
