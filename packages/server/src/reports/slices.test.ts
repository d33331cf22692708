import type { SignpostEvent } from '@signpost/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { ENGINES } from '../storage/engines.testkit.ts'
import type { Store } from '../storage/store.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const MINUTE = 60_000
const RANGE = 'from=2026-11-18&to=2026-11-20'

let n = 0
/** One session's events, a minute apart, all on one page in one locale. */
function session(sid: string, start: number, where: { locale: string; path: string }, events: Record<string, unknown>[]): SignpostEvent[] {
  return events.map((e, i) => ({ id: `slice-${String(++n).padStart(6, '0')}`, ts: start + i * MINUTE, session: sid, site: 'demo', ...where, ...e }) as SignpostEvent)
}

const EN_INVOICE = { locale: 'en', path: '/invoices/1042/edit' }
const ES_INVOICE = { locale: 'es', path: '/invoices/77/edit' }
const EN_SETTINGS = { locale: 'en', path: '/settings' }
const ES_SETTINGS = { locale: 'es', path: '/settings' }

/** Six help sessions over two days, across two routes and two locales; three gave a reason. */
function traffic(): SignpostEvent[] {
  const day1 = NOW - 30 * 60 * MINUTE
  const day2 = NOW - 2 * 60 * MINUTE
  return [
    ...session('a', day1, EN_INVOICE, [
      { type: 'search', query: 'refund', results: 2 },
      { type: 'click', query: 'refund', article: 'billing/refunds', position: 1 },
      { type: 'view', article: 'billing/refunds', source: 'search' },
      { type: 'feedback', article: 'billing/refunds', helpful: true, reason: 'Too long' },
    ]),
    ...session('b', day1, EN_SETTINGS, [{ type: 'search', query: 'vat number', results: 0 }, { type: 'contact', channel: 'email' }]),
    ...session('c', day2, ES_INVOICE, [
      { type: 'search', query: 'refund', results: 3 },
      { type: 'view', article: 'billing/refunds', source: 'link' },
      // A reason sent after its vote: counted with the reasons, not as a second vote.
      { type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'too  long', followUp: true },
    ]),
    ...session('d', day2, ES_SETTINGS, [
      { type: 'view', article: 'account/cancel', source: 'suggestion' },
      { type: 'feedback', article: 'account/cancel', helpful: false, reason: 'No screenshots' },
    ]),
    ...session('e', day2, EN_INVOICE, [
      { type: 'search', query: 'vat number', results: 0 },
      { type: 'search', query: 'refund', results: 2 },
    ]),
    ...session('f', day2, ES_INVOICE, [{ type: 'search', query: 'vat number', results: 0 }, { type: 'contact', channel: 'chat' }]),
  ]
}

