import type { SignpostEvent } from '@signpost/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { sid } from '../session-ids.testkit.ts'
import { ENGINES, type TestStore } from '../storage/engines.testkit.ts'
import { DAY_MS } from '../storage/rollup.ts'
import { contentGaps, summary } from './queries.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const config = parseConfig({
  sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }],
  rateLimits: { ipRequestsPerSecond: 100_000, siteEventsPerSecond: 1_000_000 },
})

let seq = 0
/** An event of the session called `name` (a fixed UUID: the server refuses other session ids). */
const ev = (name: string, at: number, e: Record<string, unknown>): SignpostEvent =>
  ({ id: `evt-${String(++seq).padStart(8, '0')}`, ts: at, session: sid(name), site: 'demo', locale: 'en', path: '/billing', ...e }) as SignpostEvent
const min = (m: number) => NOW - 3 * 3_600_000 + m * 60_000

for (const engine of ENGINES) {
  describe(`ops reports (${engine.name})`, async () => {
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
    const send = async (events: SignpostEvent[]) => {
      const res = await app.request('/v1/events', { method: 'POST', body: JSON.stringify({ sentAt: NOW, events }) })
      expect(res.status).toBe(200)
    }
    const get = async (path: string) => {
      const res = await app.request(`/v1/reports/${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(res.status, path).toBe(200)
      return res
    }

    test('groups the reasons customers gave per article, the least helpful first, scrubbed', async () => {
      await send([
        ev('r1', min(0), { type: 'feedback', article: 'billing/refunds', helpful: false, reason: "Doesn't say how long it takes" }),
        ev('r2', min(1), { type: 'feedback', article: 'billing/refunds', helpful: false, reason: "  doesn't say how LONG it takes " }),
        ev('r3', min(2), { type: 'feedback', article: 'billing/refunds', helpful: true, reason: 'no screenshots' }),
        ev('r4', min(3), { type: 'feedback', article: 'account/login', helpful: false, reason: 'mail me at jo@example.com' }),
        ev('r5', min(4), { type: 'feedback', article: 'account/login', helpful: false }),
      ])
      const { reasons } = await (await get('feedback-reasons?site=demo&since=1d')).json()
      expect(reasons).toEqual([
        // Core's scrubber (shared with queries) turns punctuation into spaces.
        { article: 'billing/refunds', reason: "doesn't say how long it takes", votes: 2, helpful: 0, notHelpful: 2, lastSeen: new Date(min(1)).toISOString() },
        { article: 'account/login', reason: expect.not.stringContaining('jo@example.com'), votes: 1, helpful: 0, notHelpful: 1, lastSeen: expect.any(String) },
        { article: 'billing/refunds', reason: 'no screenshots', votes: 1, helpful: 1, notHelpful: 0, lastSeen: expect.any(String) },
      ])
      const csv = await (await get('feedback-reasons?site=demo&since=1d&format=csv')).text()
      expect(csv.split('\r\n')[0]).toBe('article,reason,votes,helpful,notHelpful,lastSeen')
    })

    test('splits help by route and by locale, ids in paths folded, whatever the arrival order', async () => {
      const events = [
        ev('b1', min(0), { type: 'search', query: 'edit invoice', results: 0, path: '/invoices/1042/edit' }),
        ev('b1', min(1), { type: 'contact', channel: 'email', path: '/invoices/1042/edit' }),
        ev('b2', min(0), { type: 'search', query: 'edit invoice', results: 2, path: '/invoices/77/edit' }),
        ev('b2', min(1), { type: 'view', article: 'invoices/edit', source: 'search', path: '/invoices/77/edit' }),
        ev('b3', min(0), { type: 'view', article: 'facturas/editar', source: 'suggestion', locale: 'es', path: '/settings' }),
        // Help asked for on /settings first: the session counts there even though it moved on.
        ev('b4', min(0), { type: 'search', query: 'tax', results: 1, path: '/settings' }),
        ev('b4', min(2), { type: 'view', article: 'tax/rates', source: 'search', path: '/invoices/9/edit' }),
      ]
      // A ticket that did not come through help says nothing of where help failed.
      events.push(ev('ticket-zendesk-9', min(5), { type: 'contact', channel: 'zendesk', locale: 'und', path: '/' }))
      await send([...events].reverse())
      const routes = (await (await get('breakdown?site=demo&since=1d&by=route')).json()).rows
      expect(routes).toEqual([
        { value: '/invoices/:id/edit', helpSessions: 2, deflected: 1, deflectionRate: 0.5, escalationRate: 0.5, contacts: 1, zeroResultSessionRate: 0.5 },
        { value: '/settings', helpSessions: 2, deflected: 2, deflectionRate: 1, escalationRate: 0, contacts: 0, zeroResultSessionRate: 0 },
      ])
      const locales = (await (await get('breakdown?site=demo&since=1d&by=locale')).json()).rows
      expect(locales.map((r: { value: string; helpSessions: number }) => [r.value, r.helpSessions])).toEqual([
        ['en', 3],
        ['es', 1],
      ])
      const spanish = (await (await get('breakdown?site=demo&since=1d&by=route&locale=es')).json()).rows
      expect(spanish.map((r: { value: string; helpSessions: number }) => [r.value, r.helpSessions])).toEqual([['/settings', 1]])
      const invoices = (await (await get(`breakdown?site=demo&since=1d&by=locale&route=${encodeURIComponent('/invoices/:id/edit')}`)).json()).rows
      expect(invoices.map((r: { value: string; helpSessions: number }) => [r.value, r.helpSessions])).toEqual([['en', 2]])
      const csv = await (await get('breakdown?site=demo&since=1d&by=locale&format=csv')).text()
      expect(csv.split('\r\n')[0]).toMatch(/^locale,helpSessions,/)
      const bad = await app.request('/v1/reports/breakdown?site=demo&by=country', { headers: { authorization: `Bearer ${TOKEN}` } })
      expect(bad.status).toBe(400)
      expect((await bad.json()).error.message).toBe('by: expected "locale" or "route", got "country"')
    })

    test('adds whole weeks and the days at either edge of a long range exactly once', async () => {
      // One help session a day for 40 days, on one route.
      await t.store.writeBatches([Array.from({ length: 40 }, (_, d) => ev(`w${d}`, NOW - d * DAY_MS, { type: 'view', article: 'a/b', source: 'link', path: '/reports' }))])
      const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
      for (const [from, to] of [
        [39, 0],
        [30, 3],
        [12, 10],
        [16, 2],
      ] as const) {
        const rows = (await (await get(`breakdown?site=demo&from=${iso(NOW - from * DAY_MS)}&to=${iso(NOW - to * DAY_MS)}`)).json()).rows
        expect(rows, `${from} to ${to} days ago`).toEqual([expect.objectContaining({ value: '/reports', helpSessions: from - to + 1 })])
      }
    })

    test('counts a contact within 7 days of reading an article, in a later session, once', async () => {
      const read = NOW - 3 * DAY_MS
      await t.store.writeBatches([
        [
          ev('t1', read, { type: 'view', article: 'billing/refunds', source: 'search' }),
          ev('t2', read, { type: 'view', article: 'billing/refunds', source: 'search' }),
          ev('t3', read - 5 * DAY_MS, { type: 'view', article: 'billing/refunds', source: 'search' }),
        ],
      ])
      // t1 writes in two days later (twice); t3 read it eight days before writing in.
      const later = [ev('t1', read + 2 * DAY_MS, { type: 'contact', channel: 'zendesk' }), ev('t1', read + 2 * DAY_MS + 60_000, { type: 'contact', channel: 'zendesk' }), ev('t3', read + 3 * DAY_MS, { type: 'contact', channel: 'email' })]
      await t.store.writeBatches([later])
      const { articles } = await (await get('articles?site=demo&since=30d')).json()
      expect(articles[0]).toMatchObject({ article: 'billing/refunds', viewSessions: 3, contactAfterViewRate: 0, ticketsAfterView: 1, ticketAfterViewRate: 1 / 3 })
    })

    test('counts the same follow-up when the contact arrives before the reading', async () => {
      const read = NOW - 3 * DAY_MS
      await t.store.writeBatches([[ev('t1', read + 2 * DAY_MS, { type: 'contact', channel: 'zendesk' })]])
      await t.store.writeBatches([[ev('t1', read, { type: 'view', article: 'billing/refunds', source: 'search' })]])
      const { articles } = await (await get('articles?site=demo&since=30d')).json()
      expect(articles[0]).toMatchObject({ ticketsAfterView: 1, ticketAfterViewRate: 1 })
    })

    test('proxies first-contact resolution: a contact not followed by another from the same session id within 7 days', async () => {
      const t0 = NOW - 10 * DAY_MS
      const contacts = [
        ev('f1', t0, { type: 'contact', channel: 'email' }),
        ev('f1', t0 + 2 * DAY_MS, { type: 'contact', channel: 'email' }), // came back: the first was not resolved
        ev('f2', t0, { type: 'contact', channel: 'email' }),
        ev('f2', t0 + 9 * DAY_MS, { type: 'contact', channel: 'email' }), // more than 7 days later: a new matter
      ]
      for (const e of [...contacts].reverse()) await t.store.writeBatches([[e]])
      await t.store.writeBatches([contacts]) // replayed: dropped by id
      const s = await (await get('summary?site=demo&since=30d')).json()
      expect(s).toMatchObject({ contacts: 4, repeatContacts: 1, firstContactResolution: 0.75 })
    })
  })
}

for (const engine of ENGINES) {
  describe(`related queries of a content gap (${engine.name})`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test("are the other unanswered queries of the sessions where it failed, never one whose session found its answer", async () => {
      const t = await engine.open()
      const app = createApp({ store: t.store, config: { ...config, kAnonymity: 1 }, now: () => NOW })
      try {
        const events = [
          // Two customers rephrase an unanswered question.
          ev('q1', min(0), { type: 'search', query: 'multi currency invoice', results: 0 }),
          ev('q1', min(1), { type: 'search', query: 'invoice in euros', results: 0 }),
          ev('q2', min(0), { type: 'search', query: 'multi currency invoice', results: 0 }),
          ev('q2', min(1), { type: 'search', query: 'invoice in euros', results: 0 }),
          ev('q2', min(2), { type: 'search', query: 'foreign currency', results: 3 }),
          // One searched something else too, and found that: not a phrasing of the gap.
          ev('q3', min(0), { type: 'search', query: 'multi currency invoice', results: 0 }),
          ev('q3', min(1), { type: 'search', query: 'invoice in arabic', results: 2 }),
          ev('q3', min(2), { type: 'click', query: 'invoice in arabic', article: 'invoices/languages', position: 1 }),
        ]
        // Reversed, one event per request: a click arriving before its search still answers it.
        for (const e of [...events].reverse()) await app.request('/v1/events', { method: 'POST', body: JSON.stringify({ sentAt: NOW, events: [e] }) })
        const res = await app.request('/v1/reports/content-gaps?site=demo&since=1d', { headers: { authorization: `Bearer ${TOKEN}` } })
        const gaps = (await res.json()).gaps as { query: string; relatedQueries: string[] }[]
        expect(gaps.find((g) => g.query === 'multi currency invoice')!.relatedQueries).toEqual(['invoice in euros', 'foreign currency'])
        expect(gaps.find((g) => g.query === 'invoice in euros')!.relatedQueries).toEqual(['multi currency invoice', 'foreign currency'])
        // With the k-anonymity floor at 3, the gap searched in 3 sessions stays, but a related query
        // searched in fewer (2 and 1 sessions) is never named, as a query anywhere else.
        const floored = createApp({ store: t.store, config: { ...config, kAnonymity: 3 }, now: () => NOW })
        const res3 = await floored.request('/v1/reports/content-gaps?site=demo&since=1d', { headers: { authorization: `Bearer ${TOKEN}` } })
        const gaps3 = (await res3.json()).gaps as { query: string; relatedQueries: string[] }[]
        expect(gaps3.map((g) => g.query)).toEqual(['multi currency invoice'])
        expect(gaps3[0]!.relatedQueries).toEqual([])
        await floored.writer.drain()
      } finally {
        await app.writer.drain()
        await t.cleanup()
      }
    })
  })
}

for (const engine of ENGINES) {
  describe(`searches answered by a click, in any arrival order (${engine.name})`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test('a click answers exactly the searches before it, whichever arrives first', async () => {
      const t = await engine.open()
      try {
        // search, click, search again (unanswered): every one of the six arrival orders, a session each.
        const orders = [
          [0, 1, 2],
          [0, 2, 1],
          [1, 0, 2],
          [1, 2, 0],
          [2, 0, 1],
          [2, 1, 0],
        ]
        for (const [i, order] of orders.entries()) {
          const sid = `order-${i}`
          const events = [
            ev(sid, min(0), { type: 'search', query: 'refund', results: 3 }),
            ev(sid, min(1), { type: 'click', query: 'refund', article: 'billing/refunds', position: 1 }),
            ev(sid, min(2), { type: 'search', query: 'refund', results: 3 }),
          ]
          for (const k of order) await t.store.writeBatches([[events[k]!]])
        }
        const day = Math.floor(NOW / DAY_MS)
        const [gap] = await contentGaps(t.store.db, 'demo', { from: day, to: day })
        expect(gap).toMatchObject({ query: 'refund', searches: 12, sessions: 6, sessionsAffected: 6, noClicks: 6, zeroResults: 0 })
        const s = await summary(t.store.db, 'demo', { from: day, to: day }, 0)
        expect(s.noClickRate).toBe(0.5)
      } finally {
        await t.cleanup()
      }
    })
  })
}
