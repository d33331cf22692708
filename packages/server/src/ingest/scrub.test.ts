import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'] }], rateLimits: { ipRequestsPerSecond: 100_000 } })
const SESSION = '0193a5e0-0000-7000-8000-000000000001'

let n = 0
const event = (over: Record<string, unknown> = {}) => ({
  id: `scrub-${String(++n).padStart(8, '0')}`,
  ts: NOW - 1000,
  session: SESSION,
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
})
afterEach(() => t.cleanup())

const post = (events: unknown[]) => app.request('/v1/events', { method: 'POST', body: JSON.stringify(events) })
const stored = async () => (await t.store.db.all<{ data: string; session: string }>('SELECT data, session FROM events')).map((r) => r.data + r.session).join('\n')

describe('POST /v1/events scrubs every free-text field before storing', () => {
  it('masks emails and card numbers in paths, article ids and vote reasons', async () => {
    const res = await post([
      event({ type: 'open', path: '/account/jo.doe@example.com/cards/4111111111111111' }),
      event({ type: 'view', article: 'users/jo.doe@example.com', source: 'link' }),
      event({ type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'call 4111 1111 1111 1111 or jo.doe@example.com' }),
      event({ type: 'contact', channel: 'email', article: 'cards/4111111111111111', query: 'jo.doe@example.com' }),
    ])
    expect(res.status).toBe(200)
    const data = await stored()
    expect(data).not.toContain('jo.doe')
    expect(data).not.toContain('4111')
    expect(data).toContain('/account/[email]/cards/[card]')
  })

  it('refuses an event whose session id is not the tracker\'s, and stores the others', async () => {
    const res = await post([event({ type: 'open', session: 'jo.doe@example.com' }), event({ type: 'open' })])
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.details[0].errors).toEqual(['events[0].session: expected a session id as the tracker makes it (a UUID)'])
    expect(body.stored).toBe(1)
    expect(await stored()).not.toContain('jo.doe')
  })
})
