import { Annotations, Duration, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PUBLIC_PREFIX, THUMBNAILS_PREFIX } from '../contract/object-keys.js';
import type { ResolvedConfig } from './config.js';
import { objectPrefixView } from './object-prefix-view.js';

/** Props of {@link ImageCdn}. */
export interface ImageCdnProps {
  config: Readonly<ResolvedConfig>;
  bucket: s3.IBucket;
  /** The signer's Function URL (auth `AWS_IAM`), served under `/v1/*`; omit to serve images only. */
  signerUrl?: lambda.IFunctionUrl;
  /** ARN of the AWS WAF web ACL (scope CLOUDFRONT) to attach. */
  webAclArn?: string;
}

/** Paths the signer answers (signer/app.ts); everything else is images. */
export const SIGNER_PATHS = ['v1/*', 'openapi.json', 'healthz'] as const;

/** The header that carries the viewer's `Authorization` to the signer behind OAC. */
export const FORWARDED_AUTHORIZATION_HEADER = 'x-forwarded-authorization';

/**
 * The one public door: a CloudFront distribution in front of the private bucket and the signer.
 *
 * - `/public/*`: the bucket through origin access control, which may read `public/*` and nothing
 *   else; cached as long as the objects say (`immutable`, one year), `nosniff`, CORP and CORS `*`.
 * - `/thumbnails/*` (and every other path) with `cdn.signedUrls`: the same origin, now also
 *   readable under `thumbnails/`, only with a CloudFront signed URL from the signer's key group.
 * - `/v1/*`, `/openapi.json`, `/healthz`: the signer's Function URL through OAC for Lambda, never
 *   cached, every viewer header and query string but `Host` forwarded.
 * - HTTP/2 and HTTP/3, IPv6, TLS 1.2+, the configured price class and domain, access logs to a
 *   bucket of their own, and the WAF web ACL when given.
 */
export class ImageCdn extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://` + the custom domain or the distribution's domain, without a trailing slash. */
  readonly url: string;
  readonly logBucket: s3.Bucket;
  /** With an existing bucket: what its policy must allow CloudFront (CDK cannot add it there). */
  readonly bucketPolicyStatement?: iam.PolicyStatement;
  /** The signing key group when `cdn.signedUrls` is set; its public key id is the Key-Pair-Id. */
  readonly signingKey?: cloudfront.PublicKey;

  constructor(scope: Construct, id: string, props: ImageCdnProps) {
    super(scope, id);
    const { config, bucket } = props;
    const { cdn } = config;

    let keyGroup: cloudfront.KeyGroup | undefined;
    if (cdn.signedUrls) {
      this.signingKey = new cloudfront.PublicKey(this, 'SigningKey', {
        encodedKey: cdn.signedUrls.publicKeyPem,
        comment: 'Verifies the signed URLs the image-uploader signer makes for private images',
      });
      keyGroup = new cloudfront.KeyGroup(this, 'SigningKeys', { items: [this.signingKey] });
    }
    const readable = keyGroup ? [PUBLIC_PREFIX, THUMBNAILS_PREFIX] : [PUBLIC_PREFIX];
    const images = origins.S3BucketOrigin.withOriginAccessControl(objectPrefixView(bucket, readable));

    const cachePolicy = new cloudfront.CachePolicy(this, 'ImageCache', {
      comment: 'image-uploader images: the object Cache-Control decides (immutable public copies: a year)',
      // minTtl 0 so `private`/`no-store` from the origin are obeyed; images are compressed already.
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.days(1),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    const publicHeaders = imageHeaders(this, 'PublicImageHeaders', 'public images');
    const image = (
      headers: cloudfront.IResponseHeadersPolicy,
      signed: boolean,
    ): cloudfront.BehaviorOptions => ({
      origin: images,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      responseHeadersPolicy: headers,
      compress: false,
      ...(signed && keyGroup && { trustedKeyGroups: [keyGroup] }),
    });
    const privateBehavior = keyGroup
      ? image(imageHeaders(this, 'PrivateImageHeaders', 'private images', privateMaxAge(config)), true)
      : undefined;

    const additionalBehaviors: Record<string, cloudfront.BehaviorOptions> = {
      [`${PUBLIC_PREFIX}*`]: image(publicHeaders, false),
      ...(privateBehavior && { [`${THUMBNAILS_PREFIX}*`]: privateBehavior }),
    };
    if (props.signerUrl) {
      const api = signerBehavior(this, props.signerUrl);
      for (const path of SIGNER_PATHS) additionalBehaviors[path] = api;
    }

    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging delivers with an ACL grant to its log-delivery account.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(config.logRetentionDays) }],
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket receives the CloudFront access logs; logging access to the log bucket would only log itself.',
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'image-uploader: public images and the signer API',
      // Anything that is neither API nor public: private thumbnails with a signed URL, or a 403.
      defaultBehavior: privateBehavior ?? image(publicHeaders, false),
      additionalBehaviors,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      priceClass: cdn.priceClass as cloudfront.PriceClass,
      ...(cdn.domain && {
        domainNames: [cdn.domain.name],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', cdn.domain.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(props.webAclArn && { webAclId: props.webAclArn }),
    });
    this.url = `https://${cdn.domain?.name ?? this.distribution.distributionDomainName}`;
    acknowledgeDistributionFindings(this.distribution, config);
    if (config.bucket.existingBucketName) {
      // CDK cannot edit the policy of a bucket it did not create: the stack outputs the statement
      // (CdnBucketPolicyStatement) for the operator to add.
      Annotations.of(this.distribution).acknowledgeWarning(
        '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        'The stack outputs the statement to add to the existing bucket policy (CdnBucketPolicyStatement).',
      );
      this.bucketPolicyStatement = new iam.PolicyStatement({
        sid: 'ImageUploaderCdnReads',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: readable.map((prefix) => bucket.arnForObjects(`${prefix}*`)),
        conditions: { StringEquals: { 'AWS:SourceArn': this.distribution.distributionArn } },
      });
    }
    const keyScope = bucket.encryptionKey?.node.scope;
    if (keyScope) {
      // The key policy cannot name this distribution (key → bucket → distribution would be a cycle).
      Annotations.of(keyScope).acknowledgeWarning(
        '@aws-cdk/aws-cloudfront-origins:wildcardKeyPolicyForOac',
        'kms:Decrypt for distributions of this account only; the bucket policy still limits reads to this ' +
          'distribution and the public prefix, and a key grant alone reads no object.',
      );
    }
  }
}

