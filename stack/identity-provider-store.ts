/**
 * Where the local identity provider keeps its state (sessions, grants, refresh tokens, login
 * interactions): oidc-provider's adapter interface over one JSON file, so a restart of `npm start`
 * keeps everyone signed in. Without a file it is kept in memory only. Fine for one local process;
 * a deployed provider wants a database.
 * https://github.com/panva/node-oidc-provider/blob/main/docs/README.md#adapter
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

/** What oidc-provider stores for one model instance (session, grant, token, …). */
type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  consumed?: number;
};

interface Entry {
  payload: Payload;
  /** Epoch milliseconds; none for entries that do not expire. */
  expiresAt?: number;
}

/** oidc-provider's adapter for one model, e.g. `Session` or `RefreshToken`. */
export interface ProviderAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** A provider store: the adapter factory for the provider's configuration, and `close()`. */
export interface ProviderStore {
  adapter(model: string): ProviderAdapter;
  /** Resolves once every change is on disk. */
  close(): Promise<void>;
}

/**
 * Opens the store, reading `file` when it exists (expired entries are dropped).
 * @param file JSON file to keep the state in; in memory only when omitted.
 */
export async function openProviderStore(file?: string): Promise<ProviderStore> {
  const entries = new Map<string, Entry>();
  if (file) {
    const saved = await readFile(file, 'utf8').then(
      (text) => JSON.parse(text) as Record<string, Entry>,
      () => ({}),
    );
    for (const [key, entry] of Object.entries(saved)) if (live(entry)) entries.set(key, entry);
  }
  let writing = Promise.resolve();
  let pending = false;
  const changed = () => {
    if (!file || pending) return;
    pending = true;
    // One write per burst of changes (a sign-in touches several models), each complete on disk
    // before it replaces the last one.
    writing = writing
      .then(async () => {
        pending = false;
        const snapshot = Object.fromEntries([...entries].filter(([, entry]) => live(entry)));
        await writeFile(`${file}.partial`, JSON.stringify(snapshot), { mode: 0o600 });
        await rename(`${file}.partial`, file);
      })
      .catch((error: unknown) =>
        console.error(`[idp] could not save its state to ${file}: ${String(error)}`),
      );
  };
  const find = (key: string): Payload | undefined => {
    const entry = entries.get(key);
    return entry && live(entry) ? entry.payload : undefined;
  };
  const findBy = (model: string, field: 'uid' | 'userCode', value: string) => {
    for (const [key, entry] of entries)
      if (key.startsWith(`${model}:`) && entry.payload[field] === value && live(entry)) return entry.payload;
    return undefined;
  };

  return {
    adapter: (model) => ({
      upsert: async (id, payload, expiresIn) => {
        entries.set(`${model}:${id}`, {
          payload,
          ...(typeof expiresIn === 'number' && { expiresAt: Date.now() + expiresIn * 1000 }),
        });
        changed();
      },
      find: async (id) => find(`${model}:${id}`),
      findByUid: async (uid) => findBy(model, 'uid', uid),
      findByUserCode: async (userCode) => findBy(model, 'userCode', userCode),
      consume: async (id) => {
        const payload = find(`${model}:${id}`);
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        changed();
      },
      destroy: async (id) => {
        entries.delete(`${model}:${id}`);
        changed();
      },
      revokeByGrantId: async (grantId) => {
        for (const [key, entry] of entries)
          if (key.startsWith(`${model}:`) && entry.payload.grantId === grantId) entries.delete(key);
        changed();
      },
    }),
    close: async () => {
      await writing;
    },
  };
}

function live(entry: Entry): boolean {
  return entry.expiresAt === undefined || entry.expiresAt > Date.now();
}
