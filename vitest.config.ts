import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    // One DynamoDB Local for the whole run; each test file uses its own table.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // 2-core machines: keep parallelism modest so emulators are not starved.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
