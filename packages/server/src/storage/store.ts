import type { SignpostEvent } from '@signpost/core'
import { type ErasureResult, eraseSession, exportSession, type SessionExport } from './erasure.ts'
import { openPostgres } from './postgres/postgres.ts'
import { backfillReasonSlices, backfillSlices } from './slices-backfill.ts'
import { DAY_MS, dayOf, Rollup } from './rollup.ts'
import type { SqlDb, SqlValue } from './sql.ts'
import { openSqliteStore } from './sqlite/sqlite-store.ts'

/** What one batch's write did: ids newly stored, and ids already stored before (dropped). */
export interface WriteResult {
  stored: string[]
  duplicates: string[]
}

/**
 * Events and their rollups, on SQLite or PostgreSQL. Reports read only the rollups
 * (see `../reports/queries.ts`), never the raw events.
 */
export interface Store {
  readonly db: SqlDb
  /** Stores several batches in one transaction (group commit); one result per batch, in order. */
  writeBatches(batches: readonly (readonly SignpostEvent[])[], now?: number): Promise<WriteResult[]>
  /**
   * Deletes raw events, per-session working rows and the free text in aggregates older than
   * `days`: query rows (`query_daily`, `query_weekly`, `article_query_daily`, `query_related_daily` and their
   * route/locale splits `slice_query_daily`, `slice_article_query_daily`), learned query →
   * article pairs (`learned_daily`) and feedback reasons (`feedback_reasons`), all counted in
   * `queries`; counts without text (daily, per article, by locale and route) stay.
   */
  purge(days: number, now?: number): Promise<{ events: number; sessions: number; queries: number }>
  /** Number of raw events stored for a site (tests, the CLI). */
  countEvents(site: string): Promise<number>
  /** Erases a session id: raw events, session rows, and its share of every rollup (see `erasure.ts`). */
  eraseSession(site: string, session: string): Promise<ErasureResult>
  /** Everything stored under a session id (raw events and session segments). */
  exportSession(site: string, session: string): Promise<SessionExport>
  close(): Promise<void>
}

export interface OpenStoreOptions {
  /** PostgreSQL schema (tests use a fresh one). */
  schema?: string
}

/**
 * Opens `spec`: a `postgres://` URL (`?schema=name` keeps Signpost's tables in a schema of their
 * own) or a SQLite file path (created, migrated).
 */
export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (!/^postgres(ql)?:\/\//.test(spec)) return openSqliteStore(spec)
  const url = new URL(spec)
  const schema = options.schema ?? url.searchParams.get('schema') ?? undefined
  url.searchParams.delete('schema')
  const db = await openPostgres({ url: url.href, ...(schema ? { schema } : {}) })
  try {
    await backfillSlices(db)
    await backfillReasonSlices(db)
  } catch (error) {
    await db.close()
    throw error
  }
  return createStore(db)
}

/** A store whose reads and writes all go through `db` on this thread. */
export function createStore(db: SqlDb): Store {
  return {
    ...storeReads(db),
    async writeBatches(batches, now = Date.now()) {
      return db.transaction(async (tx) => {
        const sessionKeys = new Set<string>()
        for (const batch of batches) for (const e of batch) sessionKeys.add(JSON.stringify([e.site, e.session]))
        await tx.lockKeys([...sessionKeys])
        const rollup = new Rollup(tx)
        const events = batches.map((batch) => batch.map(withoutNul))
        const inserted = await insertEvents(tx, events.flat(), now)
        await rollup.prefetch(events.flat())
        const results: WriteResult[] = []
        for (const batch of events) {
          const result: WriteResult = { stored: [], duplicates: [] }
          for (const e of batch) {
            // The first copy of an id the insert reported is the stored one; any other is a duplicate.
            if (!inserted.delete(`${e.site}\u0000${e.id}`)) {
              result.duplicates.push(e.id)
              continue
            }
            result.stored.push(e.id)
            await rollup.add(e)
          }
          results.push(result)
        }
        await rollup.write()
        return results
      })
    },
    async purge(days, now = Date.now()) {
      const cutoff = now - days * DAY_MS
      return db.transaction(async (tx) => {
        const events = await tx.run('DELETE FROM events WHERE ts < ?', [cutoff])
        // A session's working state (its row and pairs) goes with its raw events; aggregates stay.
        const sessions = await tx.run('DELETE FROM sessions WHERE last_ts < ?', [cutoff])
        // Free text ages out with the raw events: only whole days (and whole weeks) before the cutoff.
        const day = dayOf(cutoff)
        let queries = await tx.run('DELETE FROM query_daily WHERE day < ?', [day])
        queries += await tx.run('DELETE FROM article_query_daily WHERE day < ?', [day])
        queries += await tx.run('DELETE FROM query_weekly WHERE week < ?', [Math.ceil((day + 3) / 7)])
        // Learned pairs hold query texts, and reasons the customer's own words: they age out too.
        queries += await tx.run('DELETE FROM learned_daily WHERE day < ?', [day])
        queries += await tx.run('DELETE FROM feedback_reasons WHERE day < ?', [day])
        // Related queries (content gaps' other phrasings) are pairs of query texts.
        queries += await tx.run('DELETE FROM query_related_daily WHERE day < ?', [day])
        // The reports split by route and locale keep their counts, not their query texts or reasons.
        queries += await tx.run('DELETE FROM slice_query_daily WHERE day < ?', [day])
        queries += await tx.run('DELETE FROM slice_article_query_daily WHERE day < ?', [day])
        queries += await tx.run('DELETE FROM slice_feedback_reasons WHERE day < ?', [day])
        return { events, sessions, queries }
      })
    },
    eraseSession: (site, session) => db.transaction((tx) => eraseSession(tx, site, session)),
    close: () => db.close(),
  }
}

/** The read side of a store over `db`. */
export function storeReads(db: SqlDb): Pick<Store, 'db' | 'countEvents' | 'exportSession'> {
  return {
    db,
    exportSession: (site, session) => exportSession(db, site, session),
    async countEvents(site) {
      const rows = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE site = ?', [site])
      return Number(rows[0]?.n ?? 0)
    },
  }
}

/** PostgreSQL text cannot hold U+0000; drop it on both engines so they store the same strings. */
function withoutNul(e: SignpostEvent): SignpostEvent {
  let copy: Record<string, unknown> | undefined
  for (const k in e) {
    const v = (e as unknown as Record<string, unknown>)[k]
    if (typeof v === 'string' && v.includes('\u0000')) {
      copy ??= { ...e }
      copy[k] = v.replaceAll('\u0000', '')
    }
  }
  return (copy as SignpostEvent | undefined) ?? e
}

const INSERT_CHUNK = 200

const insertStatements: string[] = []
const insertSql = (rows: number): string =>
  (insertStatements[rows] ??= `INSERT INTO events (site, id, type, ts, session, received, data) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT (site, id) DO NOTHING RETURNING site, id`)

/** Inserts events many rows per statement; returns the `site\0id` keys actually inserted. */
async function insertEvents(tx: SqlDb, events: readonly SignpostEvent[], now: number): Promise<Set<string>> {
  const inserted = new Set<string>()
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK)
    const params: SqlValue[] = []
    for (const e of chunk) params.push(e.site, e.id, e.type, e.ts, e.session, now, JSON.stringify(e))
    const rows = await tx.all<{ site: string; id: string }>(insertSql(chunk.length), params)
    for (const r of rows) inserted.add(`${r.site}\u0000${r.id}`)
  }
  return inserted
}
