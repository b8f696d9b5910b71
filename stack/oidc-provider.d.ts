// oidc-provider 9 ships no types; the local stack uses only these members.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    /** The interaction (sign-in or consent step) that the request's cookie belongs to. */
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<unknown>;
    /** Stores the step's result and redirects (303) back into the authorization flow. */
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    Grant: any;
  }
}
