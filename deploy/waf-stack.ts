import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { ErrorCode } from '../contract/error-codes.js';
import { SIGNER_PATHS } from './image-cdn.js';

/** Props of {@link ImageUploaderWafStack}. */
export interface ImageUploaderWafStackProps extends Omit<StackProps, 'env'> {
  /** API requests one client IP may send in any 5 minutes before it is blocked (answered 429). */
  rateLimit: number;
  /** The account; the region is always us-east-1. @default the CLI's account */
  account?: string;
}

/** The name of the stack output holding the web ACL's ARN (the stack's only output). */
export const WEB_ACL_ARN_OUTPUT = 'WebAclArn';

const RATE_LIMITED: { error: { code: ErrorCode; message: string } } = {
  error: {
    code: 'ERR_RATE_LIMITED',
    message: 'Too many requests from this address; try again in a few minutes.',
  },
};

/**
 * The AWS WAF web ACL in front of the distribution. CloudFront only takes web ACLs of scope
 * CLOUDFRONT, and those live in us-east-1 whatever region the rest of the app uses, hence a stack
 * of its own. Two rules:
 *
 * 1. `RateLimitApi`: a rate-based rule per client IP over the signer's paths (`/v1/…`,
 *    `/openapi.json`, `/healthz`), the distributed limit that per-instance counters cannot give.
 *    Cached image requests are not counted: a gallery page loads many.
 * 2. `AWSManagedRulesCommonRuleSet` (OWASP-style checks), with its 8 KB body-size rule only counting:
 *    the signer limits bodies itself (`BODY_LIMIT_BYTES`, 64 KiB) and a many-file request is larger.
 */
export class ImageUploaderWafStack extends Stack {
  readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: ImageUploaderWafStackProps) {
    const { rateLimit, account, ...stackProps } = props;
    super(scope, id, {
      description: 'image-uploader: the AWS WAF web ACL of the CloudFront distribution (us-east-1)',
      ...stackProps,
      env: { region: 'us-east-1', ...(account && { account }) },
    });
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      description: 'image-uploader: per-IP rate limit on the API and the AWS common rule set',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('image-uploader'),
      customResponseBodies: {
        RateLimited: { contentType: 'APPLICATION_JSON', content: JSON.stringify(RATE_LIMITED) },
      },
      rules: [
        {
          name: 'RateLimitApi',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'RateLimited',
                responseHeaders: [{ name: 'Retry-After', value: '60' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: rateLimit,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              scopeDownStatement: { orStatement: { statements: SIGNER_PATHS.map(pathMatch) } },
            },
          },
          visibilityConfig: visibility('image-uploader-rate-limit-api'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: 'AWSManagedRulesCommonRuleSet',
              ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }],
            },
          },
          visibilityConfig: visibility('image-uploader-common-rule-set'),
        },
      ],
    });
    new CfnOutput(this, WEB_ACL_ARN_OUTPUT, {
      description: 'The web ACL to attach to the image-uploader distribution (cdn.waf.webAclArn).',
      value: this.webAcl.attrArn,
    });
  }
}

/** `v1/*` → the URI path starts with `/v1/`; `healthz` → it is `/healthz`. */
function pathMatch(path: string): wafv2.CfnWebACL.StatementProperty {
  const prefix = path.endsWith('*');
  return {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: prefix ? 'STARTS_WITH' : 'EXACTLY',
      searchString: `/${prefix ? path.slice(0, -1) : path}`,
      // CloudFront hands WAF the path as the viewer sent it: decode before matching.
      textTransformations: [{ priority: 0, type: 'URL_DECODE' }],
    },
  };
}
