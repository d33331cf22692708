import type { SignpostEvent } from '@signpost/core'
import { describe, expect, it } from 'vitest'
import { learnedExport } from '../learn/export.ts'
import { feedbackReasons } from '../reports/ops.ts'
import { articles, contentGaps, summary } from '../reports/queries.ts'
import { ENGINES } from './engines.testkit.ts'
import { DAY_MS, dayOf } from './rollup.ts'

const T0 = Date.UTC(2026, 9, 1, 10, 0, 0)
let n = 0
const ev = (ts: number, session: string, e: Record<string, unknown>) =>
  ({ id: `ret-${String(++n).padStart(6, '0')}`, ts, session, site: 'demo', locale: 'en', path: '/', ...e }) as SignpostEvent
const traffic = (ts: number, session: string, query: string) => [
  ev(ts, session, { type: 'search', query, results: 0 }),
  ev(ts + 1000, session, { type: 'click', query, article: 'billing/refunds', position: 1 }),
  ev(ts + 2000, session, { type: 'view', article: 'billing/refunds', source: 'search' }),
  ev(ts + 3000, session, { type: 'feedback', article: 'billing/refunds', helpful: false, reason: `${query} needs to know` }),
]

for (const engine of ENGINES) {
  describe(`retention on ${engine.name}`, async () => {
    const test = (await engine.available()) ? it : it.skip

    test('purges the free text of aggregates (queries, learned pairs, feedback reasons) with the raw events, and keeps the counts', async () => {
      const t = await engine.open()
      try {
        const old = T0
        const recent = T0 + 60 * DAY_MS
        // The old session also asks again in other words, unanswered: a related-queries pair of two texts.
        const rephrased = ev(old + 4000, 'old-session', { type: 'search', query: 'john smith 42 baker street', results: 0 })
        await t.store.writeBatches([[...traffic(old, 'old-session', 'i am john smith'), rephrased, ...traffic(recent, 'new-session', 'refund')]])
        const now = T0 + 100 * DAY_MS // old traffic is 100 days old, recent 40
        const purged = await t.store.purge(90, now)
        expect(purged.events).toBe(5)
        expect(purged.queries).toBeGreaterThanOrEqual(5)

        const oldDay = { from: dayOf(old), to: dayOf(old) }
        expect(await contentGaps(t.store.db, 'demo', { from: dayOf(old) - 30, to: dayOf(old) + 30 })).toEqual([])
        expect((await articles(t.store.db, 'demo', oldDay))[0]!.topQueries).toEqual([])
        // Numbers without text stay.
        expect((await summary(t.store.db, 'demo', oldDay, 0)).searches).toBe(2)
        // And so do they in the split reports: the page keeps its counts, not its queries.
        const slice = { route: (await t.store.db.all<{ route: string }>('SELECT route FROM slice_daily LIMIT 1'))[0]!.route }
        expect((await summary(t.store.db, 'demo', oldDay, 0, slice)).searches).toBe(2)
        expect(await contentGaps(t.store.db, 'demo', oldDay, 50, 1, slice)).toEqual([])
        expect((await articles(t.store.db, 'demo', oldDay))[0]!.views).toBe(1)
        const stored = JSON.stringify(
          await Promise.all(
            [
              'query_daily',
              'query_weekly',
              'article_query_daily',
              'learned_daily',
              'feedback_reasons',
              'query_related_daily',
              'slice_query_daily',
              'slice_article_query_daily',
              'slice_feedback_reasons',
            ].map((table) =>
              t.store.db.all(`SELECT * FROM ${table}`),
            ),
          ),
        )
        expect(stored).not.toContain('john smith')
        expect(await feedbackReasons(t.store.db, 'demo', { from: dayOf(old) - 30, to: dayOf(old) + 30 })).toEqual([])
        expect(await feedbackReasons(t.store.db, 'demo', { from: dayOf(old) - 30, to: dayOf(old) + 30 }, 50, slice)).toEqual([])
        expect((await learnedExport(t.store.db, 'demo', { from: dayOf(old) - 30, to: dayOf(old) + 30 }, 1, 1)).pairs).toEqual([])
        // What is younger than the retention stays whole.
        const recentDay = { from: dayOf(recent), to: dayOf(recent) }
        expect((await contentGaps(t.store.db, 'demo', recentDay)).map((g) => g.query)).toEqual(['refund'])
        expect((await articles(t.store.db, 'demo', recentDay))[0]!.topQueries).toEqual([{ query: 'refund', clicks: 1 }])
        expect((await feedbackReasons(t.store.db, 'demo', recentDay)).map((r) => r.reason)).toEqual(['refund needs to know'])
        expect((await feedbackReasons(t.store.db, 'demo', recentDay, 50, { locale: 'en' })).map((r) => r.reason)).toEqual(['refund needs to know'])
        expect((await learnedExport(t.store.db, 'demo', recentDay, 1, 1)).pairs).toMatchObject([{ query: 'refund', article: 'billing/refunds', sessions: 1 }])
      } finally {
        await t.cleanup()
      }
    })
  })
}
