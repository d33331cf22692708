import type { SignpostEvent } from '@signpost/core'
import { describe, expect, it } from 'vitest'
import { buildDigest } from '../digest/digest.ts'
import { learnedExport } from '../learn/export.ts'
import { breakdown, feedbackReasons } from '../reports/ops.ts'
import { articles, contentGaps, summary, timeseries } from '../reports/queries.ts'
import { ENGINES } from './engines.testkit.ts'
import { dayOf } from './rollup.ts'
import type { Store } from './store.ts'
import { MINUTE, T0, tableRows, traffic } from './traffic.testkit.ts'

/**
 * Two sessions delivered one event per request, after the rest: a script searching "vat number"
 * 55 times (past the 50 unanswered searches a session keeps: 5 never count as clicked) before one
 * click, and a customer whose click arrives before a search it answered, with two questions left
 * unanswered (a related-queries pair). Both are erased.
 */
function lateArrivals(): SignpostEvent[][] {
  let n = 0
  const ev = (session: string, ts: number, e: Record<string, unknown>) =>
    ({ id: `late-${String(++n).padStart(4, '0')}`, ts, session, site: 'demo', locale: 'es', path: '/settings', ...e }) as SignpostEvent
  const t = T0 + 3 * 3_600_000
  const script = [
    ...Array.from({ length: 55 }, (_, i) => ev('script', t + i * 1000, { type: 'search', query: 'vat number', results: 3 })),
    ev('script', t + 120_000, { type: 'click', query: 'vat number', article: 'billing/invoices', position: 1 }),
  ]
  const late = [
    ev('late', t + 5 * MINUTE, { type: 'click', query: 'cancel plan', article: 'account/cancel', position: 1 }),
    ev('late', t + 2 * MINUTE, { type: 'search', query: 'cancel plan', results: 3 }),
    ev('late', t + 6 * MINUTE, { type: 'search', query: 'cancel plan', results: 3 }),
    ev('late', t + 7 * MINUTE, { type: 'search', query: 'close my account', results: 0 }),
    ev('late', t + 8 * MINUTE, { type: 'search', query: 'delete account', results: 0 }),
    // The latest reason of its slice row: erased, the row's last_seen falls back to the reader's.
    ev('late', t + 9 * MINUTE, { type: 'feedback', article: 'account/cancel', helpful: false, reason: 'too vague' }),
  ]
  // The script's 55 searches, then its click (which answers the 50 kept); the customer's events as listed.
  return [...script, ...late].map((e) => [e])
}

/** A reader kept in both stores, in the late customer's slice, giving the same reason earlier. */
function keptReader(): SignpostEvent[] {
  const t = T0 + 3 * 3_600_000
  const ev = (n: number, ts: number, e: Record<string, unknown>) => ({ id: `reader-${n}`, ts, session: 'reader', site: 'demo', locale: 'es', path: '/settings', ...e }) as SignpostEvent
  return [
    ev(1, t, { type: 'view', article: 'account/cancel', source: 'link' }),
    ev(2, t + MINUTE, { type: 'feedback', article: 'account/cancel', helpful: false, reason: 'Too vague' }),
  ]
}

async function ingest(store: Store, events: readonly SignpostEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 7) await store.writeBatches([events.slice(i, i + 7)])
}

const TABLES = {
  daily: 'site, day',
  query_daily: 'site, day, query',
  query_weekly: 'site, week, query',
  article_daily: 'site, day, article',
  article_query_daily: 'site, day, article, query',
  learned_daily: 'site, day, query, article',
  feedback_reasons: 'site, day, article, reason',
  breakdown_daily: 'site, day, locale, route',
  breakdown_weekly: 'site, week, locale, route',
  query_related_daily: 'site, day, query, other',
  slice_daily: 'site, route, locale, day',
  slice_query_daily: 'site, route, locale, day, query',
  slice_article_daily: 'site, route, locale, day, article',
  slice_article_query_daily: 'site, route, locale, day, article, query',
  slice_feedback_reasons: 'site, route, locale, day, article, reason',
} as const

const rollups = (store: Store) => tableRows(store, TABLES)

