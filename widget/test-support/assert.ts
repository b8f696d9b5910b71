/** The few assertions the browser tests need, with messages that show both values. */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

export function ok(value: unknown, message = `expected a truthy value, got ${show(value)}`): asserts value {
  if (!value) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, message?: string): void {
  if (!Object.is(actual, expected))
    throw new AssertionError(message ?? `expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  if (show(actual) !== show(expected))
    throw new AssertionError(message ?? `expected ${show(expected)}, got ${show(actual)}`);
}

export function atMost(actual: number, limit: number, message?: string): void {
  if (!(actual <= limit)) throw new AssertionError(message ?? `expected at most ${limit}, got ${actual}`);
}

export function atLeast(actual: number, limit: number, message?: string): void {
  if (!(actual >= limit)) throw new AssertionError(message ?? `expected at least ${limit}, got ${actual}`);
}
