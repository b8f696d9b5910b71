/**
 * A real HTTP server that speaks the AWS JSON 1.1 protocol (what SSM and Secrets Manager use):
 * `POST /` with `X-Amz-Target: <Service>.<Operation>` and a JSON body, answered with a JSON body or
 * an error `{"__type": …, "message": …}` as AWS sends them. The SDK's whole path runs against it
 * (endpoint, SigV4 signing, retries, error parsing); nothing is mocked.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An AWS error answer: `status` defaults to 400. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Answers one operation's input; throw an {@link AwsJsonError} for an AWS error. */
export type AwsJsonOperation = (input: Record<string, unknown>) => object;

export interface AwsJsonRequest {
  /** `X-Amz-Target`, e.g. `AmazonSSM.GetParameter`. */
  target: string;
  input: Record<string, unknown>;
  /** The SigV4 credential scope (`<key id>/<date>/<region>/<service>/aws4_request`). */
  credential: string;
}

export interface AwsJsonApi {
  endpoint: string;
  /** Every request received, in order. */
  requests: AwsJsonRequest[];
  close(): Promise<void>;
}

/** Starts the API on a free port of 127.0.0.1; unknown targets get `UnknownOperationException`. */
export async function startAwsJsonApi(operations: Record<string, AwsJsonOperation>): Promise<AwsJsonApi> {
  const requests: AwsJsonRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const credential = /Credential=([^,]+)/.exec(request.headers.authorization ?? '')?.[1] ?? '';
      const answer = (status: number, body: object, type?: string) => {
        response.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': crypto.randomUUID(),
          ...(type && { 'x-amzn-errortype': type }),
        });
        response.end(JSON.stringify(body));
      };
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        answer(400, { __type: 'SerializationException', message: 'Bad JSON' }, 'SerializationException');
        return;
      }
      requests.push({ target, input, credential });
      const operation = operations[target];
      if (!operation) {
        answer(400, { __type: 'UnknownOperationException' }, 'UnknownOperationException');
        return;
      }
      try {
        answer(200, operation(input));
      } catch (error) {
        if (!(error instanceof AwsJsonError)) throw error;
        answer(error.status, { __type: error.type, message: error.message }, error.type);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
