import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Browser tests run in real Chromium through @web/test-runner (web-test-runner.config.mjs).
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    globalSetup: ['test/e2e/build-dashboard.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
