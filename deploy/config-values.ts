/** Validators shared by the deployment's config readers; each throws a `TypeError` naming the setting. */

/**
 * One of `allowed`; the first is the default.
 * @throws {TypeError} naming the setting when the value is not allowed.
 */
export function oneOf<T extends string>(name: string, value: T | undefined, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0]!;
  if (!allowed.includes(value))
    throw new TypeError(`Expected ${name} to be one of ${allowed.join(', ')}, got ${value}`);
  return value;
}

/**
 * A safe integer between `min` and `max`, or `fallback` when unset.
 * @throws {TypeError} naming the setting when the value is out of range.
 */
export function integer(
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TypeError(`Expected integer between ${min} and ${max} for ${name} but received ${value}`);
  }
  return value;
}

/** A secret's complete ARN: Secrets Manager appends `-` and six random characters to its name. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;

/**
 * The complete ARN of a Secrets Manager secret (a partial one, without the suffix, cannot be
 * granted exactly).
 * @throws {TypeError} naming the setting when the value is not one.
 */
export function secretArn(name: string, value: string | undefined): string {
  if (value === undefined || !SECRET_ARN.test(value)) {
    throw new TypeError(`Expected ${name} to be the complete ARN of a Secrets Manager secret`);
  }
  return value;
}
