/**
 * Typed readers for environment variables: one set of rules for every part's `loadConfig(env)`.
 *
 * - An unset, empty or blank variable takes the fallback (or is an error, when there is none).
 * - Booleans are `true`/`false` or `1`/`0`, case-sensitive (`TRUE`, `yes` and `on` are refused).
 * - Integers are decimal digits only (no sign, exponent, fraction or `0x`), surrounding blanks
 *   allowed, checked against an inclusive range.
 * - Lists are comma-separated; items are trimmed and empty items dropped.
 * - URLs are absolute `http:` or `https:` URLs.
 * - JSON values must parse and be an array.
 *
 * Every error is a `TypeError` that names the variable, e.g.
 * `Expected integer between 1 and 100 for LIST_PAGE_SIZE but received "abc"`.
 * No Node APIs: the signer reads its config on any fetch-based runtime.
 */

/** A process environment or any string map. */
export type Env = Readonly<Record<string, string | undefined>>;

const isUnset = (value: string | undefined): value is undefined | '' =>
  value === undefined || value.trim() === '';

/**
 * A string as given, or `fallback` when unset or blank.
 * @throws {TypeError} when unset or blank and there is no fallback.
 * @example readString(env, 'S3_REGION', 'us-east-1')
 */
export function readString(env: Env, name: string, fallback?: string): string {
  const value = isUnset(env[name]) ? fallback : env[name];
  if (value === undefined || value === '') throw new TypeError(`Expected ${name} to be set`);
  return value;
}

/**
 * `true`/`1` or `false`/`0` (case-sensitive); `fallback` when unset or blank.
 * @throws {TypeError} for any other value.
 */
export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (isUnset(raw)) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new TypeError(`Expected true, false, 1 or 0 for ${name} but received ${JSON.stringify(raw)}`);
}

/**
 * Parses decimal digits into an integer between `min` and `max` (inclusive).
 * @param name the variable the value came from, for the error message
 * @throws {TypeError} for anything but digits, or a value out of range.
 */
export function parseInteger(value: string, name: string, min: number, max: number): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new TypeError(
      `Expected integer between ${min} and ${max} for ${name} but received ${JSON.stringify(value)}`,
    );
  }
  return number;
}

/**
 * An integer between `min` and `max` (inclusive); `fallback` when unset or blank.
 * @throws {TypeError} for anything but digits, or a value out of range.
 * @example readInteger(env, 'LIST_PAGE_SIZE', 30, 1, 100)
 */
export function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  return isUnset(raw) ? fallback : parseInteger(raw, name, min, max);
}

/**
 * A comma-separated list, items trimmed, empty items dropped; `fallback` when unset or blank.
 * @example readList({ CORS_ORIGINS: 'https://a.example, https://b.example' }, 'CORS_ORIGINS', [])
 */
export function readList(env: Env, name: string, fallback: readonly string[]): string[] {
  const raw = env[name];
  if (isUnset(raw)) return [...fallback];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A comma-separated list of integers, each between `min` and `max`; `fallback` when unset or blank.
 * @throws {TypeError} when an item is not an integer in range, or the list has no items (`,`).
 */
export function readIntegerList(
  env: Env,
  name: string,
  fallback: readonly number[],
  min: number,
  max: number,
): number[] {
  const raw = env[name];
  if (isUnset(raw)) return [...fallback];
  const items = readList(env, name, []);
  if (items.length === 0) return [parseInteger(raw, name, min, max)]; // throws, naming the variable
  return items.map((item) => parseInteger(item, name, min, max));
}

/**
 * An absolute `http:` or `https:` URL, or `undefined` when unset or blank.
 * @throws {TypeError} for anything else.
 */
export function readUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (isUnset(raw)) return undefined;
  if (!URL.canParse(raw) || !/^https?:$/.test(new URL(raw).protocol)) {
    throw new TypeError(`Expected an http(s) URL for ${name} but received ${JSON.stringify(raw)}`);
  }
  return raw;
}

/**
 * A JSON array; `fallback` when unset or blank. The items are for the caller to validate.
 * @throws {TypeError} when the value is not JSON, or not an array.
 * @example readJsonArray(env, 'AUTH_ISSUERS', [])
 */
export function readJsonArray(env: Env, name: string, fallback: readonly unknown[]): unknown[] {
  const raw = env[name];
  if (isUnset(raw)) return [...fallback];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new TypeError(`Expected ${name} to be JSON`);
  }
  if (!Array.isArray(value)) throw new TypeError(`Expected ${name} to be a JSON array`);
  return value;
}

/**
 * A base URL that paths are appended to (`{base}/public/…`): an absolute `http:` or `https:` URL
 * without a trailing slash, query, fragment or credentials; `undefined` when unset or blank.
 * @throws {TypeError} for anything else.
 * @example readBaseUrl(env, 'IMAGE_BASE_URL') // 'https://cdn.example.com'
 */
export function readBaseUrl(env: Env, name: string): string | undefined {
  const value = readUrl(env, name)?.trim();
  if (value === undefined) return undefined;
  const parsed = new URL(value);
  if (value.endsWith('/') || parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new TypeError(
      `Expected ${name} without a trailing slash, query or fragment (e.g. https://cdn.example.com) but received ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** An EventBridge bus name, or a bus ARN (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_EventBus.html). */
const EVENT_BUS = /^(arn:aws[\w-]*:events:[a-z]{2}(-[a-z]+)+-\d+:\d{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/;

/**
 * `EVENT_BUS_NAME`: the EventBridge bus (name or ARN, at most 256 characters) the signer and the
 * thumbnailer put image events on, or `undefined` when unset (no events).
 * @throws {TypeError} naming the setting when it is not a bus name or ARN
 */
export function readEventBusName(env: Env): string | undefined {
  const value = env.EVENT_BUS_NAME?.trim();
  if (!value) return undefined;
  if (value.length > 256 || !EVENT_BUS.test(value)) {
    throw new TypeError(
      `Expected an EventBridge bus name or ARN (e.g. image-events) for EVENT_BUS_NAME but received ${JSON.stringify(value)}`,
    );
  }
  return value;
}
