import { LEARNED_FORMAT_VERSION, type LearnedFile } from '@signpost/core'
import { type DayRange, isoDay } from '../reports/queries.ts'
import type { SqlDb } from '../storage/sql.ts'

/** Default `--min-sessions`: fewer distinct sessions than this and a pair stays on the server. */
export const DEFAULT_MIN_SESSIONS = 3
/** Default period of the export, in days (`--since 90d`). */
export const DEFAULT_LEARNED_DAYS = 90

type Row = Record<string, number | string | null>

/**
 * The learned-keywords file for a site and range (`LearnedFile` in core): each normalized query
 * and the article distinct sessions opened after searching it, with how many of them voted it
 * helpful and how many still contacted support; and per-article viewing sessions. A pair seen in
 * fewer than `minSessions` sessions is left out: one customer's words are not published in a
 * static index, and one script cannot put its words there.
 *
 * `kAnonymity` is the server's floor (`config.kAnonymity`): `minSessions` can raise it, never
 * lower it, so a query fewer sessions searched than every other report requires never leaves the
 * server in a learned file either (each session of a pair searched or clicked its query).
 *
 * @example
 * const file = await learnedExport(store.db, 'demo', parseRange({ since: '90d' }), 3, config.kAnonymity)
 * writeFileSync('learned.json', JSON.stringify(file))
 */
export async function learnedExport(db: SqlDb, site: string, range: DayRange, minSessions: number, kAnonymity: number): Promise<LearnedFile> {
  const pairs = await db.all<Row>(
    `SELECT query, article, SUM(sessions) AS sessions, SUM(helpful) AS helpful, SUM(contacts) AS contacts
     FROM learned_daily WHERE site = ? AND day BETWEEN ? AND ?
     GROUP BY query, article HAVING SUM(sessions) >= ?
     ORDER BY sessions DESC, query, article`,
    [site, range.from, range.to, learnedFloor(minSessions, kAnonymity)],
  )
  const views = await db.all<Row>(
    `SELECT article, SUM(view_sessions) AS sessions FROM article_daily WHERE site = ? AND day BETWEEN ? AND ?
     GROUP BY article HAVING SUM(view_sessions) > 0 ORDER BY sessions DESC, article`,
    [site, range.from, range.to],
  )
  return {
    format: LEARNED_FORMAT_VERSION,
    site,
    from: isoDay(range.from),
    to: isoDay(range.to),
    pairs: pairs.map((r) => ({
      query: String(r['query']),
      article: String(r['article']),
      sessions: Number(r['sessions']),
      helpful: Number(r['helpful']),
      contacts: Number(r['contacts']),
    })),
    views: views.map((r) => ({ article: String(r['article']), sessions: Number(r['sessions']) })),
  }
}

/** The sessions a pair needs to be exported: `minSessions`, but never below the k-anonymity floor. */
export function learnedFloor(minSessions: number, kAnonymity: number): number {
  return Math.max(1, minSessions, kAnonymity)
}

/** Parses `--min-sessions` / `min-sessions=`; `null` when it is not a whole number ≥ 1. */
export function parseMinSessions(value: string | undefined): number | null {
  if (value === undefined) return DEFAULT_MIN_SESSIONS
  const n = Number(value)
  return /^\d+$/.test(value) && Number.isSafeInteger(n) && n >= 1 ? n : null
}
