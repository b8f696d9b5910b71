/**
 * One upload through the running stack's signer, as a client does it: `POST /v1/uploads`, then the
 * ticket's PUT with exactly its headers. For tests and benchmarks that need a stored original
 * without a browser.
 */
import type { CreateUploadsResponse, FileDescriptor, SinglePutTicket } from '../../contract/api.js';

/** The file: its bytes and what `POST /v1/uploads` is told about it (the size is the bytes'). */
export interface SignerUpload extends Omit<FileDescriptor, 'size'> {
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Uploads `file` as the user of `token`; resolves with the ticket once S3 answered the PUT.
 * @throws {Error} naming the step when the signer or S3 answers anything but success.
 */
export async function uploadThroughSigner(
  signerUrl: string,
  token: string,
  file: SignerUpload,
): Promise<SinglePutTicket> {
  const { body, ...descriptor } = file;
  const created = await fetch(`${signerUrl}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ ...descriptor, size: body.length }] }),
  });
  if (created.status !== 201) throw new Error(`POST /v1/uploads answered ${created.status}`);
  const ticket = ((await created.json()) as CreateUploadsResponse).uploads[0] as SinglePutTicket;
  // fetch sets content-length itself.
  const { 'content-length': _, ...headers } = ticket.headers;
  const put = await fetch(ticket.url, { method: 'PUT', headers, body });
  if (!put.ok) throw new Error(`PUT of ${file.name} answered ${put.status}`);
  return ticket;
}
