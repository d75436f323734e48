import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `import { z } from 'zod'` makes esbuild bundle all of zod (about 350 KB more a function).
const ZOD_NAMESPACE_ONLY = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind='value'] > ImportSpecifier[imported.name='z'][importKind='value']",
  message: "Import zod as a namespace (import * as z from 'zod') so bundles tree-shake it.",
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      'coverage/',
      '.sepakat/',
      '.sepakat-demo/',
      'web/dist/',
      'test-artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-syntax': ['error', ZOD_NAMESPACE_ONLY],
    },
  },
  {
    // Domain rules stay free of AWS so they can be tested without any stand-in.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '../adapters/*'],
              message: 'domain/ must not depend on AWS or adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases depend on the domain and its ports only: the handlers wire the adapters in.
    files: ['application/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '../adapters/*', '../functions/*'],
              message: 'application/ depends on domain/ and its ports only.',
            },
          ],
        },
      ],
    },
  },
  {
    // API tests (and the CLI's against the API) read response bodies as untyped JSON; the
    // assertions are their type checks.
    files: ['test/api/**/*.ts', 'test/cli-api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // The coordinator console runs in the browser; `onInput={(e) => set(...)}` is how JSX
    // event handlers read.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  {
    // The entry points' preflight: plain CommonJS that an old Node still parses.
    files: ['**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
