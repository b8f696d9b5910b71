/**
 * Reading a request against one of the contract's schemas (`contract/api-schemas.ts`); every
 * failure is a 400 ERR_BAD_REQUEST whose message names the field.
 *
 * Not hono's `validator('json', …)`: it reads the body only under a JSON `Content-Type` (the
 * signer always parsed it), answers malformed JSON with an HTTPException, and runs before the
 * handler, so a body error would win over an `:id` route's 404.
 */
import type { Context } from 'hono';
import * as v from 'valibot';
import { badRequest } from './signer-error.js';

type Schema = v.GenericSchema;

/** Parses the body as JSON (whatever the `Content-Type`, as the signer always did). */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw badRequest('Expected a JSON body');
  }
}

/** Parses the body as JSON and checks it against `schema`. */
export async function readBody<S extends Schema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  return parseRequest(schema, await readJson(c));
}

/** Checks the query string against `schema` (an object of string-valued fields). */
export function readQuery<S extends Schema>(c: Context, schema: S): v.InferOutput<S> {
  return parseRequest(schema, c.req.query());
}

/** Checks `value` against `schema`, or throws the 400 naming the first wrong field. */
export function parseRequest<S extends Schema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw badRequest(describeIssue(result.issues[0]));
  return result.output;
}

/** `files.0.size: Invalid type: Expected number but received "12"`: the field, then what is wrong. */
export function describeIssue(issue: v.BaseIssue<unknown>, prefix?: string): string {
  const path = [prefix, v.getDotPath(issue)].filter(Boolean).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
