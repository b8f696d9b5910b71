// @ts-check
/**
 * Mutation testing: `npm run mutation` (scripts/mutation.ts) runs this, then writes
 * bench/results/mutation.json. StrykerJS 9.x is the last line that runs on Node 20 (10.x needs 22).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    '{signer,thumbnailer,contract}/**/*.ts',
    '!**/*.test.ts',
    '!**/test-support/**',
    '!**/dist/**',
    // Entries that only re-export or connect a part to its host (no logic a test could pin).
    '!{signer,thumbnailer,contract}/index.ts',
    '!signer/node.ts',
    '!thumbnailer/handler.ts',
  ],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  checkers: ['typescript'],
  // The mutated folders, their tests and what they import: half the program tsconfig.json checks.
  tsconfigFile: 'tsconfig.mutation.json',
  // One test process and one checker on this 2-core machine; other work shares the cores.
  concurrency: 2,
  timeoutMS: 10_000,
  // Kept in the repository so that a fresh clone re-tests only what changed (see BENCHMARKS.md).
  incremental: true,
  incrementalFile: 'bench/mutation-incremental.json',
  reporters: ['html', 'json', 'progress', 'clear-text'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  // The sandbox needs the sources the tests and the type check import, not built or fetched output.
  ignorePatterns: ['dist', 'cdk.out', '.local', 'bench/node_modules', 'reports', 'test-results', 'docs'],
};
