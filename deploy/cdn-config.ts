/**
 * The delivery settings of the deployment (`cdn` in `deploy/deploy.config.ts`): the CloudFront
 * distribution in front of the bucket and the signer, its domain, CloudFront signed URLs for
 * private images, and the AWS WAF web ACL.
 */
import { createPublicKey } from 'node:crypto';
import { integer, oneOf, secretArn } from './config-values.js';

/** What an operator may set under `cdn`; every field is optional. */
export interface CdnConfig {
  /**
   * Which edge locations serve the images: `PriceClass_100` (North America, Europe, Israel: the
   * cheapest, default), `PriceClass_200` (adds most of Asia, Africa, the Middle East) or `PriceClass_All`.
   */
  priceClass?: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /**
   * Your own host name for the distribution, e.g. `images.example.com`, with `certificateArn`.
   * Point a CNAME (or a Route 53 alias) at the distribution's domain after deploying.
   */
  domainName?: string;
  /** An ACM certificate **in us-east-1** covering `domainName` (CloudFront only reads certificates there). */
  certificateArn?: string;
  /** `PUBLIC_ORIGINALS`: also publish the original file of public images (default `false`: thumbnails only). */
  publicOriginals?: boolean;
  /**
   * Serve private thumbnails through the CDN with CloudFront signed URLs instead of presigned S3
   * GETs. Generate a key pair (RSA 2048 or ECDSA P-256), put the private key's PEM in a Secrets
   * Manager secret yourself (it never passes through CloudFormation), and give its public key here.
   */
  signedUrls?: {
    /** The public key, PEM (`-----BEGIN PUBLIC KEY-----`). */
    publicKeyPem: string;
    /** The complete ARN of the secret whose value (`SecretString`) is the private key's PEM. */
    privateKeySecretArn: string;
  };
  /**
   * AWS WAF in front of the distribution: `false` for none, `{ webAclArn }` to attach an ACL you
   * manage (scope CLOUDFRONT, in us-east-1), or `{ rateLimit }` for the one this app creates in a
   * small us-east-1 stack (default): a per-IP rate limit on the API and the AWS common rule set.
   */
  waf?: false | { webAclArn?: string; rateLimit?: number };
}

/** The WAF choice, resolved. */
export type ResolvedWaf =
  { mode: 'create'; rateLimit: number } | { mode: 'existing'; webAclArn: string } | { mode: 'off' };

/** The `cdn` settings with every default filled in. */
export interface ResolvedCdnConfig {
  priceClass: NonNullable<CdnConfig['priceClass']>;
  domain?: { name: string; certificateArn: string };
  publicOriginals: boolean;
  /** `publicKeyPem` normalized to SPKI PEM. */
  signedUrls?: { publicKeyPem: string; privateKeySecretArn: string };
  waf: ResolvedWaf;
}

/** API requests per client IP in any 5 minutes before WAF blocks that IP (AWS WAF's evaluation window). */
export const DEFAULT_WAF_RATE_LIMIT = 1000;

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/;
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/;

/**
 * Fills in the defaults of the `cdn` settings and validates them.
 * @param input the operator's `cdn` settings (default: none set)
 * @throws {TypeError} naming the setting (`cdn.…`) when a value is invalid.
 */
export function resolveCdnConfig(input: CdnConfig = {}): ResolvedCdnConfig {
  const priceClass = oneOf('cdn.priceClass', input.priceClass, [
    'PriceClass_100',
    'PriceClass_200',
    'PriceClass_All',
  ] as const);
  const { domainName, certificateArn } = input;
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new TypeError('Expected cdn.domainName and cdn.certificateArn to be set together');
  }
  if (domainName && !HOST_NAME.test(domainName)) {
    throw new TypeError(`Expected cdn.domainName to be a lower-case host name, got ${domainName}`);
  }
  if (certificateArn && !CERTIFICATE_ARN.test(certificateArn)) {
    throw new TypeError(
      `Expected cdn.certificateArn to be an ACM certificate ARN in us-east-1, got ${certificateArn}`,
    );
  }
  return {
    priceClass,
    ...(domainName && certificateArn && { domain: { name: domainName, certificateArn } }),
    publicOriginals: input.publicOriginals ?? false,
    ...(input.signedUrls && { signedUrls: resolveSignedUrls(input.signedUrls) }),
    waf: resolveWaf(input.waf),
  };
}

function resolveSignedUrls(input: NonNullable<CdnConfig['signedUrls']>): ResolvedCdnConfig['signedUrls'] {
  const privateKeySecretArn = secretArn('cdn.signedUrls.privateKeySecretArn', input.privateKeySecretArn);
  let key;
  try {
    key = createPublicKey(input.publicKeyPem);
  } catch {
    throw new TypeError('Expected cdn.signedUrls.publicKeyPem to be a PEM public key');
  }
  // CloudFront accepts exactly these two kinds of key (CreatePublicKey, "EncodedKey").
  const details = key.asymmetricKeyDetails ?? {};
  const supported =
    (key.asymmetricKeyType === 'rsa' && details.modulusLength === 2048) ||
    (key.asymmetricKeyType === 'ec' && details.namedCurve === 'prime256v1');
  if (!supported) {
    throw new TypeError('Expected cdn.signedUrls.publicKeyPem to be an RSA 2048 or ECDSA P-256 public key');
  }
  return {
    publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeySecretArn,
  };
}

function resolveWaf(input: CdnConfig['waf']): ResolvedWaf {
  if (input === false) return { mode: 'off' };
  if (input?.webAclArn !== undefined) {
    if (!WEB_ACL_ARN.test(input.webAclArn)) {
      throw new TypeError(
        `Expected cdn.waf.webAclArn to be the ARN of a CLOUDFRONT web ACL in us-east-1, got ${input.webAclArn}`,
      );
    }
    return { mode: 'existing', webAclArn: input.webAclArn };
  }
  return {
    mode: 'create',
    rateLimit: integer('cdn.waf.rateLimit', input?.rateLimit, DEFAULT_WAF_RATE_LIMIT, 10, 2_000_000_000),
  };
}
