// Lint: TypeScript rules plus the project's layering (DEVELOPERS.md "House style").
import tseslint from 'typescript-eslint';
import layering from './scripts/eslint-layering.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'conformance/out/**', 'playground/dist/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { corsight: layering },
    rules: {
      'corsight/layering': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is pure: it runs in browsers, workers and Node alike.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error',
        ...['fetch', 'XMLHttpRequest', 'window', 'document', 'navigator', 'process', 'Buffer', 'require',
          'setTimeout', 'setInterval', 'console', 'globalThis', 'localStorage', 'performance']
          .map((name) => ({ name, message: 'src/engine is pure: no I/O, no host objects.' })),
      ],
    },
  },
);
