import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'cdk.out/',
      '.tmp/',
      '.stryker-tmp/',
      'test-results/',
      '**/*.js',
      '!eslint.config.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]",
          message: 'Focused tests (.only) must not be committed.',
        },
      ],
    },
  },
  {
    // Competitors the benchmarks measure, written as their tutorials write them: plain Node ESM.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
  },
  {
    // The signer app runs on any fetch-based runtime, and the widget in browsers: no Node APIs
    // outside their Node entry points and tests.
    files: ['signer/**/*.ts', 'widget/**/*.ts', 'contract/**/*.ts'],
    ignores: [
      'signer/node.ts',
      'signer/node-fetch.ts',
      '**/*.test.ts',
      '**/test-support/**',
      'widget/*.config.*',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'Keep Node-only APIs out of this part.' }] },
      ],
    },
  },
);
