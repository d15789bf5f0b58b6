// Type-aware lint: the rules that catch the bugs async Node services actually ship
// (a forgotten await, a promise passed where a callback is expected, a switch missing a case).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        {
          // One public face per package: a lib's index (@app/<lib>), an app's src/index.ts. A
          // package's own files and tests reach into it with paths that name no other package.
          patterns: [
            { group: ['@app/*/*'], message: 'Import a library through its barrel: @app/<lib>.' },
            {
              regex: '^(\\.\\./)+libs/',
              message: 'Import a library through its barrel: @app/<lib>, not a relative path.',
            },
            {
              regex: '^(\\.\\./)+(apps/)?[^./][^/]*/src/.',
              message: 'Import another app through its public face, <app>/src (its index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  prettier,
);
