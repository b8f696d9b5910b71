/**
 * The owner segment of every key: a stable, URL-safe hash of issuer and subject, so keys never
 * carry an e-mail address or a raw `sub`, and two issuers' subjects never collide.
 */
const encoder = new TextEncoder();

/** base64url(SHA-256(issuer NUL subject)), first 128 bits (22 characters). */
export async function ownerId(issuer: string, subject: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${issuer}\u0000${subject}`));
  let binary = '';
  for (const byte of new Uint8Array(digest, 0, 16)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
