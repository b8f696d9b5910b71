/**
 * An S3 endpoint that answers every request with an S3 error, as AWS words them: for the failures
 * the local S3 backends cannot be made to produce (a 5xx with a request id; a
 * `SignatureDoesNotMatch` that echoes the signature it was sent, as S3 does; a creation that fails
 * after the listing before it answered, with `listsNoOpenUploads`; S3's refusals of a completion,
 * which s3rver never makes, with `refusal`), and for the answers they do not give: a listing of
 * open multipart uploads paged as S3 pages it (`openUploads`; s3rver lists every upload at once,
 * radosgw pages only past 1,000), a creation without an upload id (`createsWithoutUploadId`). A
 * real HTTP server on 127.0.0.1, so the SDK's whole path (retries, XML parsing, `$metadata`) runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingS3 {
  endpoint: string;
  /** What the next requests are answered with. */
  mode: 'internal-error' | 'signature-mismatch';
  /**
   * When set, a listing of open multipart uploads (`GET /{bucket}?uploads`) is answered with none
   * open, so a request gets past the signer's open-uploads count to the creation that fails.
   */
  listsNoOpenUploads: boolean;
  /**
   * When set, the S3 error every other request is answered with instead of `mode`'s, e.g.
   * `{ status: 400, code: 'EntityTooSmall' }`.
   */
  refusal: { status: number; code: string } | undefined;
  /**
   * When set, the keys of the open multipart uploads (one each, upload id `upload-<index>`) that a
   * listing of open uploads answers with, as S3 pages them: in key order, at most `max-uploads` a
   * page (1 to 1,000; default and ceiling 1,000, anything under 1 refused with 400
   * InvalidArgument), after `key-marker` and `upload-id-marker`.
   * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
   */
  openUploads: string[] | undefined;
  /** When set, CreateMultipartUpload answers 200 without an `UploadId`. */
  createsWithoutUploadId: boolean;
  /** The request id every answer carries (`x-amz-request-id` and `<RequestId>`). */
  requestId: string;
  /** Requests received. */
  requests: number;
  /** The SigV4 signature of every request received (what must never reach a log). */
  signatures: string[];
  close(): Promise<void>;
}

/** Starts the endpoint on a free port. */
export async function startFailingS3(): Promise<FailingS3> {
  const state: Omit<FailingS3, 'endpoint' | 'close'> = {
    mode: 'internal-error',
    listsNoOpenUploads: false,
    refusal: undefined,
    openUploads: undefined,
    createsWithoutUploadId: false,
    requestId: '4442587FB7D0A2F9',
    requests: 0,
    signatures: [],
  };
  const server = createServer((request, response) => {
    state.requests++;
    request.resume();
    const url = new URL(request.url ?? '/', 'http://s3');
    const bucket = url.pathname.split('/')[1];
    const xml = (body: string) => {
      response.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': state.requestId });
      response.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
    };
    const listed =
      request.method === 'GET' &&
      url.searchParams.has('uploads') &&
      (state.openUploads !== undefined || state.listsNoOpenUploads);
    const page = listed ? pageOfUploads(state.openUploads ?? [], url.searchParams) : undefined;
    if (page !== undefined) {
      return xml(
        `<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${bucket}</Bucket>${page}</ListMultipartUploadsResult>`,
      );
    }
    if (state.createsWithoutUploadId && request.method === 'POST' && url.searchParams.has('uploads')) {
      return xml(
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${url.pathname.split('/').slice(2).join('/')}</Key></InitiateMultipartUploadResult>`,
      );
    }
    // A listing that asks for fewer than one upload is refused as S3 refuses it.
    const refusal = listed ? { status: 400, code: 'InvalidArgument' } : state.refusal;
    const signature = /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    state.signatures.push(signature);
    const hostId = 'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=';
    const [status, code, message, extra] = refusal
      ? [refusal.status, refusal.code, `Refused: ${refusal.code}`, '']
      : state.mode === 'internal-error'
        ? [500, 'InternalError', 'We encountered an internal error. Please try again.', '']
        : [
            403,
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
            // S3 echoes what it was sent.
            `<SignatureProvided>${signature}</SignatureProvided>` +
              `<CanonicalRequest>${request.method}\n${request.url}</CanonicalRequest>`,
          ];
    response.writeHead(status, {
      'content-type': 'application/xml',
      'x-amz-request-id': state.requestId,
      'x-amz-id-2': hostId,
    });
    response.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${state.requestId}</RequestId><HostId>${hostId}</HostId></Error>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * One page of open uploads for a ListMultipartUploads query, S3's paging over `keys` (one upload
 * each, `upload-<index>`); undefined for a `max-uploads` S3 refuses (under 1).
 */
function pageOfUploads(keys: string[], query: URLSearchParams): string | undefined {
  const maxUploads = Math.min(Number(query.get('max-uploads') ?? 1000), 1000);
  if (!(maxUploads >= 1)) return undefined;
  const keyMarker = query.get('key-marker') ?? '';
  // S3 reads upload-id-marker only with key-marker: uploads of that key after that id.
  const idMarker = keyMarker ? (query.get('upload-id-marker') ?? '') : '';
  const uploads = keys
    .map((key, index) => ({ key, id: `upload-${index}` }))
    .filter(({ key }) => key.startsWith(query.get('prefix') ?? ''))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1))
    .filter(({ key, id }) => key > keyMarker || (key === keyMarker && idMarker !== '' && id > idMarker));
  const page = uploads.slice(0, maxUploads);
  const truncated = uploads.length > maxUploads;
  const last = page.at(-1);
  return (
    `<MaxUploads>${maxUploads}</MaxUploads><IsTruncated>${truncated}</IsTruncated>` +
    (truncated && last
      ? `<NextKeyMarker>${last.key}</NextKeyMarker><NextUploadIdMarker>${last.id}</NextUploadIdMarker>`
      : '') +
    page.map(({ key, id }) => `<Upload><Key>${key}</Key><UploadId>${id}</UploadId></Upload>`).join('')
  );
}
