import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const TOKEN = 'report-token-for-demo-0001'
const FRESHDESK = 'freshdesk-shared-token-0001'
const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN], webhooks: { freshdesk: FRESHDESK } }], rateLimits: { reportAuthFailuresPerMinute: 3 } })

let t: TestStore
let app: SignpostApp
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config })
})
afterEach(() => t.cleanup())

const report = (token: string) => app.request('/v1/reports/summary?site=demo', { headers: { authorization: `Bearer ${token}` } })

describe('failed report authentications', () => {
  it('are limited per client address, with 429 and Retry-After, so tokens cannot be guessed quickly', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await report(`guess-${i}-aaaaaaaaaaaaaaaa`)).status)
    expect(statuses).toEqual([401, 401, 401, 429])
    const limited = await report(TOKEN)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await limited.json()).error.code).toBe('rate-limited')
  })

  it('cost nothing when the token is right', async () => {
    for (let i = 0; i < 10; i++) expect((await report(TOKEN)).status).toBe(200)
  })

  it('share one allowance between the reports and the session routes', async () => {
    for (let i = 0; i < 3; i++) expect((await report(`guess-${i}-aaaaaaaaaaaaaaaa`)).status).toBe(401)
    const erase = await app.request('/v1/sessions/0193a5e0-0000-7000-8000-000000000001?site=demo', { method: 'DELETE', headers: { authorization: 'Bearer another-guess-aaaaaaaa' } })
    expect(erase.status).toBe(429)
  })

  it("count a webhook signature that fails: Freshdesk's shared token cannot be guessed quickly either", async () => {
    const ticket = JSON.stringify({ freshdesk_webhook: { ticket_id: 1, ticket_cf_signpost_session: '' } })
    const deliver = (token: string) =>
      app.request('/v1/webhooks/freshdesk?site=demo', { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${token}:X`).toString('base64')}` }, body: ticket })
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await deliver(`guess-${i}`)).status)
    expect(statuses).toEqual([401, 401, 401])
    // Locked out, even with the right token (the desk retries a 429 later), and so are the reports.
    const limited = await deliver(FRESHDESK)
    expect(limited.status).toBe(429)
    expect((await limited.json()).error.code).toBe('rate-limited')
    expect((await report(TOKEN)).status).toBe(429)
    expect(await t.store.countEvents('demo')).toBe(0)
  })

  it('leave good webhook deliveries alone', async () => {
    for (let i = 0; i < 6; i++) {
      const ticket = JSON.stringify({ freshdesk_webhook: { ticket_id: 100 + i } })
      const res = await app.request('/v1/webhooks/freshdesk?site=demo', { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${FRESHDESK}:X`).toString('base64')}` }, body: ticket })
      expect(res.status).toBe(200)
    }
  })
})
