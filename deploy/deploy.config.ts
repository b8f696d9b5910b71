import type { ImageUploaderConfig } from './config.js';

/**
 * Your deployment's settings (see deploy/README.md and `ImageUploaderConfig` in deploy/config.ts).
 * Any of the top-level values can also be overridden per run with `npx cdk -c key=value`.
 */
export const config: ImageUploaderConfig = {
  // The sites whose pages upload; the local demo runs on http://localhost:5173.
  siteOrigins: ['http://localhost:5173'],
  // Who may upload: one entry per identity provider. Examples (replace the audience):
  //   { issuer: 'https://accounts.google.com', audience: '1234-abc.apps.googleusercontent.com' }
  //   { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf', audience: 'app-client-id' }
  issuers: [],
  bucket: { encryption: 's3', retainOnDelete: true },
  // concurrency: the most signers at once (reserved concurrency; false for none).
  signer: { endpoint: 'function-url', concurrency: 50 },
  // Who may publish: add signer.visibilities / defaultVisibility (UPLOAD_VISIBILITIES, UPLOAD_DEFAULT_VISIBILITY).
  thumbnailer: { memoryMb: 1769, widths: [320, 720, 1440], concurrency: 10 },
  // What one owner may keep (false: unlimited); per identity provider with overrides, e.g.
  //   overrides: { 'https://staff.example.com': { bytes: 50 * 2 ** 30 } }. See deploy/README.md, "The worst month".
  quota: { bytes: 2 ** 30, images: 1000 },
  // The CloudFront distribution in front of the bucket and the signer. Examples:
  //   domainName: 'images.example.com', certificateArn: 'arn:aws:acm:us-east-1:…:certificate/…',
  //   signedUrls: { publicKeyPem: '-----BEGIN PUBLIC KEY-----…', privateKeySecretArn: 'arn:aws:secretsmanager:…' },
  //   waf: { rateLimit: 1000 } (per client IP and 5 minutes, API only), { webAclArn: '…' }, or false.
  cdn: { priceClass: 'PriceClass_100', publicOriginals: false },
  // Image events go to a new EventBridge bus (or yours: eventBusName: 'default' or an ARN). To have them
  // POSTed to your app as signed webhooks (secret: output WebhookSecretArn), e.g.:
  //   events: { webhookUrl: 'https://photos.example.com/webhooks/images' },
  events: {},
  architecture: 'arm64',
  logRetentionDays: 30,
};
