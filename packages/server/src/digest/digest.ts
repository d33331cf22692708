import type { SqlDb } from '../storage/sql.ts'
import { type ArticleStats, articles, type ContentGap, contentGaps, type DayRange, isoDay, type Summary, summary } from '../reports/queries.ts'
import { type FeedbackReason, feedbackReasons } from '../reports/ops.ts'

/** A day whose rate stood far above its trailing four weeks. */
export interface Alert {
  day: string
  metric: 'zeroResultRate' | 'escalationRate'
  value: number
  /** The mean of the trailing 28 days with traffic. */
  baseline: number
  /** The day's volume behind the rate (searches, or help sessions). */
  volume: number
}

export interface Digest {
  site: string
  summary: Summary
  /** Whether the previous period is a fair baseline (tracked on at least 3/4 as many days). */
  comparable: boolean
  gaps: ContentGap[]
  /** Most-read articles with the highest contact-after-view rate. */
  worstArticles: ArticleStats[]
  reasons: FeedbackReason[]
  alerts: Alert[]
}

/** Fewer than this many searches (or help sessions) in a day: its rate says too little to alert on. */
export const MIN_ALERT_VOLUME = 20
const TRAILING_DAYS = 28

type Row = Record<string, number | string | null>

/**
 * The week an ops manager reads on Monday: headline figures with their change, the top content
 * gaps, the articles that most often end in a contact, what readers said was missing, and alerts
 * for days whose zero-result or escalation rate stood far above their trailing four weeks.
 * `kAnonymity` (`config.kAnonymity`): a query shows in its gaps and top queries only once that many
 * sessions searched it, as in every other report — a digest is mailed and posted to chat.
 *
 * @example
 * const d = await buildDigest(store.db, 'demo', parseRange({ since: '7d' }), 15, config.kAnonymity, titles)
 * console.log(renderMarkdown(d))
 */
export async function buildDigest(
  db: SqlDb,
  site: string,
  range: DayRange,
  costPerContact: number,
  kAnonymity: number,
  titles: ReadonlyMap<string, string> = new Map(),
): Promise<Digest> {
  const s = await summary(db, site, range, costPerContact)
  const p = s.previous
  const comparable = (p.helpSessions > 0 || p.searches > 0 || p.contacts > 0) && p.activeDays >= 0.75 * s.activeDays
  const read = (await articles(db, site, range, 50, kAnonymity)).map((a) => ({ ...a, title: titles.get(a.article) ?? a.title }))
  const worstArticles = read
    .filter((a) => a.viewSessions >= 5 && a.contactAfterViewRate > 0)
    .sort((a, b) => b.contactAfterViewRate - a.contactAfterViewRate || b.views - a.views)
    .slice(0, 5)
  return {
    site,
    summary: s,
    comparable,
    gaps: await contentGaps(db, site, range, 5, kAnonymity),
    worstArticles,
    reasons: (await feedbackReasons(db, site, range, 5)).map((r) => ({ ...r, title: titles.get(r.article) ?? null })),
    alerts: await alerts(db, site, range),
  }
}

/**
 * Days in `range` whose zero-result or escalation rate was far above the trailing 28 days: at
 * least three standard deviations and half as much again above their mean, five points at the
 * least, on a day with enough traffic to mean it.
 */
export async function alerts(db: SqlDb, site: string, range: DayRange): Promise<Alert[]> {
  const rows = await db.all<Row>(
    `SELECT day, searches, zero_results, help_sessions, contacted_help FROM daily WHERE site = ? AND day BETWEEN ? AND ? ORDER BY day`,
    [site, range.from - TRAILING_DAYS, range.to],
  )
  const byDay = new Map(rows.map((r) => [Number(r['day']), r]))
  const metrics = [
    { metric: 'zeroResultRate', num: 'zero_results', den: 'searches' },
    { metric: 'escalationRate', num: 'contacted_help', den: 'help_sessions' },
  ] as const
  const out: Alert[] = []
  for (let day = range.from; day <= range.to; day++) {
    const r = byDay.get(day)
    if (!r) continue
    for (const m of metrics) {
      const volume = Number(r[m.den] ?? 0)
      if (volume < MIN_ALERT_VOLUME) continue
      const value = Number(r[m.num] ?? 0) / volume
      const trailing: number[] = []
      for (let d = day - TRAILING_DAYS; d < day; d++) {
        const t = byDay.get(d)
        const v = Number(t?.[m.den] ?? 0)
        if (t && v >= MIN_ALERT_VOLUME) trailing.push(Number(t[m.num] ?? 0) / v)
      }
      // A week of history at least, or there is nothing to be far above.
      if (trailing.length < 7) continue
      const mean = trailing.reduce((a, b) => a + b, 0) / trailing.length
      const sd = Math.sqrt(trailing.reduce((a, b) => a + (b - mean) ** 2, 0) / trailing.length)
      if (value >= mean + Math.max(3 * sd, 0.05) && value >= 1.5 * mean) out.push({ day: isoDay(day), metric: m.metric, value, baseline: mean, volume })
    }
  }
  return out
}
