import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * `import { z } from 'zod'` makes esbuild keep all of zod, its ~360 KB of locales included (it
 * once doubled CustomerApi's bundle); `import * as z from 'zod'` lets it drop what is unused.
 */
const zodNamespaceOnly = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind!='type'] > ImportSpecifier[imported.name='z'][importKind!='type']",
  message: "Use `import * as z from 'zod'`: the named import keeps all of zod in the Lambda bundle.",
};

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.local', 'dist', 'coverage'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['functions/**/*.ts'],
    // `import type { z }` is erased from the bundle and stays allowed.
    rules: { 'no-restricted-syntax': ['error', zodNamespaceOnly] },
  },
  {
    // Domain code knows nothing of AWS: ports and adapters keep the SDK at the edge.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '@middy/*', '@aws-lambda-powertools/*'],
              message: 'Domain code must not import AWS or Lambda libraries; use a port.',
            },
          ],
        },
      ],
    },
  },
  {
    // Handlers and use cases reach storage and AWS through ports; only wiring binds adapters to them.
    files: ['functions/handlers/**/*.ts', 'functions/usecases/**/*.ts'],
    ignores: ['functions/**/wiring.ts', 'functions/wiring/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)adapters/',
              message: 'Handlers and use cases depend on ports; bind adapters in a wiring file.',
            },
          ],
        },
      ],
    },
  },
  {
    // Use cases read time from their injected clock (deps.now), so tests and the simulator can set it.
    files: ['functions/usecases/**/*.ts'],
    // Wiring binds the wall clock.
    ignores: ['functions/**/wiring.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        // Repeated here: this block's list replaces the one above for use cases.
        zodNamespaceOnly,
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use cases take the time from their injected clock (deps.now()), not new Date().',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use cases take the time from their injected clock (deps.now()), not Date.now().',
        },
      ],
    },
  },
);
