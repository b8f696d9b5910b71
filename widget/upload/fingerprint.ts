import { sha256 } from './sha256.js';

/**
 * A file's identity across page loads: SHA-256 over the signer endpoint, name, size, type,
 * lastModified and the first 64 KiB. (A `File` has no stable id; a path is never exposed.)
 */
export async function fingerprint(file: File, endpoint: string): Promise<string> {
  const text = `${endpoint}\n${file.name}\n${file.size}\n${file.type}\n${file.lastModified}\n`;
  // Without SubtleCrypto (an insecure context) the metadata alone has to do.
  return (await sha256(new Blob([text, file.slice(0, 65536)]))) ?? text;
}
