import type { LearnedFile } from '@signpost/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { sid } from '../session-ids.testkit.ts'
import { ENGINES, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const options = {
  sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }],
  rateLimits: { ipRequestsPerSecond: 100_000, siteEventsPerSecond: 1_000_000 },
}
/** A server whose k-anonymity floor lets `min-sessions` go down to 1, so these tests see every pair. */
const config = parseConfig({ ...options, kAnonymity: 1 })

let seq = 0
/** An event `minute` minutes into the session called `name`, which started an hour before NOW. */
const ev = (name: string, minute: number, e: Record<string, unknown>) => ({
  id: `evt-${String(++seq).padStart(8, '0')}`,
  ts: NOW - 3_600_000 + minute * 60_000,
  session: sid(name),
  site: 'demo',
  locale: 'en',
  path: '/billing',
  ...e,
})

/**
 * Four customers who searched "Refund policy?" and opened billing/refunds (by a result click, or by a
 * link after the search), one of whom voted it helpful and one of whom still wrote to support; two
 * who searched "money back" and opened it; one who read it before searching anything.
 */
function traffic() {
  return [
    ev('s1', 0, { type: 'search', query: 'Refund policy?', results: 3 }),
    ev('s1', 1, { type: 'click', article: 'billing/refunds', position: 1, query: 'Refund policy?' }),
    ev('s1', 1, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s1', 2, { type: 'feedback', article: 'billing/refunds', helpful: true }),
    ev('s2', 0, { type: 'search', query: 'refund policy', results: 3 }),
    ev('s2', 1, { type: 'view', article: 'billing/refunds', source: 'link' }),
    ev('s2', 5, { type: 'contact', channel: 'email' }),
    ev('s3', 0, { type: 'search', query: 'refund  policy', results: 3 }),
    ev('s3', 1, { type: 'click', article: 'billing/refunds', position: 1, query: 'refund  policy' }),
    ev('s3', 1, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s3', 3, { type: 'view', article: 'billing/invoices', source: 'link' }),
    ev('s4', 0, { type: 'contact', channel: 'chat' }),
    ev('s4', 1, { type: 'search', query: 'refund policy', results: 3 }),
    ev('s4', 2, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s5', 0, { type: 'search', query: 'money back', results: 1 }),
    ev('s5', 1, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s6', 0, { type: 'search', query: 'money back', results: 1 }),
    ev('s6', 1, { type: 'click', article: 'billing/refunds', position: 1, query: 'money back' }),
    ev('s7', 0, { type: 'view', article: 'billing/refunds', source: 'link' }),
    ev('s7', 1, { type: 'search', query: 'cancel plan', results: 2 }),
  ]
}

for (const engine of ENGINES) {
  describe(`GET /v1/reports/learned (${engine.name})`, async () => {
    const test = (await engine.available()) ? it : it.skip
    let t: TestStore
    let app: SignpostApp
    beforeEach(async () => {
      if (!(await engine.available())) return
      t = await engine.open()
      app = createApp({ store: t.store, config, now: () => NOW })
    })
    afterEach(async () => {
      await app?.writer.drain()
      await t?.cleanup()
    })

    const send = async (events: object[]) => {
      const res = await app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ sentAt: NOW, events }) })
      expect(res.status).toBe(200)
    }
    const learned = async (query = ''): Promise<LearnedFile> => {
      const res = await app.request(`/v1/reports/learned?site=demo${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.status).toBe(200)
      return res.json()
    }

    test('exports the pairs of at least three sessions, with helpful votes, contacts after, and views', async () => {
      await send(traffic())
      const file = await learned()
      expect(file).toMatchObject({ format: 1, site: 'demo', from: '2026-08-23', to: '2026-11-20' })
      // s4 contacted before it searched: that contact is not "after" the article.
      expect(file.pairs).toEqual([{ query: 'refund policy', article: 'billing/refunds', sessions: 4, helpful: 1, contacts: 1 }])
      expect(file.views).toEqual([
        { article: 'billing/refunds', sessions: 6 },
        { article: 'billing/invoices', sessions: 1 },
      ])
    })

    test('keeps a pair below min-sessions on the server, and lowers the bar when asked', async () => {
      await send(traffic())
      const pairs = (await learned('&min-sessions=1')).pairs
      expect(pairs.map((p) => [p.query, p.article, p.sessions])).toEqual([
        ['refund policy', 'billing/refunds', 4],
        ['money back', 'billing/refunds', 2],
        ['refund policy', 'billing/invoices', 1],
      ])
      // s7 read the article before searching "cancel plan": no pair.
      expect(pairs.some((p) => p.query === 'cancel plan')).toBe(false)
      expect((await learned('&min-sessions=5')).pairs).toEqual([])
    })

    test('never exports a pair below the server’s k-anonymity floor, whatever min-sessions asks', async () => {
      await send(traffic())
      for (const [kAnonymity, expected] of [
        [3, [['refund policy', 'billing/refunds', 4]]],
        [5, []],
      ] as const) {
        const strict = createApp({ store: t.store, config: parseConfig({ ...options, kAnonymity }), now: () => NOW })
        try {
          for (const min of ['&min-sessions=1', '&min-sessions=2', '']) {
            const res = await strict.request(`/v1/reports/learned?site=demo${min}`, { headers: { authorization: `Bearer ${TOKEN}` } })
            const file = (await res.json()) as LearnedFile
            expect(file.pairs.map((p) => [p.query, p.article, p.sessions]), `kAnonymity ${kAnonymity}${min}`).toEqual(expected)
          }
        } finally {
          await strict.writer.drain()
        }
      }
    })

    test('counts the same whether events arrive reversed, or three times over', async () => {
      const events = traffic()
      const reversed = [...events].reverse()
      for (const e of reversed) await send([e])
      await send(events)
      await send(reversed)
      const file = await learned('&min-sessions=1')
      expect(file.pairs).toEqual([
        { query: 'refund policy', article: 'billing/refunds', sessions: 4, helpful: 1, contacts: 1 },
        { query: 'money back', article: 'billing/refunds', sessions: 2, helpful: 0, contacts: 0 },
        { query: 'refund policy', article: 'billing/invoices', sessions: 1, helpful: 0, contacts: 0 },
      ])
    })

    test('counts a contact that arrives before the search it followed (a ticket webhook beating the beacon)', async () => {
      const [search, view, contact] = [
        ev('late', 0, { type: 'search', query: 'refund policy', results: 3 }),
        ev('late', 1, { type: 'view', article: 'billing/refunds', source: 'search' }),
        ev('late', 4, { type: 'contact', channel: 'ticket' }),
      ]
      await send([contact!])
      await send([view!])
      await send([search!])
      expect((await learned('&min-sessions=1')).pairs).toEqual([{ query: 'refund policy', article: 'billing/refunds', sessions: 1, helpful: 0, contacts: 1 }])
      const gaps = await app.request('/v1/reports/content-gaps?site=demo', { headers: { authorization: `Bearer ${TOKEN}` } })
      expect((await gaps.json()).gaps).toMatchObject([{ query: 'refund policy', noClicks: 1, contacts: 1 }])
      const arts = await (await app.request('/v1/reports/articles?site=demo', { headers: { authorization: `Bearer ${TOKEN}` } })).json()
      expect(arts.articles[0]).toMatchObject({ article: 'billing/refunds', contactAfterViewRate: 1 })
    })

    test('covers the range asked for', async () => {
      await send(traffic())
      expect(await learned('&from=2026-11-01&to=2026-11-19')).toMatchObject({ from: '2026-11-01', to: '2026-11-19', pairs: [], views: [] })
      expect((await learned('&since=1d')).pairs).toHaveLength(1)
    })
  })
}

describe('GET /v1/reports/learned errors', async () => {
  const t = await ENGINES[0].open()
  const app = createApp({ store: t.store, config, now: () => NOW })
  afterEach(() => undefined)

  it('answers 401 without the report token and 400 naming a bad min-sessions', async () => {
    expect((await app.request('/v1/reports/learned?site=demo')).status).toBe(401)
    for (const bad of ['0', '2.5', 'three']) {
      const res = await app.request(`/v1/reports/learned?site=demo&min-sessions=${bad}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.status).toBe(400)
      expect((await res.json()).error.message).toMatch(/^min-sessions: expected a whole number ≥ 1/)
    }
    await t.cleanup()
  })
})
