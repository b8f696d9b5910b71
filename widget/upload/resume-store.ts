/** What is kept about an unfinished multipart upload so a later page can continue it. */
export interface ResumeRecord {
  /** Key: see `fingerprint()`. */
  fingerprint: string;
  /** The signer's base URL the upload belongs to. */
  endpoint: string;
  /** The picked file, so a later page can name the interrupted upload and know the file again. */
  file: { name: string; size: number; lastModified: number };
  id: string;
  key: string;
  uploadId: string;
  partSize: number;
  partCount: number;
  /** Size of the bytes being uploaded (after EXIF removal or downscaling). */
  size: number;
  /**
   * What the file asked of the signer (`POST /v1/uploads`: name, type, size, visibility, metadata),
   * as JSON. Its size, visibility and metadata are signed into the upload, so a later file resumes
   * it only when it asks for exactly the same.
   */
  request?: string;
  /** Part numbers and ETags known to be stored; the signer's list-parts route is the truth. */
  parts: { partNumber: number; etag: string }[];
  createdAt: number;
}

/** Where resume records live; `createResumeStore()` is the IndexedDB one. */
export interface ResumeStore {
  /** Every record still young enough to resume. */
  list(): Promise<ResumeRecord[]>;
  get(fingerprint: string): Promise<ResumeRecord | undefined>;
  put(record: ResumeRecord): Promise<void>;
  delete(fingerprint: string): Promise<void>;
}

const STORE = 'uploads';

/**
 * Resume records in IndexedDB (database `image-uploader`), so an upload interrupted by a reload or a
 * crash continues when the same file is added again. Records older than `maxAge` (default 6 days,
 * under S3's usual 7-day lifecycle rule for incomplete uploads) are ignored. Every operation
 * swallows storage errors (private mode, quota): resuming is an optimisation, never a requirement.
 */
export function createResumeStore(name = 'image-uploader', maxAge = 6 * 864e5): ResumeStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> =>
    (db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'fingerprint' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));
  const run = async <T>(
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest,
  ): Promise<T | undefined> => {
    try {
      const store = (await open()).transaction(STORE, mode).objectStore(STORE);
      return await new Promise<T>((resolve, reject) => {
        const request = action(store);
        request.onsuccess = () => resolve(request.result as T);
        request.onerror = () => reject(request.error);
      });
    } catch {
      return undefined;
    }
  };
  const young = (record: ResumeRecord): boolean => Date.now() - record.createdAt < maxAge;
  return {
    async list() {
      return ((await run<ResumeRecord[]>('readonly', (store) => store.getAll())) ?? []).filter(young);
    },
    async get(fingerprint) {
      const record = await run<ResumeRecord>('readonly', (store) => store.get(fingerprint));
      return record && young(record) ? record : undefined;
    },
    put: async (record) => void (await run('readwrite', (store) => store.put(record))),
    delete: async (fingerprint) => void (await run('readwrite', (store) => store.delete(fingerprint))),
  };
}
