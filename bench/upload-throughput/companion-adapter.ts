/**
 * Runs in the benchmark page: answers the Companion S3 routes that `@uppy/aws-s3`'s
 * `companionEndpoint` mode calls (create, sign one part, list, complete, abort) by calling our
 * signer's `/v1/uploads` routes with the page's token, so Uppy uploads with the same tickets as
 * the widget. Uppy 6's other modes (`signRequest`, `getCredentials`) presign S3's own
 * CreateMultipartUpload and CompleteMultipartUpload requests for the browser to send; our signer
 * runs those itself and presigns only the PUTs, which is what Companion's protocol expects.
 *
 * Companion is a server; here its routes are answered inside the page by wrapping `fetch` for one
 * made-up origin, so there is no extra process or hop. Parts still go straight to S3. Our signer
 * signs each part's MD5 and length: the adapter hashes each part (hash-wasm, on the main thread:
 * Uppy has no checksums of its own), and since @uppy/aws-s3's Companion client sends a part's PUT
 * with no headers but those it sets itself, the adapter adds the signed ones to the
 * `XMLHttpRequest` for that URL.
 */
import type {
  CompleteUploadResponse,
  CreateUploadsResponse,
  ListPartsResponse,
  SignPartsResponse,
} from '../../contract/api.js';
import { md5 } from 'hash-wasm';
import { parseOriginalKey } from '../../contract/object-keys.js';

/** The `companionEndpoint` to give Uppy; nothing listens there. */
export const COMPANION_ENDPOINT = 'http://companion.invalid';

/**
 * Wraps `globalThis.fetch` so requests under `COMPANION_ENDPOINT/s3/` are answered by the signer.
 * Uppy's Companion client sends no file size, so `createMultipartUpload` reads it from the
 * `size` meta field (give it in `uppy.addFile({ meta: { size } })`).
 */
export function installCompanionAdapter(
  signerUrl: string,
  getToken: () => string,
  getFile: () => Blob,
): void {
  const original = globalThis.fetch.bind(globalThis);
  /** Per upload id: the file's size and part size, for the part-signing requests. */
  const plans = new Map<string, { size: number; partSize: number }>();
  /** The signed headers of each part URL handed to Uppy, added to its PUT of that URL. */
  const signedHeaders = new Map<string, Record<string, string>>();
  const urls = new WeakMap<XMLHttpRequest, string>();
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
    urls.set(this, String(args[1]));
    return open.apply(this, args);
  } as typeof open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body) {
    for (const [name, value] of Object.entries(signedHeaders.get(urls.get(this) ?? '') ?? {}))
      this.setRequestHeader(name, value);
    return send.call(this, body);
  };

  const signer = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal | null) => {
    const response = await original(signerUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${getToken()}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
    if (!response.ok) throw new Error(`signer answered ${response.status}: ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  };

  const answer = async (url: URL, init: RequestInit = {}): Promise<unknown> => {
    const method = init.method ?? 'GET';
    const [route, uploadId, action] = url.pathname.slice('/s3/'.length).split('/').map(decodeURIComponent);
    if (route !== 'multipart') throw new Error(`${method} ${url.pathname}: single PUTs go by POST policy`);
    if (!uploadId && method === 'POST') {
      const { filename, type, metadata } = JSON.parse(String(init.body)) as {
        filename: string;
        type: string;
        metadata: { size?: unknown };
      };
      const { uploads } = await signer<CreateUploadsResponse>('POST', '/v1/uploads', {
        files: [{ name: filename, type, size: Number(metadata.size) }],
      });
      const ticket = uploads[0]!;
      if (!('multipart' in ticket)) throw new Error(`no multipart ticket: ${JSON.stringify(ticket)}`);
      const { uploadId, partSize } = ticket.multipart;
      plans.set(uploadId, { size: Number(metadata.size), partSize });
      return { key: ticket.key, uploadId };
    }
    const key = url.searchParams.get('key') ?? '';
    const id = parseOriginalKey(key)?.id;
    if (!id || !uploadId) throw new Error(`${method} ${url.pathname}: not one of the signer's uploads`);
    const upload = `/v1/uploads/${encodeURIComponent(id)}`;
    const query = `?uploadId=${encodeURIComponent(uploadId)}`;
    if (action === 'complete') {
      const { parts } = JSON.parse(String(init.body)) as { parts: { PartNumber: number; ETag: string }[] };
      const done = await signer<CompleteUploadResponse>(
        'POST',
        `${upload}/complete`,
        { uploadId, parts: parts.map((p) => ({ partNumber: p.PartNumber, etag: p.ETag })) },
        init.signal,
      );
      return { location: done.key, key: done.key };
    }
    if (action) {
      const partNumber = Number(action);
      const { size, partSize } = plans.get(uploadId)!;
      const bytes = getFile().slice((partNumber - 1) * partSize, partNumber * partSize);
      const hex = await md5(new Uint8Array(await bytes.arrayBuffer()));
      const digest = btoa(String.fromCharCode(...hex.match(/../g)!.map((pair) => parseInt(pair, 16))));
      const signed = await signer<SignPartsResponse>(
        'POST',
        `${upload}/parts`,
        { uploadId, size, parts: [{ partNumber, md5: digest }] },
        init.signal,
      );
      // Content-Length is the browser's to set (a forbidden header name); the body has that length.
      const { 'content-length': _length, ...headers } = signed.parts[0]!.headers;
      signedHeaders.set(signed.parts[0]!.url, headers);
      return { url: signed.parts[0]!.url, expires: signed.expiresAt };
    }
    if (method === 'DELETE') return signer('DELETE', upload + query);
    const listed = await signer<ListPartsResponse>('GET', `${upload}/parts${query}`, undefined, init.signal);
    return listed.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag, Size: p.size }));
  };

  globalThis.fetch = async (input, init) => {
    const href = input instanceof Request ? input.url : String(input);
    if (!href.startsWith(`${COMPANION_ENDPOINT}/s3/`)) return original(input, init);
    try {
      return Response.json((await answer(new URL(href), init)) ?? {});
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      return Response.json({ message: String(error) }, { status: 502, statusText: String(error) });
    }
  };
}
