import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const TOKEN = 'report-token-for-demo-0001'
const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }] })

let t: TestStore
let app: SignpostApp
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config })
})
afterEach(() => t.cleanup())

describe('security headers', () => {
  it('serves the dashboard with a CSP that forbids framing and foreign scripts, and no sniffing', async () => {
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/assets/x.js']) {
      const res = await app.request(path)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe/)
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('tells every cache not to keep a report, in JSON, CSV or an error', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` }
    for (const path of ['/v1/reports/summary?site=demo', '/v1/reports/content-gaps?site=demo&format=csv', '/v1/reports/summary?site=demo&from=x']) {
      const res = await app.request(path, { headers: auth })
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('sends nosniff on ingest answers and errors too', async () => {
    for (const res of [
      await app.request('/v1/events?site=demo', { method: 'POST', body: '[]' }),
      await app.request('/v1/events?site=demo', { method: 'POST', body: '{' }),
      await app.request('/nowhere'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })
})
