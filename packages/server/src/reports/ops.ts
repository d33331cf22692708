import { type SqlDb, weekOf } from '../storage/sql.ts'
import { type DayRange, isSliced, type Slice, sliceFilter } from './queries.ts'

type Row = Record<string, number | string | null>
const n = (r: Row | undefined, k: string): number => Number(r?.[k] ?? 0)
const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0)

export interface FeedbackReason {
  article: string
  /** The article's title from the site's `kb`, when the route knows it. */
  title?: string | null
  /** What customers wrote under "What was missing?", scrubbed, lower-cased, spaces collapsed. */
  reason: string
  votes: number
  /** Of those votes, how many said the article helped all the same. */
  helpful: number
  notHelpful: number
  lastSeen: string
}

/**
 * Feedback reasons per article, the most "not helpful" first: what a writer reads before
 * rewriting an article. Kept in a rollup, purged with the query texts after `retentionDays` and
 * erased with their session (`storage/erasure.ts`): they are the customer's own words.
 */
export async function feedbackReasons(db: SqlDb, site: string, range: DayRange, limit = 50, slice?: Slice): Promise<FeedbackReason[]> {
  // A slice reads the reasons of the sessions that first asked for help there (`slices.ts`).
  const filter = sliceFilter(slice)
  const rows = await db.all<Row>(
    `SELECT article, reason, SUM(votes) AS votes, SUM(helpful) AS helpful, MAX(last_seen) AS last_seen
     FROM ${isSliced(slice) ? 'slice_feedback_reasons' : 'feedback_reasons'} WHERE site = ? AND day BETWEEN ? AND ?${filter.sql}
     GROUP BY article, reason
     ORDER BY SUM(votes) - SUM(helpful) DESC, SUM(votes) DESC, article, reason
     LIMIT ?`,
    [site, range.from, range.to, ...filter.params, limit],
  )
  return rows.map((r) => ({
    article: String(r['article']),
    reason: String(r['reason']),
    votes: n(r, 'votes'),
    helpful: n(r, 'helpful'),
    notHelpful: n(r, 'votes') - n(r, 'helpful'),
    lastSeen: new Date(n(r, 'last_seen')).toISOString(),
  }))
}

export const BREAKDOWNS = ['locale', 'route'] as const
export type Breakdown = (typeof BREAKDOWNS)[number]

export interface BreakdownRow {
  /** The locale, or the route (`/invoices/:id/edit`), of the help sessions' first help event. */
  value: string
  helpSessions: number
  deflected: number
  deflectionRate: number
  /** Help sessions with a contact / help sessions. */
  escalationRate: number
  contacts: number
  /** Help sessions with a search that found nothing / help sessions. */
  zeroResultSessionRate: number
}

/**
 * Help sessions split by locale or by route (where help was asked for), the busiest first;
 * `within` narrows to one locale (routes of the Spanish app) or one route (locales of a page).
 */
export async function breakdown(
  db: SqlDb,
  site: string,
  range: DayRange,
  by: Breakdown,
  limit = 50,
  within: { locale?: string | undefined; route?: string | undefined } = {},
): Promise<BreakdownRow[]> {
  // `by` is one of two column names, checked by the type and by the route.
  const column = by === 'locale' ? 'locale' : 'route'
  let filter = ''
  const values: string[] = []
  if (within.locale !== undefined) {
    filter += ' AND locale = ?'
    values.push(within.locale)
  }
  if (within.route !== undefined) {
    filter += ' AND route = ?'
    values.push(within.route)
  }
  // Whole Monday-to-Sunday weeks from breakdown_weekly, the days at either edge from breakdown_daily.
  const firstWeek = Math.ceil((range.from + 3) / 7)
  const lastWeek = weekOf(range.to + 1) - 1
  const cols = `${column} AS value, help_sessions, deflected, contacted_help, contact_sessions, zero_result_sessions`
  let source = `SELECT ${cols} FROM breakdown_daily WHERE site = ? AND day BETWEEN ? AND ?${filter}`
  let params: (string | number)[] = [site, range.from, range.to, ...values]
  if (firstWeek <= lastWeek) {
    source = `SELECT ${cols} FROM breakdown_weekly WHERE site = ? AND week BETWEEN ? AND ?${filter}
      UNION ALL SELECT ${cols} FROM breakdown_daily WHERE site = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)${filter}`
    params = [site, firstWeek, lastWeek, ...values, site, range.from, firstWeek * 7 - 4, lastWeek * 7 + 4, range.to, ...values]
  }
  const rows = await db.all<Row>(
    `SELECT value, SUM(help_sessions) AS help, SUM(deflected) AS deflected, SUM(contacted_help) AS ch,
       SUM(contact_sessions) AS contacts, SUM(zero_result_sessions) AS zero
     FROM (${source}) AS b
     GROUP BY value HAVING SUM(help_sessions) > 0 OR SUM(contact_sessions) > 0
     ORDER BY SUM(help_sessions) DESC, value LIMIT ?`,
    [...params, limit],
  )
  return rows.map((r) => {
    const help = n(r, 'help')
    return {
      value: String(r['value']),
      helpSessions: help,
      deflected: n(r, 'deflected'),
      deflectionRate: ratio(n(r, 'deflected'), help),
      escalationRate: ratio(n(r, 'ch'), help),
      contacts: n(r, 'contacts'),
      zeroResultSessionRate: ratio(n(r, 'zero'), help),
    }
  })
}
