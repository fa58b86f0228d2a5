// Lint is about boundaries, not style: the core must stay pure and deterministic (STYLE.md §1-2).
import tseslint from 'typescript-eslint';

const impure = [
  { object: 'Math', property: 'random', message: 'sim-core is deterministic: take an Rng from the caller.' },
  { object: 'Date', property: 'now', message: 'sim-core has no wall clock: simulated time only.' },
  { object: 'performance', property: 'now', message: 'sim-core has no wall clock: simulated time only.' },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/sim-core/src/**/*.ts', 'packages/cost-model/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', ...impure],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'performance', 'window', 'document', 'process', 'require'],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'react', 'comlink'] }],
    },
  },
);
