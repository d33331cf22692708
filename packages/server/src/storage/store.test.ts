import { DatabaseSync } from 'node:sqlite'
import type { SignpostEvent } from '@signpost/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articles, contentGaps, summary, timeseries } from '../reports/queries.ts'
import { ENGINES, freshPostgres, freshSqlite, PG_URL, postgresReachable, type TestStore } from './engines.testkit.ts'
import { openStore } from './store.ts'
import { DAY_MS, dayOf } from './rollup.ts'

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0)
const DAY = dayOf(T0)
const range = { from: DAY, to: DAY }
let seq = 0
const ev = (session: string, minute: number, e: Record<string, unknown>): SignpostEvent =>
  ({ id: `evt-${String(++seq).padStart(6, '0')}`, ts: T0 + minute * 60_000, session, site: 'demo', locale: 'en', path: '/', ...e }) as SignpostEvent

/**
 * The hand-built scenario: eight sessions whose numbers we can compute from the definitions.
 *  s1 searched "refund", clicked, viewed billing/refunds, voted yes          → deflected, explicit
 *  s2 searched "refund", clicked, viewed billing/refunds                     → deflected, implicit
 *  s3 searched "invoice pdf" (0 results), contacted                          → escalated
 *  s4 searched "refund" (results, no click), viewed billing/refunds via link, contacted after → escalated
 *  s5 opened the widget only                                                 → not a help session
 *  s6 contacted without searching or viewing                                 → contact, not a help session
 *  s7 searched "invoice pdf" (0 results), left                               → help session, not deflected
 *  s8 viewed billing/refunds, voted no                                       → deflected, implicit
 */
