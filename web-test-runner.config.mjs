// Browser tests (*.browser.test.ts) in real Chromium: Debian's /usr/bin/chromium or $CHROME_PATH.
// No tool downloads a browser here.
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { playwrightLauncher } from '@web/test-runner-playwright'
import { fakeReportsApi } from './packages/dashboard/test/fake-reports-api.mjs'

/**
 * A stand-in collector for browser tests of delivery code: `POST /__collect/<bucket>` records the
 * body (answering `?status=503&retryAfter=1` when a test asks for a failure, `&failTimes=2` for
 * only the first two requests), `GET` lists what a
 * bucket received, `DELETE` empties it. End-to-end tests use the real server instead.
 */
const buckets = new Map()
async function collector(ctx, next) {
  const match = /^\/__collect\/([\w-]+)/.exec(ctx.path)
  if (!match) return next()
  const bucket = buckets.get(match[1]) ?? []
  buckets.set(match[1], bucket)
  if (ctx.method === 'GET') {
    ctx.body = bucket
    return
  }
  if (ctx.method === 'DELETE') {
    buckets.set(match[1], [])
    ctx.status = 204
    return
  }
  let body = ''
  for await (const chunk of ctx.req) body += chunk
  // ?failTimes=N: the first N requests to this bucket fail with ?status (default 503).
  const failures = bucket.filter((r) => r.status >= 400).length
  const failing = ctx.query.failTimes === undefined || failures < Number(ctx.query.failTimes)
  const status = failing && ctx.query.status ? Number(ctx.query.status) : failing && ctx.query.failTimes ? 503 : 202
  bucket.push({ status, contentType: ctx.get('content-type'), bytes: Buffer.byteLength(body), body: JSON.parse(body) })
  if (ctx.query.retryAfter && status >= 400) ctx.set('retry-after', String(ctx.query.retryAfter))
  ctx.status = status
  ctx.body = {}
}

/**
 * A stand-in CDN that serves the widget's fixture knowledge base under `/signed-kb/` only to a
 * request carrying the signature a host would add (`?sig=good`), as a CDN's signed URL for a
 * whole folder does: the widget must carry its manifest URL's query to every file.
 */
async function signedCdn(ctx, next) {
  if (!ctx.path.startsWith('/signed-kb/')) return next()
  if (ctx.query.sig !== 'good') {
    ctx.status = 403
    return
  }
  ctx.url = `/packages/widget/test/fixtures/dist/kb/${ctx.path.slice('/signed-kb/'.length)}`
  return next()
}

export default {
  middleware: [collector, fakeReportsApi, signedCdn],
  files: ['packages/*/src/**/*.browser.test.ts', 'test/browser/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
}
