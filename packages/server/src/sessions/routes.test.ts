import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { summary } from '../reports/queries.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'
import { dayOf } from '../storage/rollup.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const config = parseConfig({
  sites: [
    { key: 'demo', origins: ['*'], reportTokens: [TOKEN] },
    { key: 'other', origins: ['*'], reportTokens: ['report-token-for-other-01'] },
  ],
})
const JO = '0193a5e0-0000-7000-8000-00000000000a'
const ANN = '0193a5e0-0000-7000-8000-00000000000b'

let n = 0
const event = (session: string, over: Record<string, unknown>) => ({
  id: `sess-route-${String(++n).padStart(6, '0')}`,
  ts: NOW - 60_000 + n,
  session,
  site: 'demo',
  locale: 'en',
  path: '/billing',
  ...over,
})

let t: TestStore
let app: SignpostApp
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config, now: () => NOW })
  const res = await app.request('/v1/events', {
    method: 'POST',
    body: JSON.stringify([
      event(JO, { type: 'search', query: 'refund', results: 2 }),
      event(JO, { type: 'contact', channel: 'email' }),
      event(ANN, { type: 'view', article: 'billing/refunds', source: 'link' }),
    ]),
  })
  expect(res.status).toBe(200)
})
afterEach(() => t.cleanup())

const call = (method: string, path: string, token = TOKEN) => app.request(path, { method, headers: { authorization: `Bearer ${token}` } })
const today = { from: dayOf(NOW), to: dayOf(NOW) }

describe('/v1/sessions', () => {
  it('exports what is stored under a session id, as a download nobody caches', async () => {
    const res = await call('GET', `/v1/sessions/${JO}/export?site=demo`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="signpost-session-${JO}.json"`)
    const body = await res.json()
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['search', 'contact'])
    expect(body.sessions).toHaveLength(1)
  })

  it('erases a session id: its events go and the reports no longer count it', async () => {
    expect((await summary(t.store.db, 'demo', today, 0)).contacts).toBe(1)
    const res = await call('DELETE', `/v1/sessions/${JO}?site=demo`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ site: 'demo', session: JO, erased: { events: 2, sessions: 1 } })
    const after = await summary(t.store.db, 'demo', today, 0)
    expect([after.helpSessions, after.contacts, after.searches]).toEqual([1, 0, 0])
    expect(await t.store.countEvents('demo')).toBe(1)
    // Erasing again finds nothing, and says so.
    expect(await (await call('DELETE', `/v1/sessions/${JO}?site=demo`)).json()).toMatchObject({ erased: { events: 0, sessions: 0 } })
  })

  it("refuses without the site's report token, and erases nothing", async () => {
    for (const [token, site] of [['wrong-token-0000000000', 'demo'], ['report-token-for-other-01', 'demo']] as const) {
      const res = await call('DELETE', `/v1/sessions/${JO}?site=${site}`, token)
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('unauthorized')
    }
    expect((await call('GET', `/v1/sessions/${JO}/export`)).status).toBe(400)
    expect(await t.store.countEvents('demo')).toBe(3)
  })
})
