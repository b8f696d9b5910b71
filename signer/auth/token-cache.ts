/**
 * A bounded memory of tokens already verified, kept until their `exp`, so a user's repeated
 * requests skip signature verification. Least recently used entries go first.
 * Tokens are only held as map keys in memory; they are never logged.
 */
export interface TokenCache<T> {
  get(token: string, nowSeconds: number): T | undefined;
  set(token: string, value: T, expiresAtSeconds: number): void;
}

/** @param maxEntries 0 disables the cache. */
export function createTokenCache<T>(maxEntries: number): TokenCache<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  return {
    get(token, nowSeconds) {
      const entry = entries.get(token);
      if (!entry) return undefined;
      entries.delete(token);
      if (entry.expiresAt <= nowSeconds) return undefined;
      entries.set(token, entry);
      return entry.value;
    },
    set(token, value, expiresAt) {
      if (maxEntries === 0) return;
      entries.delete(token);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(token, { value, expiresAt });
    },
  };
}
