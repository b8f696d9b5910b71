import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * A view of `bucket` whose `addToResourcePolicy` narrows every statement it is given to the objects
 * under `prefixes`; everything else is the bucket itself.
 *
 * `S3BucketOrigin.withOriginAccessControl` grants the distribution `s3:GetObject` on `bucket/*`.
 * Handed this view instead, it grants the same statement (principal, actions and the
 * `AWS:SourceArn` condition naming this one distribution) on `public/*` only, so no behavior, path
 * trick or misconfiguration can make CloudFront read an original or a private thumbnail.
 * @param bucket the origin bucket
 * @param prefixes object key prefixes the statements may cover, e.g. `['public/']`
 * @example S3BucketOrigin.withOriginAccessControl(objectPrefixView(bucket, ['public/']))
 */
export function objectPrefixView(bucket: s3.IBucket, prefixes: readonly string[]): s3.IBucket {
  const narrow = (statement: iam.PolicyStatement): iam.PolicyStatement =>
    statement.copy({ resources: prefixes.map((prefix) => bucket.arnForObjects(`${prefix}*`)) });
  return new Proxy(bucket, {
    get(target, property) {
      if (property === 'addToResourcePolicy') {
        return (statement: iam.PolicyStatement) => target.addToResourcePolicy(narrow(statement));
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
