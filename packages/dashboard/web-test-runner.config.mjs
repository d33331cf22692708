// The dashboard's browser tests: the root settings (real Chromium, esbuild) plus a fake reports
// API served by the test server. Run from the repo root:
//   npx wtr --config packages/dashboard/web-test-runner.config.mjs
import root from '../../web-test-runner.config.mjs'
import { fakeReportsApi } from './test/fake-reports-api.mjs'

export default {
  ...root,
  files: ['packages/dashboard/src/**/*.browser.test.ts'],
  middleware: [...(root.middleware ?? []), fakeReportsApi],
}
