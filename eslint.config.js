import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    ignores: [
      // Wiring binds the wall clock.
      'functions/**/wiring.ts',
      // Not yet on ports (the same files as the adapter-import list above): they take `now` as a
      // parameter defaulting to the wall clock, or read it where they send and record messages.
      'functions/usecases/customer/order-page.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
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
