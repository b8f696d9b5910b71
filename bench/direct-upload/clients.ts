/**
 * The benchmark's client side of each approach: what a browser does, with Node's fetch.
 * Each function uploads one file and returns the key it landed under.
 */
import { randomUUID } from 'node:crypto';
import { isMultipart, isRefusal, type CreateUploadsResponse } from '../../contract/api.js';

export interface UploadFile {
  name: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The 2-hop way: one multipart/form-data POST to the app server, which sends the file on to S3. */
export async function uploadThroughServer(
  serverUrl: string,
  token: string,
  file: UploadFile,
): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${serverUrl}/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (!response.ok) throw new Error(`2-hop server answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

/** Ours: a ticket from the signer (`POST /v1/uploads`), then the bytes straight to S3. */
export async function uploadDirect(signerUrl: string, token: string, file: UploadFile): Promise<string> {
  const response = await fetch(`${signerUrl}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ files: [{ name: file.name, type: file.type, size: file.bytes.byteLength }] }),
  });
  if (response.status !== 201)
    throw new Error(`signer answered ${response.status}: ${await response.text()}`);
  const slot = ((await response.json()) as CreateUploadsResponse).uploads[0]!;
  if (isRefusal(slot)) throw new Error(`signer refused the file: ${slot.error.code}`);
  // The widget would go multipart here; this benchmark's files are all below the threshold.
  if (isMultipart(slot)) throw new Error('expected a single-PUT ticket, got a multipart one');
  // Like the widget (and any browser): fetch sets Content-Length and Host from the request itself.
  const headers = Object.fromEntries(
    Object.entries(slot.headers).filter(([name]) => !/^(content-length|host)$/i.test(name)),
  );
  const put = await fetch(slot.url, { method: slot.method, headers, body: file.bytes });
  if (!put.ok) throw new Error(`S3 answered the PUT with ${put.status}: ${await put.text()}`);
  return slot.key;
}

/**
 * A floor, not a product: one request to a bare Hono hello server per file (what any design that
 * asks its app server once per upload pays at least), then an unsigned PUT, which s3rver takes.
 */
export async function uploadAfterHello(
  helloUrl: string,
  bucketUrl: string,
  file: UploadFile,
): Promise<string> {
  const hello = await fetch(helloUrl);
  if (!hello.ok) throw new Error(`hello server answered ${hello.status}`);
  await hello.text();
  const key = `floor/${randomUUID()}/${file.name}`;
  const put = await fetch(`${bucketUrl}/${key}`, {
    method: 'PUT',
    headers: { 'content-type': file.type },
    body: file.bytes,
  });
  if (!put.ok) throw new Error(`S3 answered the PUT with ${put.status}: ${await put.text()}`);
  return key;
}

/** Runs `task(0 … count-1)` with at most `concurrency` in flight; results in order. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}