async function reports(store: Store) {
  const range = { from: dayOf(T0) - 1, to: dayOf(T0) + 14 }
  return {
    summary: await summary(store.db, 'demo', range, 10),
    timeseries: await timeseries(store.db, 'demo', range),
    gaps: await contentGaps(store.db, 'demo', range, 100),
    articles: await articles(store.db, 'demo', range, 100),
    reasons: await feedbackReasons(store.db, 'demo', range, 100),
    byLocale: await breakdown(store.db, 'demo', range, 'locale', 100),
    byRoute: await breakdown(store.db, 'demo', range, 'route', 100),
    learned: await learnedExport(store.db, 'demo', range, 1, 1),
    digest: await buildDigest(store.db, 'demo', range, 10, 1),
    // Each report split by the routes and locales traffic() asks from, one at a time and together.
    slices: await Promise.all(
      SLICES.map(async (slice) => ({
        summary: await summary(store.db, 'demo', range, 10, slice),
        timeseries: await timeseries(store.db, 'demo', range, slice),
        gaps: await contentGaps(store.db, 'demo', range, 100, 1, slice),
        articles: await articles(store.db, 'demo', range, 100, 1, slice),
        reasons: await feedbackReasons(store.db, 'demo', range, 100, slice),
      })),
    ),
  }
}

const SLICES = [{ route: '/invoices/:id/edit' }, { route: '/settings' }, { locale: 'es' }, { locale: 'en', route: '/' }]

for (const engine of ENGINES) {
  describe(`erasing a session on ${engine.name}`, async () => {
    const available = await engine.available()
    const test = available ? it : it.skip

    test('leaves rollups and reports identical to a rebuild from the remaining raw events', async () => {
      const all = traffic()
      // Every third session: among them ones with two segments, ones crossing midnight, clicks and contacts.
      const erased = [...[...new Set(all.map((e) => e.session))].filter((_, i) => i % 3 === 0), 'script', 'late']
      const kept = all.filter((e) => !erased.includes(e.session))
      const late = lateArrivals()
      const original = await engine.open()
      const rebuilt = await engine.open()
      try {
        await ingest(original.store, [...all, ...keptReader()])
        for (const batch of late) await original.store.writeBatches([batch])
        await ingest(rebuilt.store, [...kept, ...keptReader()])
        // The erased sessions count in every rollup before erasure: without it the two would differ.
        const before = await rollups(original.store)
        const expected = await rollups(rebuilt.store)
        for (const table of Object.keys(TABLES)) expect(before[table], table).not.toEqual(expected[table])
        const summaryBefore = (await reports(original.store)).summary
        expect(summaryBefore.repeatContacts).toBeGreaterThan((await reports(rebuilt.store)).summary.repeatContacts)

        let segments = 0
        for (const session of erased) {
          const result = await original.store.eraseSession('demo', session)
          expect(result.events).toBe([...all, ...late.flat()].filter((e) => e.session === session).length)
          segments += result.sessions
        }
        expect(segments).toBeGreaterThan(erased.length) // some ids held two sessions
        expect(await rollups(original.store)).toEqual(expected)
        expect(await reports(original.store)).toEqual(await reports(rebuilt.store))
        // The customers' own words go with them: no reason only erased sessions gave is left.
        const kept_reasons = new Set([...kept, ...keptReader()].flatMap((e) => (e.type === 'feedback' && e.reason ? [e.reason.trim().replace(/\s+/g, ' ').toLowerCase()] : [])))
        for (const table of ['feedback_reasons', 'slice_feedback_reasons']) {
          const left_reasons = await original.store.db.all<{ reason: string }>(`SELECT DISTINCT reason FROM ${table}`)
          for (const { reason } of left_reasons) expect(kept_reasons).toContain(reason)
        }
        expect(await original.store.countEvents('demo')).toBe(kept.length + keptReader().length)
        const left = await original.store.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM sessions WHERE sid IN (${erased.map(() => '?').join(', ')})`, erased)
        expect(Number(left[0]!.n)).toBe(0)
      } finally {
        await original.cleanup()
        await rebuilt.cleanup()
      }
    })

    test('exports the raw events and session segments stored under an id, and nothing after erasure', async () => {
      const t = await engine.open()
      try {
        const all = traffic()
        await ingest(t.store, all)
        const mine = all.filter((e) => e.session === 'session-017')
        const exported = await t.store.exportSession('demo', 'session-017')
        expect(exported.events.map((e) => e.id)).toEqual(mine.map((e) => e.id))
        expect(exported.sessions.length).toBeGreaterThan(0)
        expect(exported.sessions[0]!.start).toBe(new Date(mine[0]!.ts).toISOString())
        await t.store.eraseSession('demo', 'session-017')
        expect(await t.store.exportSession('demo', 'session-017')).toEqual({ site: 'demo', session: 'session-017', events: [], sessions: [] })
      } finally {
        await t.cleanup()
      }
    })
  })
}
