import { mkdtempSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { breakdown } from '../reports/ops.ts'
import { articles, contentGaps, summary } from '../reports/queries.ts'
import { sid } from '../session-ids.testkit.ts'
import { PG_URL, postgresReachable } from './engines.testkit.ts'
import { dayOf } from './rollup.ts'
import { MIGRATIONS, type Migration, migrationSql, weekOf } from './sql.ts'
import { openStore, type Store } from './store.ts'

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0)
const DAY = dayOf(T0)

/**
 * A database at schema version 2 holding one open session, as the server before version 3 left
 * it: "s4" searched "refund" (no click yet) and viewed billing/refunds.
 */
const VERSION_2_STATE = [
  `INSERT INTO sessions (site, sid, seg, start_ts, last_ts, day, searched, viewed, voted_yes, contacted) VALUES ('demo', 's4', ${T0}, ${T0}, ${T0 + 60_000}, ${DAY}, 1, 1, 0, 0)`,
  `INSERT INTO session_queries (site, sid, seg, query, first_ts, pending, zero, contacted) VALUES ('demo', 's4', ${T0}, 'refund', ${T0}, 1, 0, 0)`,
  `INSERT INTO session_articles (site, sid, seg, article, first_ts, contacted) VALUES ('demo', 's4', ${T0}, 'billing/refunds', ${T0 + 60_000}, 0)`,
  `INSERT INTO daily (site, day, sessions, help_sessions, deflected_implicit, searches, nonzero_searches, views) VALUES ('demo', ${DAY}, 1, 1, 1, 1, 1, 1)`,
  `INSERT INTO query_daily (site, day, query, searches, nonzero_searches, sessions, failed_sessions, last_seen) VALUES ('demo', ${DAY}, 'refund', 1, 1, 1, 1, ${T0})`,
  `INSERT INTO query_weekly (site, week, query, searches, nonzero_searches, sessions, failed_sessions, last_seen) VALUES ('demo', ${weekOf(DAY)}, 'refund', 1, 1, 1, 1, ${T0})`,
  `INSERT INTO article_daily (site, day, article, views, view_sessions) VALUES ('demo', ${DAY}, 'billing/refunds', 1, 1)`,
]

const version2 = MIGRATIONS.filter((m) => m.version <= 2)

type Applied = readonly Migration[]

async function sqliteAt(migrations: Applied = version2, state: readonly string[] = VERSION_2_STATE): Promise<{ spec: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-migrate-'))
  const db = new DatabaseSync(join(dir, 'signpost.db'))
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)')
  for (const m of migrations) {
    db.exec(migrationSql(m, 'sqlite'))
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(m.version, m.name)
  }
  for (const sql of state) db.exec(sql)
  db.close()
  return { spec: join(dir, 'signpost.db'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) }
}

async function postgresAt(migrations: Applied = version2, state: readonly string[] = VERSION_2_STATE): Promise<{ spec: string; schema: string; cleanup: () => Promise<void> }> {
  const schema = `signpost_migrate_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const c = new pg.Client({ connectionString: PG_URL })
  await c.connect()
  await c.query(`CREATE SCHEMA ${schema}`)
  await c.query(`SET search_path TO ${schema}`)
  await c.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)')
  for (const m of migrations) {
    await c.query(migrationSql(m, 'postgres'))
    await c.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [m.version, m.name])
  }
  for (const sql of state) await c.query(sql)
  await c.end()
  return {
    spec: PG_URL,
    schema,
    async cleanup() {
      const d = new pg.Client({ connectionString: PG_URL })
      await d.connect()
      await d.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await d.end()
    },
  }
}

const ENGINES = [
  { name: 'SQLite', available: async () => true, open: sqliteAt },
  { name: 'PostgreSQL', available: postgresReachable, open: postgresAt },
]

for (const engine of ENGINES) {
  describe(`migrating a ${engine.name} database from version 2`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test("keeps an open session's searches and views: a contact after the upgrade escalates them", async () => {
      const old = await engine.open()
      let store: Store | undefined
      try {
        store = await openStore(old.spec, 'schema' in old ? { schema: old.schema as string } : {})
        const contact = { id: 'c1', type: 'contact', channel: 'chat', ts: T0 + 5 * 60_000, session: 's4', site: 'demo', locale: 'en', path: '/' } as const
        await store.writeBatches([[contact]])
        const range = { from: DAY, to: DAY }
        const s = await summary(store.db, 'demo', range, 0)
        expect(s.deflected).toEqual({ explicit: 0, implicit: 0 })
        expect(s.contacts).toBe(1)
        expect(s.escalationRate).toBe(1)
        const [gap] = await contentGaps(store.db, 'demo', range)
        expect(gap).toMatchObject({ query: 'refund', contacts: 1, sessionsAffected: 1, noClicks: 1 })
        const [article] = await articles(store.db, 'demo', range)
        expect(article).toMatchObject({ article: 'billing/refunds', views: 1 })
        expect(article!.contactAfterViewRate).toBe(1)
      } finally {
        await store?.close()
        await old.cleanup()
      }
    })
  })
}

/**
 * A database at schema version 5, as the server left it before breakdown_weekly and
 * query_related_daily existed: help by locale and route counted by day over one whole week.
 */
const WEEK = weekOf(DAY) - 1
const VERSION_5_STATE = [0, 3, 6].map(
  (d) =>
    `INSERT INTO breakdown_daily (site, day, locale, route, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions) VALUES ('demo', ${WEEK * 7 - 3 + d}, 'es', '/settings', 2, 1, 1, 1, 0)`,
)
const version5 = MIGRATIONS.filter((m) => m.version <= 5)

for (const engine of ENGINES) {
  describe(`migrating a ${engine.name} database from version 5`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test('keeps the help by locale and route already counted, and counts related queries from then on', async () => {
      const old = await engine.open(version5, VERSION_5_STATE)
      let store: Store | undefined
      try {
        store = await openStore(old.spec, 'schema' in old ? { schema: old.schema as string } : {})
        // The whole week reads from breakdown_weekly, filled from the daily rows at the upgrade.
        const [row] = await breakdown(store.db, 'demo', { from: WEEK * 7 - 3, to: WEEK * 7 + 3 }, 'locale')
        expect(row).toMatchObject({ value: 'es', helpSessions: 6, deflected: 3, contacts: 3 })
        const at = (m: number) => T0 + m * 60_000
        const ev = (m: number, query: string) =>
          ({ id: `m5-${m}`, type: 'search', query, results: 0, ts: at(m), session: sid('m5'), site: 'demo', locale: 'en', path: '/' }) as const
        await store.writeBatches([[ev(0, 'vat number'), ev(1, 'tax id')]])
        const gaps = await contentGaps(store.db, 'demo', { from: DAY, to: DAY })
        expect(gaps.find((g) => g.query === 'vat number')!.relatedQueries).toEqual(['tax id'])
      } finally {
        await store?.close()
        await old.cleanup()
      }
    })
  })
}
