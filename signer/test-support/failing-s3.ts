/**
 * An S3 endpoint that answers every request with an S3 error, as AWS words them: for the failures
 * the local S3 backends cannot be made to produce (a 5xx with a request id; a
 * `SignatureDoesNotMatch` that echoes the signature it was sent, as S3 does; a creation that fails
 * after the listing before it answered, with `listsNoOpenUploads`). A real HTTP server on
 * 127.0.0.1, so the SDK's whole path (retries, XML parsing, `$metadata`) runs.
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
    requestId: '4442587FB7D0A2F9',
    requests: 0,
    signatures: [],
  };
  const server = createServer((request, response) => {
    state.requests++;
    request.resume();
    const url = new URL(request.url ?? '/', 'http://s3');
    if (state.listsNoOpenUploads && request.method === 'GET' && url.searchParams.has('uploads')) {
      response.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': state.requestId });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${url.pathname.split('/')[1]}</Bucket><IsTruncated>false</IsTruncated></ListMultipartUploadsResult>`,
      );
      return;
    }
    const signature = /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    state.signatures.push(signature);
    const hostId = 'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=';
    const [status, code, message, extra] =
      state.mode === 'internal-error'
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
