/** Reading and checking JSON request bodies; every failure is a 400 ERR_BAD_REQUEST. */
import type { Context } from 'hono';
import { badRequest } from './signer-error.js';

/** Parses the body as a JSON object. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest('Expected a JSON body');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('Expected a JSON object');
  return body as Record<string, unknown>;
}

/** A non-empty string of at most `max` characters. */
export function expectString(value: unknown, name: string, max = 1024): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw badRequest(`Expected ${name} to be a string of 1 to ${max} characters`);
  }
  return value;
}

/** An integer between `min` and `max`. */
export function expectInteger(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`Expected ${name} to be an integer between ${min} and ${max}`);
  }
  return value;
}

/** An array of 1 to `max` entries. */
export function expectArray(value: unknown, name: string, max: number): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > max) {
    throw badRequest(`Expected ${name} to be a list of 1 to ${max} entries`);
  }
  return value;
}
