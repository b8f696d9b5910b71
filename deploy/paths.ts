import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where `npm run build:lambda` writes `signer.zip` and `thumbnailer.zip` by default. */
export const DEFAULT_LAMBDA_DIR = fileURLToPath(new URL('../dist/lambda', import.meta.url));
