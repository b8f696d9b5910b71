/**
 * Where the demo pages find the signer and the identity provider.
 *
 * The values are injected at serve time by `demo/vite.config.ts` (`define: { __DEMO_CONFIG__ }`),
 * so the same pages work with `npm start`'s fixed ports and with the end-to-end tests' free ports.
 */

/** Settings every demo page reads. */
export interface DemoConfig {
  /** Base URL of the signer, e.g. `http://localhost:8787`; given to `<image-uploader endpoint>`. */
  signerUrl: string;
  /** OpenID issuer, e.g. `http://localhost:4400`. */
  issuer: string;
  /** Public OAuth client id (PKCE, no secret). */
  clientId: string;
  /**
   * Base URL of the demo's app server (demo/app-server/), which hears of images through webhooks
   * and streams them to the pages: the gallery's live updates and the public wall. Without it the
   * gallery polls the signer and the wall says it has no app server.
   */
  appServerUrl?: string;
}

declare const __DEMO_CONFIG__: DemoConfig;

/** The configuration of this page, frozen. */
export const config: Readonly<DemoConfig> = Object.freeze({ ...__DEMO_CONFIG__ });