function scenario(): SignpostEvent[] {
  return [
    ev('s1', 0, { type: 'open' }),
    ev('s1', 1, { type: 'search', query: 'refund', results: 3 }),
    ev('s1', 2, { type: 'click', article: 'billing/refunds', position: 1, query: 'refund' }),
    ev('s1', 2, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s1', 4, { type: 'feedback', article: 'billing/refunds', helpful: true }),
    ev('s2', 0, { type: 'search', query: 'refund', results: 3 }),
    ev('s2', 1, { type: 'click', article: 'billing/refunds', position: 2, query: 'refund' }),
    ev('s2', 1, { type: 'view', article: 'billing/refunds', source: 'search' }),
    ev('s3', 0, { type: 'search', query: 'invoice pdf', results: 0 }),
    ev('s3', 2, { type: 'contact', channel: 'email' }),
    ev('s4', 0, { type: 'search', query: 'refund', results: 3 }),
    ev('s4', 1, { type: 'view', article: 'billing/refunds', source: 'link' }),
    ev('s4', 5, { type: 'contact', channel: 'chat' }),
    ev('s5', 0, { type: 'open' }),
    ev('s6', 0, { type: 'contact', channel: 'phone' }),
    ev('s7', 0, { type: 'search', query: 'invoice pdf', results: 0 }),
    ev('s8', 0, { type: 'view', article: 'billing/refunds', source: 'suggestion' }),
    ev('s8', 1, { type: 'feedback', article: 'billing/refunds', helpful: false }),
  ]
}

describe('PostgreSQL shared by several server instances', async () => {
  const available = await postgresReachable()
  const test = available ? it : it.skip
  test('two instances writing the same sessions concurrently, each event three times, count everything once', async () => {
    const first = await freshPostgres()
    const second = await openStore(PG_URL, { schema: first.schema })
    try {
      const events = scenario()
      // First delivery in order, alternating instances; then two replays, all at once, on both.
      for (const [i, e] of events.entries()) await (i % 2 ? first.store : second).writeBatches([[e]])
      const jobs: Promise<unknown>[] = []
      for (let round = 1; round < 3; round++)
        for (const [i, e] of events.entries()) jobs.push((i + round) % 2 ? first.store.writeBatches([[e]]) : second.writeBatches([[e]]))
      jobs.push(first.store.writeBatches([events]), second.writeBatches([events.toReversed()]))
      await Promise.all(jobs)
      expect(await first.store.countEvents('demo')).toBe(events.length)
      const s = await summary(first.store.db, 'demo', range, 0)
      expect([s.helpSessions, s.deflected.explicit, s.deflected.implicit, s.contacts, s.searches, s.zeroResultRate, s.noClickRate]).toEqual([
        6, 1, 2, 3, 5, 2 / 5, 1 / 5,
      ])
    } finally {
      await second.close()
      await first.cleanup()
    }
  })
})

for (const engine of ENGINES) {
  describe(`storage on ${engine.name}`, async () => {
    const available = await engine.available()
    let t: TestStore
    beforeEach(async () => {
      if (available) t = await engine.open()
    })
    afterEach(async () => {
      if (available) await t.cleanup()
    })
    const test = available ? it : it.skip

    test('drops an event it has already stored', async () => {
      const e = ev('a', 0, { type: 'open' })
      const [first] = await t.store.writeBatches([[e]])
      const [second] = await t.store.writeBatches([[e, e]])
      expect(first).toEqual({ stored: [e.id], duplicates: [] })
      expect(second).toEqual({ stored: [], duplicates: [e.id, e.id] })
      expect(await t.store.countEvents('demo')).toBe(1)
    })

    test('report numbers on the hand-built scenario equal the metric definitions', async () => {
      await t.store.writeBatches([scenario()])
      const s = await summary(t.store.db, 'demo', range, 12.5)
      // help sessions: s1 s2 s3 s4 s7 s8 = 6; deflected: s1 (explicit), s2 s8 (implicit)
      expect(s.helpSessions).toBe(6)
      expect(s.sessions).toBe(8)
      expect(s.deflected).toEqual({ explicit: 1, implicit: 2 })
      expect(s.deflectionRate).toBeCloseTo(3 / 6)
      // contacts: s3 s4 s6 = 3 sessions; of the help sessions s3 and s4 escalated
      expect(s.contacts).toBe(3)
      expect(s.escalationRate).toBeCloseTo(2 / 6)
      expect(s.selfServiceScore).toBeCloseTo(6 / 3)
      // searches: s1 s2 s3 s4 s7 = 5; zero-result: s3 s7; no-click: s4
      expect(s.searches).toBe(5)
      expect(s.zeroResultRate).toBeCloseTo(2 / 5)
      expect(s.noClickRate).toBeCloseTo(1 / 5)
      expect(s.costSaved).toBe(37.5)
      expect(s.previous.helpSessions).toBe(0)

      const gaps = await contentGaps(t.store.db, 'demo', range)
      // "invoice pdf" failed in s3 and s7 (zero results), "refund" in s4 (no click); both led to one contact
      expect(gaps.map((g) => [g.query, g.sessionsAffected, g.sessions, g.zeroResults, g.noClicks, g.contacts])).toEqual([
        ['invoice pdf', 2, 2, 2, 0, 1],
        ['refund', 1, 3, 0, 1, 1],
      ])

      const [refunds] = await articles(t.store.db, 'demo', range)
      expect(refunds).toMatchObject({
        article: 'billing/refunds',
        views: 4,
        viewSessions: 4,
        helpfulYes: 1,
        helpfulNo: 1,
        helpfulRate: 0.5,
        contactAfterViewRate: 0.25,
        topQueries: [{ query: 'refund', clicks: 2 }],
      })

      const [day] = await timeseries(t.store.db, 'demo', range)
      expect(day).toMatchObject({ helpSessions: 6, deflected: 3, contacts: 3, searches: 5, views: 4 })
    })

    test('gives the same numbers when the events arrive one by one, in many transactions', async () => {
      for (const e of scenario()) await t.store.writeBatches([[e]])
      const s = await summary(t.store.db, 'demo', range, 0)
      expect([s.helpSessions, s.deflected.explicit, s.deflected.implicit, s.contacts, s.searches]).toEqual([6, 1, 2, 3, 5])
    })

    test('a later contact turns a deflected session into an escalated one', async () => {
      await t.store.writeBatches([[ev('x', 0, { type: 'view', article: 'a', source: 'link' })]])
      expect((await summary(t.store.db, 'demo', range, 0)).deflected.implicit).toBe(1)
      await t.store.writeBatches([[ev('x', 10, { type: 'contact', channel: 'email' })]])
      const s = await summary(t.store.db, 'demo', range, 0)
      expect(s.deflected.implicit).toBe(0)
      expect(s.escalationRate).toBe(1)
    })

    test('30 minutes without an event starts a new session', async () => {
      await t.store.writeBatches([
        [ev('y', 0, { type: 'search', query: 'a', results: 1 }), ev('y', 29, { type: 'open' }), ev('y', 60, { type: 'search', query: 'b', results: 1 })],
      ])
      expect((await summary(t.store.db, 'demo', range, 0)).helpSessions).toBe(2)
    })

    test('compares with the previous period of the same length', async () => {
      const before = scenario().map((e) => ({ ...e, id: e.id + '-prev', ts: e.ts - 3 * DAY_MS }))
      await t.store.writeBatches([before, scenario()])
      const s = await summary(t.store.db, 'demo', { from: DAY - 2, to: DAY }, 0)
      expect(s.helpSessions).toBe(6)
      expect(s.previous.helpSessions).toBe(6)
      expect(s.previous.from).toBe(new Date((DAY - 5) * DAY_MS).toISOString().slice(0, 10))
    })

    test('content gaps over several weeks add whole weeks and edge days exactly once', async () => {
      const shifted = (days: number) => scenario().map((e) => ({ ...e, id: `${e.id}-${days}`, ts: e.ts - days * DAY_MS }))
      await t.store.writeBatches([shifted(0), shifted(4), shifted(9), shifted(16), shifted(24)])
      for (const [from, times] of [[DAY - 20, 4], [DAY - 30, 5], [DAY - 9, 3], [DAY - 2, 1]] as const) {
        const gaps = await contentGaps(t.store.db, 'demo', { from, to: DAY })
        expect(gaps.map((g) => [g.query, g.sessionsAffected, g.searches])).toEqual([
          ['invoice pdf', 2 * times, 2 * times],
          ['refund', times, 3 * times],
        ])
      }
    })

    test('retention purges raw events and keeps the aggregates', async () => {
      await t.store.writeBatches([scenario()])
      const purged = await t.store.purge(30, T0 + 40 * DAY_MS)
      expect(purged.events).toBe(scenario().length)
      expect(await t.store.countEvents('demo')).toBe(0)
      expect((await summary(t.store.db, 'demo', range, 0)).helpSessions).toBe(6)
    })

    test('a session searching past 100 distinct queries still counts every search', async () => {
      const events = Array.from({ length: 105 }, (_, i) => ev('bot', i / 10, { type: 'search', query: `query ${i}`, results: 0 }))
      await t.store.writeBatches([events.slice(0, 50)])
      await t.store.writeBatches([events.slice(50)])
      const s = await summary(t.store.db, 'demo', range, 0)
      expect(s).toMatchObject({ helpSessions: 1, searches: 105, zeroResultRate: 1 })
      const gaps = await contentGaps(t.store.db, 'demo', range, 200)
      expect(gaps).toHaveLength(105)
      expect(gaps.filter((g) => g.sessions === 1)).toHaveLength(100)
    })
  })
}

describe('SQLite file', () => {
  it('two stores on one file (two server processes, say) count every event once', async () => {
    const first = await freshSqlite()
    const second = await openStore(first.path)
    try {
      const events = scenario()
      const jobs: Promise<unknown>[] = []
      // Every event through both writers at once: one stores it, the other finds it stored.
      for (const e of events) jobs.push(first.store.writeBatches([[e]]), second.writeBatches([[e]]))
      await Promise.all(jobs)
      expect(await second.countEvents('demo')).toBe(events.length)
      const s = await summary(first.store.db, 'demo', range, 0)
      expect(s.helpSessions).toBe(6)
      expect(s.deflected).toEqual({ explicit: 1, implicit: 2 })
    } finally {
      await second.close()
      await first.cleanup()
    }
  })

  it('a file written by a newer server is refused at open, naming the versions', async () => {
    const t = await freshSqlite()
    await t.store.close()
    const db = new DatabaseSync(t.path)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(999, 'from the future', 0)
    db.close()
    await expect(openStore(t.path)).rejects.toThrow(/schema version 999, newer than this server/)
    await t.cleanup()
  })
})
