/**
 * What thumbnailer/heic.ts uses of libheif-js's JavaScript API (libheif-js 1.23, the CommonJS
 * `libheif-wasm/libheif-bundle.js`, its WebAssembly inlined); the package ships only the
 * Emscripten module's types.
 */
declare module 'libheif-js/libheif-wasm/libheif-bundle.js' {
  interface Image {
    /** The displayed size (`irot`, `imir` and `clap` applied), from the header: nothing is decoded. */
    get_width(): number;
    get_height(): number;
    is_primary(): boolean;
    has_alpha_channel(): boolean;
    /** Decodes into `target.data` as RGBA; the callback gets `target`, or `null` on failure. */
    display<T extends { data: Uint8Array; width: number; height: number }>(
      target: T,
      callback: (result: T | null) => void,
    ): void;
    free(): void;
  }
  interface Module {
    HeifDecoder: new () => { decode(bytes: Uint8Array): Image[]; decoder: number | null };
    heif_context_free(context: number): void;
  }
  /** A new WebAssembly instance, with its own memory. */
  const factory: (options?: object) => Promise<Module>;
  export = factory;
}