async function open(store: Store) {
  const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], kAnonymity: 1 })
  const app = createApp({ store, config, now: () => NOW })
  // biome-ignore lint/suspicious/noExplicitAny: report bodies of every shape, asserted field by field
  return async <T = any>(report: string, query = '') => {
    const res = await app.request(`/v1/reports/${report}?site=demo&${RANGE}${query}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    return { status: res.status, body: (await res.json()) as T }
  }
}

const SUMMED = ['sessions', 'helpSessions', 'contacts', 'searches'] as const

for (const engine of ENGINES) {
  describe(`reports split by route and locale on ${engine.name}`, async () => {
    const test = (await engine.available()) ? it : it.skip

    test('counts each slice exactly, and the slices of a dimension add up to the whole', async () => {
      const t = await engine.open()
      try {
        await t.store.writeBatches([traffic()])
        const get = await open(t.store)
        const invoices = (await get('summary', '&route=/invoices/:id/edit')).body
        expect(invoices).toMatchObject({ sessions: 4, helpSessions: 4, searches: 5, contacts: 1, deflected: { explicit: 1, implicit: 1 }, slice: { route: '/invoices/:id/edit' } })
        expect((await get('summary', '&locale=es&route=/settings')).body).toMatchObject({ helpSessions: 1, searches: 0, deflected: { explicit: 0, implicit: 1 } })

        const whole = (await get('summary')).body
        for (const dimension of [['&route=/invoices/:id/edit', '&route=/settings'], ['&locale=en', '&locale=es']]) {
          const parts = await Promise.all(dimension.map(async (q) => (await get('summary', q)).body))
          for (const field of SUMMED) expect(parts.reduce((sum, p) => sum + p[field], 0), `${dimension} ${field}`).toBe(whole[field])

          const days = await Promise.all(dimension.map(async (q) => (await get('timeseries', q)).body.days as { views: number; helpful: number; clicks: number }[]))
          const wholeDays = (await get('timeseries')).body.days as { views: number; helpful: number; clicks: number }[]
          for (const [i, day] of wholeDays.entries())
            for (const field of ['views', 'helpful', 'clicks'] as const) expect(days[0]![i]![field] + days[1]![i]![field]).toBe(day[field])

          const gaps = await Promise.all(dimension.map(async (q) => (await get('content-gaps', q)).body.gaps as { query: string; searches: number; sessionsAffected: number }[]))
          for (const gap of (await get('content-gaps')).body.gaps as { query: string; searches: number; sessionsAffected: number }[]) {
            const slices = gaps.flat().filter((g) => g.query === gap.query)
            expect(slices.reduce((sum, g) => sum + g.searches, 0)).toBe(gap.searches)
            expect(slices.reduce((sum, g) => sum + g.sessionsAffected, 0)).toBe(gap.sessionsAffected)
          }

          const arts = await Promise.all(dimension.map(async (q) => (await get('articles', q)).body.articles as { article: string; views: number; helpfulNo: number }[]))
          for (const a of (await get('articles')).body.articles as { article: string; views: number; helpfulNo: number }[]) {
            const slices = arts.flat().filter((s) => s.article === a.article)
            expect(slices.reduce((sum, s) => sum + s.views, 0)).toBe(a.views)
            expect(slices.reduce((sum, s) => sum + s.helpfulNo, 0)).toBe(a.helpfulNo)
          }

          type Reason = { article: string; reason: string; votes: number; helpful: number; lastSeen: string }
          const reasons = await Promise.all(dimension.map(async (q) => (await get('feedback-reasons', q)).body.reasons as Reason[]))
          const wholeReasons = (await get('feedback-reasons')).body.reasons as Reason[]
          expect(wholeReasons.length).toBe(2)
          for (const r of wholeReasons) {
            const slices = reasons.flat().filter((s) => s.article === r.article && s.reason === r.reason)
            expect(slices.reduce((sum, s) => sum + s.votes, 0)).toBe(r.votes)
            expect(slices.reduce((sum, s) => sum + s.helpful, 0)).toBe(r.helpful)
            expect(slices.map((s) => s.lastSeen).sort().at(-1)).toBe(r.lastSeen)
          }
        }
        const at = (ms: number) => new Date(ms).toISOString()
        const { body: en } = await get('feedback-reasons', '&locale=en')
        expect(en).toEqual({
          site: 'demo',
          slice: { locale: 'en' },
          reasons: [{ article: 'billing/refunds', reason: 'too long', votes: 1, helpful: 1, notHelpful: 0, lastSeen: at(NOW - 30 * 60 * MINUTE + 3 * MINUTE) }],
        })
        expect((await get('feedback-reasons', '&route=/invoices/:id/edit')).body.reasons).toEqual([
          expect.objectContaining({ article: 'billing/refunds', reason: 'too long', votes: 2, helpful: 1, lastSeen: at(NOW - 2 * 60 * MINUTE + 2 * MINUTE) }),
        ])
        expect((await get('feedback-reasons', '&locale=es&route=/settings')).body.reasons).toEqual([
          expect.objectContaining({ article: 'account/cancel', reason: 'no screenshots', votes: 1, helpful: 0 }),
        ])
        // "vat number" failed in three sessions: one per slice it was searched in.
        expect((await get('content-gaps', '&locale=en')).body.gaps).toEqual([
          expect.objectContaining({ query: 'vat number', sessionsAffected: 2, zeroResults: 2, contacts: 1 }),
          expect.objectContaining({ query: 'refund', sessionsAffected: 1, zeroResults: 0, noClicks: 1 }),
        ])
        expect((await get('articles', '&locale=es')).body.articles).toEqual([
          expect.objectContaining({ article: 'account/cancel', views: 1, helpfulNo: 1 }),
          expect.objectContaining({ article: 'billing/refunds', views: 1, topQueries: [] }),
        ])
      } finally {
        await t.cleanup()
      }
    })

    test('moves a whole session to the page its earliest help event came from, whatever the arrival order', async () => {
      const t = await engine.open()
      try {
        const [search, view, vote] = [
          ...session('late', NOW - 60 * MINUTE, EN_INVOICE, [{ type: 'search', query: 'refund', results: 2 }]),
          ...session('late', NOW - 59 * MINUTE, EN_SETTINGS, [
            { type: 'view', article: 'billing/refunds', source: 'link' },
            { type: 'feedback', article: 'billing/refunds', helpful: true, reason: 'Clear' },
          ]),
        ] as [SignpostEvent, SignpostEvent, SignpostEvent]
        // The vote, then the view, then (a flush later) the search that came first.
        await t.store.writeBatches([[vote]])
        await t.store.writeBatches([[view]])
        const get = await open(t.store)
        expect((await get('summary', '&route=/settings')).body).toMatchObject({ helpSessions: 1, deflected: { explicit: 1, implicit: 0 } })
        expect((await get('feedback-reasons', '&route=/settings')).body.reasons).toEqual([expect.objectContaining({ reason: 'clear', votes: 1 })])
        await t.store.writeBatches([[search]])
        expect((await get('summary', '&route=/invoices/:id/edit')).body).toMatchObject({ helpSessions: 1, searches: 1, deflected: { explicit: 1, implicit: 0 } })
        expect((await get('articles', '&route=/invoices/:id/edit')).body.articles).toEqual([expect.objectContaining({ views: 1, helpfulYes: 1 })])
        expect((await get('feedback-reasons', '&route=/invoices/:id/edit')).body.reasons).toEqual([
          expect.objectContaining({ reason: 'clear', votes: 1, helpful: 1, lastSeen: new Date(vote.ts).toISOString() }),
        ])
        // /settings keeps no trace of it: no session began there after all.
        expect((await get('summary', '&route=/settings')).status).toBe(400)
        for (const table of ['slice_daily', 'slice_feedback_reasons']) expect(await t.store.db.all(`SELECT * FROM ${table} WHERE route = ?`, ['/settings'])).toEqual([])
      } finally {
        await t.cleanup()
      }
    })
  })
}

describe('route and locale filters', async () => {
  const t = await ENGINES[0].open()
  await t.store.writeBatches([traffic()])
  const get = await open(t.store)
  afterAll(() => t.cleanup())

  it('take a path for a route, and export CSV of the slice', async () => {
    expect((await get('summary', '&route=/invoices/5/edit')).body).toMatchObject({ helpSessions: 4 })
    const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], kAnonymity: 1 })
    const res = await createApp({ store: t.store, config, now: () => NOW }).request(`/v1/reports/content-gaps?site=demo&${RANGE}&locale=es&format=csv`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toMatch(/^query,searches,sessions,sessionsAffected/)
    expect(lines.filter((l) => l.startsWith('vat number,'))).toEqual([expect.stringMatching(/^vat number,1,1,1,1,0,1,/)])
  })

  it('refuse a malformed or unknown value, naming the parameter', async () => {
    for (const [query, parameter] of [
      ['&locale=en_US!', 'locale'],
      ['&locale=fr', 'locale'],
      ['&route=invoices', 'route'],
      ['&route=/nowhere', 'route'],
    ] as const) {
      for (const report of ['summary', 'timeseries', 'content-gaps', 'articles', 'feedback-reasons', 'breakdown']) {
        const { status, body } = await get(report, query)
        expect(status, `${report}${query}`).toBe(400)
        expect(body).toEqual({
          error: { code: 'bad-request', message: expect.stringMatching(new RegExp(`^${parameter}: `)), status: 400, details: [{ parameter, value: expect.any(String) }] },
        })
      }
    }
  })

  it('keep a query out of a slice until k sessions of that slice searched it', async () => {
    const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], kAnonymity: 2 })
    const app = createApp({ store: t.store, config, now: () => NOW })
    const gaps = async (q: string) =>
      ((await (await app.request(`/v1/reports/content-gaps?site=demo&${RANGE}${q}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { gaps: { query: string }[] }).gaps.map(
        (g) => g.query,
      )
    // Three sessions searched "vat number": listed for the site and for English (two), not for Spanish (one).
    expect(await gaps('')).toContain('vat number')
    expect(await gaps('&locale=en')).toContain('vat number')
    expect(await gaps('&locale=es')).not.toContain('vat number')
    expect(await gaps('&route=/settings')).toEqual([])
  })

  it('keep a query out of an article\'s top queries until k sessions of that slice searched it', async () => {
    // Three sessions searched "refund", two of them in English.
    const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], kAnonymity: 3 })
    const app = createApp({ store: t.store, config, now: () => NOW })
    const top = async (q: string) =>
      ((await (await app.request(`/v1/reports/articles?site=demo&${RANGE}${q}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { articles: { article: string; topQueries: unknown[] }[] })
        .articles.find((a) => a.article === 'billing/refunds')!.topQueries
    expect(await top('')).toEqual([{ query: 'refund', clicks: 1 }])
    expect(await top('&locale=en')).toEqual([])
  })

  it('are refused on the report they do not split', async () => {
    const { status, body } = await get('learned', '&locale=en')
    expect(status).toBe(400)
    expect(body.error).toMatchObject({ message: expect.stringMatching(/^locale: /) })
  })

  it('export CSV of a slice of the feedback reasons', async () => {
    const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], kAnonymity: 1 })
    const res = await createApp({ store: t.store, config, now: () => NOW }).request(`/v1/reports/feedback-reasons?site=demo&${RANGE}&locale=es&format=csv`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    const lines = (await res.text()).split('\r\n').filter(Boolean)
    expect(lines[0]).toBe('article,reason,votes,helpful,notHelpful,lastSeen')
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).join(','))).toEqual(['account/cancel,no screenshots,1,0,1', 'billing/refunds,too long,1,0,1'])
  })
})