/** nosniff, CORP cross-origin and CORS `*` for GET/HEAD (`<img crossorigin>`, canvas, fetch). */
function imageHeaders(
  scope: Construct,
  id: string,
  what: string,
  cacheControl?: string,
): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, id, {
    comment: `image-uploader ${what}`,
    securityHeadersBehavior: { contentTypeOptions: { override: true } },
    corsBehavior: {
      accessControlAllowOrigins: ['*'],
      accessControlAllowMethods: ['GET', 'HEAD'],
      accessControlAllowHeaders: ['*'],
      accessControlAllowCredentials: false,
      originOverride: true,
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true },
        ...(cacheControl ? [{ header: 'Cache-Control', value: cacheControl, override: true }] : []),
      ],
    },
  });
}

/** A browser may keep a private image as long as the signed URL that fetched it lives. */
function privateMaxAge(config: Readonly<ResolvedConfig>): string {
  // LIST_URL_TTL_SECONDS is the lifetime of the GET URLs the signer hands out (default 900).
  return `private, max-age=${config.signer.environment.LIST_URL_TTL_SECONDS ?? '900'}`;
}

/**
 * The API: the Function URL through OAC for Lambda, no caching, all viewer headers and query
 * strings but `Host` (the signature covers the Function URL's own host).
 */
function signerBehavior(scope: Construct, url: lambda.IFunctionUrl): cloudfront.BehaviorOptions {
  // OAC signs the origin request with SigV4 in `Authorization`, replacing the viewer's
  // `Authorization: Bearer`; copy it first into a header OAC leaves alone.
  const forwardAuthorization = new cloudfront.Function(scope, 'ForwardAuthorization', {
    comment: `Copies Authorization into ${FORWARDED_AUTHORIZATION_HEADER} before OAC signs the request`,
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(
      [
        'function handler(event) {',
        '  var headers = event.request.headers;',
        `  delete headers['${FORWARDED_AUTHORIZATION_HEADER}'];`,
        `  if (headers.authorization) headers['${FORWARDED_AUTHORIZATION_HEADER}'] = { value: headers.authorization.value };`,
        '  return event.request;',
        '}',
      ].join('\n'),
    ),
  });
  return {
    origin: origins.FunctionUrlOrigin.withOriginAccessControl(url),
    // A redirect would turn a POST into a GET: refuse plain HTTP instead.
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
    cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
    originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    functionAssociations: [
      { function: forwardAuthorization, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST },
    ],
  };
}

function acknowledgeDistributionFindings(
  distribution: cloudfront.Distribution,
  config: Readonly<ResolvedConfig>,
): void {
  const acknowledge = (id: string, reason: string): void =>
    Validations.of(distribution).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions-CFR1',
    'Images and uploads serve a worldwide audience; an operator who must restrict countries adds geo restrictions.',
  );
  if (!config.cdn.domain) {
    acknowledge(
      'AwsSolutions-CFR4',
      'Without cdn.domainName the distribution uses the *.cloudfront.net certificate, whose TLS policy CloudFront sets; ' +
        'with a custom domain the stack requires TLSv1.2_2021.',
    );
  }
  if (config.cdn.waf.mode === 'off') {
    acknowledge(
      'AwsSolutions-CFR2',
      'The operator turned AWS WAF off (cdn.waf: false); the signer still rate-limits per instance and verifies every token.',
    );
  }
}
