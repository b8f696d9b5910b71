/**
 * The part of libheif-js's JavaScript API (libheif-js 1.23, `libheif-wasm/libheif-bundle.mjs`)
 * that heic-decoder.ts uses; the package ships only the Emscripten module's types.
 */
declare module 'libheif-js/libheif-wasm/libheif-bundle.mjs' {
  /** One top-level image of a HEIF file; its size is the displayed one (transforms applied). */
  export interface HeifImage {
    get_width(): number;
    get_height(): number;
    is_primary(): boolean;
    /** Decodes into `target.data` (RGBA); the callback gets `target`, or `null` when decoding failed. */
    display<T extends { data: Uint8ClampedArray; width: number; height: number }>(
      target: T,
      callback: (result: T | null) => void,
    ): void;
    free(): void;
  }
  export interface HeifDecoder {
    /** Reads the file's structure (no pixels are decoded); `[]` when it is not HEIF. */
    decode(bytes: Uint8Array): HeifImage[];
    /** The `heif_context` pointer of the last `decode`. */
    decoder: number | null;
  }
  export interface LibHeif {
    HeifDecoder: new () => HeifDecoder;
    heif_context_free(context: number): void;
  }
  /** Instantiates the module: each call has a WebAssembly instance (and memory) of its own. */
  export default function libheif(options?: object): Promise<LibHeif>;
}
