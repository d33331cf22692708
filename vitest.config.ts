import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    // Browser tests run in real Chromium through @web/test-runner (web-test-runner.config.mjs).
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    globalSetup: ['test/e2e/build-dashboard.ts'],
    testTimeout: 60_000,
    // The end-to-end tests poll a real browser; the first open compiles the demo's modules in
    // Vite's dev server, which takes seconds while the other test files load both cores.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
  },
})
