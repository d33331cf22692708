import { mkdtempSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { summary } from '../reports/queries.ts'
import { PG_URL, postgresReachable } from './engines.testkit.ts'
import { DAY_MS, dayOf } from './rollup.ts'
import { openStore, type Store } from './store.ts'
import { T0, tableRows, traffic } from './traffic.testkit.ts'

const SLICE_TABLES = {
  slice_daily: 'site, route, locale, day',
  slice_query_daily: 'site, route, locale, day, query',
  slice_article_daily: 'site, route, locale, day, article',
  slice_article_query_daily: 'site, route, locale, day, article, query',
  slice_feedback_reasons: 'site, route, locale, day, article, reason',
}

const sliceRows = (store: Store) => tableRows(store, SLICE_TABLES)

/** The database as the server before the slice tables left it: no slice rows, no per-event counts in `pairs`. */
const beforeSlices = (strip: string) => [
  ...Object.keys(SLICE_TABLES).map((table) => `DELETE FROM ${table}`),
  `UPDATE sessions SET pairs = ${strip}`,
  'INSERT INTO slices_backfill (pending) VALUES (1)',
]

/** The database as the server before reasons were split (migration 8): no reason slices, no `n.r`. */
const beforeReasonSlices = (strip: string) => ['DELETE FROM slice_feedback_reasons', `UPDATE sessions SET pairs = ${strip}`, 'INSERT INTO reason_slices_backfill (pending) VALUES (1)']

/** An engine's store opened afresh on the same data, as a restarted server would. */
const ENGINES = [
  {
    name: 'SQLite',
    available: async () => true,
    async make() {
      const dir = mkdtempSync(join(tmpdir(), 'signpost-backfill-'))
      const path = join(dir, 'signpost.db')
      return {
        open: () => openStore(path),
        asBeforeSlices() {
          const raw = new DatabaseSync(path)
          for (const sql of beforeSlices("json_remove(pairs, '$.n')")) raw.exec(sql)
          raw.close()
        },
        asBeforeReasonSlices() {
          const raw = new DatabaseSync(path)
          for (const sql of beforeReasonSlices("json_remove(pairs, '$.n.r')")) raw.exec(sql)
          raw.close()
        },
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      }
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresReachable,
    async make() {
      const schema = `signpost_backfill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
      return {
        open: () => openStore(PG_URL, { schema }),
        async asBeforeSlices() {
          const c = new pg.Client({ connectionString: PG_URL })
          await c.connect()
          await c.query(`SET search_path TO ${schema}`)
          for (const sql of beforeSlices("(pairs::jsonb - 'n')::text")) await c.query(sql)
          await c.end()
        },
        async asBeforeReasonSlices() {
          const c = new pg.Client({ connectionString: PG_URL })
          await c.connect()
          await c.query(`SET search_path TO ${schema}`)
          for (const sql of beforeReasonSlices("(pairs::jsonb #- '{n,r}')::text")) await c.query(sql)
          await c.end()
        },
        async drop() {
          const c = new pg.Client({ connectionString: PG_URL })
          await c.connect()
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
          await c.end()
        },
      }
    },
  },
] as const

for (const engine of ENGINES) {
  describe(`upgrading to reports split by route and locale on ${engine.name}`, async () => {
    const test = (await engine.available()) ? it : it.skip

    test('fills the slices from the sessions and raw events kept, exactly as live counting does', async () => {
      const db = await engine.make()
      try {
        let store = await db.open()
        const events = traffic()
        for (let i = 0; i < events.length; i += 7) await store.writeBatches([events.slice(i, i + 7)])
        const live = await sliceRows(store)
        expect(live['slice_daily']!.length).toBeGreaterThan(4)
        expect(live['slice_feedback_reasons']!.length).toBeGreaterThan(4)
        await store.close()
        await db.asBeforeSlices()
        store = await db.open()
        expect(await sliceRows(store)).toEqual(live)
        // Only once: a restart does not count them again.
        await store.close()
        store = await db.open()
        expect(await sliceRows(store)).toEqual(live)
        await store.close()
      } finally {
        await db.drop()
      }
    })

    test('fills the feedback reasons by slice (migration 8) from the raw events kept, exactly as live counting does', async () => {
      const db = await engine.make()
      try {
        let store = await db.open()
        const events = traffic()
        for (let i = 0; i < events.length; i += 7) await store.writeBatches([events.slice(i, i + 7)])
        const live = await sliceRows(store)
        await store.close()
        await db.asBeforeReasonSlices()
        store = await db.open()
        expect(await sliceRows(store)).toEqual(live)
        await store.close()
        store = await db.open()
        expect(await sliceRows(store)).toEqual(live)
        await store.close()
      } finally {
        await db.drop()
      }
    })

    test('leaves days past retention to the whole-site figures, unchanged', async () => {
      const db = await engine.make()
      try {
        let store = await db.open()
        const events = traffic()
        for (let i = 0; i < events.length; i += 7) await store.writeBatches([events.slice(i, i + 7)])
        // Raw events and sessions of the first day have aged out.
        const cutoff = (dayOf(T0) + 1) * DAY_MS
        await store.purge(1, cutoff + DAY_MS)
        const range = { from: dayOf(T0) - 1, to: dayOf(T0) + 14 }
        const whole = await summary(store.db, 'demo', range, 10)
        await store.close()
        await db.asBeforeSlices()
        store = await db.open()
        expect(await summary(store.db, 'demo', range, 10)).toEqual(whole)
        const days = await store.db.all<{ day: number }>('SELECT DISTINCT day FROM slice_daily ORDER BY day')
        expect(days.length).toBeGreaterThan(0)
        const kept = await store.db.all<{ day: number }>('SELECT MIN(day) AS day FROM sessions')
        expect(Math.min(...days.map((d) => Number(d.day)))).toBe(Number(kept[0]!.day))
        await store.close()
      } finally {
        await db.drop()
      }
    })
  })
}

for (const engine of ENGINES) {
  describe(`reports split by route and locale, in any arrival order, on ${engine.name}`, async () => {
    const test = (await engine.available()) ? it : it.skip

    test('count the same whether events arrive in order, reversed, or three times over', async () => {
      const inOrder = await engine.make()
      const shuffled = await engine.make()
      try {
        const a = await inOrder.open()
        const b = await shuffled.open()
        const events = traffic()
        for (let i = 0; i < events.length; i += 7) await a.writeBatches([events.slice(i, i + 7)])
        const reversed = [...events].reverse()
        for (let round = 0; round < 3; round++) for (let i = 0; i < reversed.length; i += 5) await b.writeBatches([reversed.slice(i, i + 5)])
        expect(await sliceRows(b)).toEqual(await sliceRows(a))
        await a.close()
        await b.close()
      } finally {
        await inOrder.drop()
        await shuffled.drop()
      }
    })
  })
}
