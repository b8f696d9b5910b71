/** Small typed readers for environment variables; each error names the variable. */
import type { Env } from './config.js';

export function readString(env: Env, name: string, fallback?: string): string {
  const value = env[name] ?? fallback;
  if (value === undefined || value === '') throw new TypeError(`Expected ${name} to be set`);
  return value;
}

export function readInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TypeError(`Expected integer between ${min} and ${max} for ${name} but received ${raw}`);
  }
  return value;
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new TypeError(`Expected true or false for ${name} but received ${raw}`);
}

export function readList(env: Env, name: string, fallback: string[]): string[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function readJson(env: Env, name: string, fallback: unknown[]): unknown[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new TypeError(`Expected ${name} to be JSON`);
  }
  if (!Array.isArray(value)) throw new TypeError(`Expected ${name} to be a JSON array`);
  return value;
}
