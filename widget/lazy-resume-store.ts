import { loadResumeChunk } from './load-resume-chunk.js';
import type * as ResumeChunk from './resume-chunk.js';
import type { ResumeStore } from './upload/resume-store.js';

/** The resume store, loaded when first used; `chunk()` gives its module if the browser has its database. */
export interface LazyResumeStore extends ResumeStore {
  chunk(): Promise<typeof ResumeChunk | undefined>;
}

/**
 * The resume store (upload/resume-store.ts) and the interrupted-uploads list, in a chunk
 * (resume-chunk.ts) loaded the first time a multipart upload uses the store, or when `chunk()` is
 * asked and the browser has the store's database: a page where no multipart upload ever ran loads
 * nothing. Like the store itself, it swallows failures, a chunk that cannot be loaded included:
 * resuming is an optimisation, never a requirement.
 * @param name the IndexedDB database (default `image-uploader`)
 */
export function createLazyResumeStore(name = 'image-uploader'): LazyResumeStore {
  let loaded: ReturnType<typeof loadResumeChunk> | undefined;
  let store: Promise<ResumeStore> | undefined;
  const load = () => (loaded ??= loadResumeChunk());
  const use = async <T>(fallback: T, action: (store: ResumeStore) => Promise<T>): Promise<T> => {
    try {
      return await action(await (store ??= load().then((chunk) => chunk.createResumeStore(name))));
    } catch {
      return fallback;
    }
  };
  return {
    async chunk() {
      // `indexedDB.databases()` names the databases without opening (so creating) one.
      const databases = await indexedDB.databases?.().catch(() => undefined);
      if (databases && !databases.some((database) => database.name === name)) return undefined;
      return load().catch(() => undefined);
    },
    list: () => use([], (store) => store.list()),
    get: (fingerprint) => use(undefined, (store) => store.get(fingerprint)),
    put: (record) => use(undefined, (store) => store.put(record)),
    delete: (fingerprint) => use(undefined, (store) => store.delete(fingerprint)),
  };
}
