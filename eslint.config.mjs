import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-tools/',
      '.builds/',
      'coverage/',
      'node_modules/',
      'jest.config.js',
      'jest.browser.config.js',
      'test/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // The Bitrix24 boundary knows nothing of GraphQL or of the features built on it: dependencies point one way.
    files: ['src/bitrix24/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['graphql', 'type-graphql'],
          patterns: [
            { group: ['**/errors', '**/errors/**'], message: 'src/bitrix24 must not depend on src/errors.' },
            {
              group: ['**/message', '**/message/**'],
              message: 'src/bitrix24 must not depend on src/message.',
            },
            { group: ['graphql/**', 'type-graphql/**'], message: 'src/bitrix24 knows nothing of GraphQL.' },
          ],
        },
      ],
    },
  },
);
