/**
 * SHA-256 of `data` as lowercase hex, or `undefined` where the page has no SubtleCrypto: it exists
 * only in secure contexts (https, localhost; https://w3c.github.io/webcrypto/#crypto-interface).
 */
export async function sha256(data: Blob): Promise<string | undefined> {
  const digest = await crypto.subtle?.digest('SHA-256', await data.arrayBuffer());
  return digest && Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
