import { DAY_MS } from '../storage/rollup.ts'
import { routeOf } from '../storage/session-share.ts'
import { type SqlDb, type SqlValue, weekOf } from '../storage/sql.ts'

/** An inclusive range of UTC days, as day numbers (ms since epoch / 86,400,000). */
export interface DayRange {
  from: number
  to: number
}

/**
 * A report narrowed to the sessions that first asked for help on one route, in one locale, or both
 * (the breakdown report's rows): everything those sessions did counts, wherever they went next.
 */
export interface Slice {
  locale?: string | undefined
  route?: string | undefined
}

export const isSliced = (slice: Slice | undefined): slice is Slice => slice?.locale !== undefined || slice?.route !== undefined

/** ` AND route = ? AND locale = ?` (as given) and their values, for a `slice_*` table. */
export function sliceFilter(slice: Slice | undefined): { sql: string; params: string[] } {
  const out = { sql: '', params: [] as string[] }
  if (slice?.route !== undefined) {
    out.sql += ' AND route = ?'
    out.params.push(slice.route)
  }
  if (slice?.locale !== undefined) {
    out.sql += ' AND locale = ?'
    out.params.push(slice.locale)
  }
  return out
}

export const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

export interface PeriodSummary {
  from: string
  to: string
  sessions: number
  helpSessions: number
  deflected: { explicit: number; implicit: number }
  deflectionRate: number
  escalationRate: number
  contacts: number
  selfServiceScore: number | null
  searches: number
  zeroResultRate: number
  noClickRate: number
  costSaved: number
  /** Days of the period with any session: a period tracked for only part of its days is no baseline. */
  activeDays: number
  /** Contact sessions whose session id contacted again (in a later session) within 7 days. */
  repeatContacts: number
  /**
   * First-contact resolution, proxied: contact sessions with no repeat contact within 7 days /
   * contact sessions; null without contacts. The last 7 days' repeats may still come.
   */
  firstContactResolution: number | null
  contactForm: ContactFormFigures
}

/**
 * Deflection at the point of contact: sessions whose built-in contact form suggested articles, and
 * of those, the ones that opened a suggestion and left without sending (no contact in the session).
 * Read from the raw events, so only as far back as `retentionDays`.
 */
export interface ContactFormFigures {
  suggested: number
  deflected: number
  /** deflected / suggested, 0..1. */
  deflectionRate: number
}

async function contactFormFigures(db: SqlDb, site: string, range: DayRange, slice?: Slice): Promise<ContactFormFigures> {
  if (isSliced(slice)) return slicedContactForm(db, site, range, slice)
  const rows = await db.all<Row>(
    `SELECT COUNT(*) AS suggested, SUM(CASE WHEN deflected = 1 AND contacted = 0 THEN 1 ELSE 0 END) AS deflected FROM (
       SELECT session,
         MAX(CASE WHEN type = 'contact-suggestions-shown' THEN 1 ELSE 0 END) AS suggested,
         MAX(CASE WHEN type = 'contact-deflected' THEN 1 ELSE 0 END) AS deflected,
         MAX(CASE WHEN type = 'contact' THEN 1 ELSE 0 END) AS contacted
       FROM events WHERE site = ? AND ts >= ? AND ts < ? AND type IN ('contact-suggestions-shown', 'contact-deflected', 'contact')
       GROUP BY session
     ) x WHERE suggested = 1`,
    [site, range.from * DAY_MS, (range.to + 1) * DAY_MS],
  )
  const suggested = n(rows[0], 'suggested')
  const deflected = n(rows[0], 'deflected')
  return { suggested, deflected, deflectionRate: ratio(deflected, suggested) }
}

/**
 * The contact form's figures for the sessions whose form was shown on the slice's route and in its
 * locale (raw events know the page of the form, not where the session began).
 */
async function slicedContactForm(db: SqlDb, site: string, range: DayRange, slice: Slice): Promise<ContactFormFigures> {
  const rows = await db.all<{ session: string; data: string; type: string }>(
    `SELECT session, type, data FROM events WHERE site = ? AND ts >= ? AND ts < ? AND type IN ('contact-suggestions-shown', 'contact-deflected', 'contact')`,
    [site, range.from * DAY_MS, (range.to + 1) * DAY_MS],
  )
  const shown = new Set<string>()
  const deflectedSessions = new Set<string>()
  const contacted = new Set<string>()
  for (const r of rows) {
    if (r.type === 'contact') contacted.add(r.session)
    else if (r.type === 'contact-deflected') deflectedSessions.add(r.session)
    else {
      const e = JSON.parse(r.data) as { locale: string; path: string }
      if ((slice.locale === undefined || e.locale === slice.locale) && (slice.route === undefined || routeOf(e.path) === slice.route)) shown.add(r.session)
    }
  }
  const deflected = [...shown].filter((s) => deflectedSessions.has(s) && !contacted.has(s)).length
  return { suggested: shown.size, deflected, deflectionRate: ratio(deflected, shown.size) }
}

export interface Summary extends PeriodSummary {
  site: string
  /** The filter, when the summary is of one route or locale. */
  slice?: Slice
  costPerContact: number
  previous: PeriodSummary
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0)

type Row = Record<string, number | string | null>
const n = (r: Row | undefined, k: string): number => Number(r?.[k] ?? 0)

async function periodSummary(db: SqlDb, site: string, range: DayRange, costPerContact: number, slice?: Slice): Promise<PeriodSummary> {
  const where = sliceFilter(slice)
  const rows = await db.all<Row>(
    `SELECT SUM(sessions) AS sessions, SUM(help_sessions) AS help, SUM(deflected_explicit) AS dx, SUM(deflected_implicit) AS di,
       SUM(contacted_help) AS ch, SUM(contact_sessions) AS cs, SUM(searches) AS searches, SUM(zero_results) AS zero,
       SUM(nonzero_searches) AS nonzero, SUM(clicked_searches) AS clicked, SUM(CASE WHEN sessions > 0 THEN 1 ELSE 0 END) AS active,
       SUM(repeat_contact_sessions) AS repeats
     FROM ${isSliced(slice) ? 'slice_daily' : 'daily'} WHERE site = ? AND day BETWEEN ? AND ?${where.sql}`,
    [site, range.from, range.to, ...where.params],
  )
  const r = rows[0]
  const help = n(r, 'help')
  const deflected = n(r, 'dx') + n(r, 'di')
  const contacts = n(r, 'cs')
  const searches = n(r, 'searches')
  return {
    from: isoDay(range.from),
    to: isoDay(range.to),
    sessions: n(r, 'sessions'),
    helpSessions: help,
    deflected: { explicit: n(r, 'dx'), implicit: n(r, 'di') },
    deflectionRate: ratio(deflected, help),
    escalationRate: ratio(n(r, 'ch'), help),
    contacts,
    selfServiceScore: contacts > 0 ? help / contacts : null,
    searches,
    zeroResultRate: ratio(n(r, 'zero'), searches),
    noClickRate: ratio(n(r, 'nonzero') - n(r, 'clicked'), searches),
    costSaved: Math.round(deflected * costPerContact * 100) / 100,
    activeDays: n(r, 'active'),
    repeatContacts: n(r, 'repeats'),
    firstContactResolution: contacts > 0 ? (contacts - n(r, 'repeats')) / contacts : null,
    contactForm: await contactFormFigures(db, site, range, slice),
  }
}

/** The headline numbers for a range and for the range of the same length just before it. */
export async function summary(db: SqlDb, site: string, range: DayRange, costPerContact: number, slice?: Slice): Promise<Summary> {
  const length = range.to - range.from + 1
  const current = await periodSummary(db, site, range, costPerContact, slice)
  const previous = await periodSummary(db, site, { from: range.from - length, to: range.from - 1 }, costPerContact, slice)
  return { site, costPerContact, ...current, previous, ...(isSliced(slice) ? { slice } : {}) }
}

export interface DayPoint {
  day: string
  sessions: number
  helpSessions: number
  deflected: number
  contacts: number
  deflectionRate: number
  /** Help sessions with a contact / help sessions (contacts outside help, e.g. tickets without a session, excluded). */
  escalationRate: number
  searches: number
  zeroResultRate: number
  noClickRate: number
  /** Searches followed by a result click. */
  clicks: number
  views: number
  /** "Helpful: yes" votes. */
  helpful: number
}

const DAY_COUNTERS = ['sessions', 'help_sessions', 'deflected_explicit', 'deflected_implicit', 'contacted_help', 'contact_sessions', 'searches', 'zero_results', 'nonzero_searches', 'clicked_searches', 'views']

/** One point per day in the range, days without traffic included as zeros. */
export async function timeseries(db: SqlDb, site: string, range: DayRange, slice?: Slice): Promise<DayPoint[]> {
  let rows: Row[]
  let helpful: Map<number, number>
  if (isSliced(slice)) {
    const where = sliceFilter(slice)
    rows = await db.all<Row>(
      `SELECT day, ${DAY_COUNTERS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}, SUM(helpful_yes) AS helpful_yes
       FROM slice_daily WHERE site = ? AND day BETWEEN ? AND ?${where.sql} GROUP BY day`,
      [site, range.from, range.to, ...where.params],
    )
    helpful = new Map(rows.map((r) => [Number(r['day']), n(r, 'helpful_yes')]))
  } else {
    rows = await db.all<Row>('SELECT * FROM daily WHERE site = ? AND day BETWEEN ? AND ? ORDER BY day', [site, range.from, range.to])
    const votes = await db.all<Row>('SELECT day, SUM(helpful_yes) AS yes FROM article_daily WHERE site = ? AND day BETWEEN ? AND ? GROUP BY day', [site, range.from, range.to])
    helpful = new Map(votes.map((r) => [Number(r['day']), n(r, 'yes')]))
  }
  const byDay = new Map(rows.map((r) => [Number(r['day']), r]))
  const points: DayPoint[] = []
  for (let day = range.from; day <= range.to; day++) {
    const r = byDay.get(day)
    const help = n(r, 'help_sessions')
    const deflected = n(r, 'deflected_explicit') + n(r, 'deflected_implicit')
    const searches = n(r, 'searches')
    points.push({
      day: isoDay(day),
      sessions: n(r, 'sessions'),
      helpSessions: help,
      deflected,
      contacts: n(r, 'contact_sessions'),
      deflectionRate: ratio(deflected, help),
      escalationRate: ratio(n(r, 'contacted_help'), help),
      searches,
      zeroResultRate: ratio(n(r, 'zero_results'), searches),
      noClickRate: ratio(n(r, 'nonzero_searches') - n(r, 'clicked_searches'), searches),
      clicks: n(r, 'clicked_searches'),
      views: n(r, 'views'),
      helpful: helpful.get(day) ?? 0,
    })
  }
  return points
}

export interface ContentGap {
  query: string
  searches: number
  /** Sessions that searched it. */
  sessions: number
  /** Sessions where it failed: a search of it returned nothing, or its last search got no click. */
  sessionsAffected: number
  zeroResults: number
  noClicks: number
  /** Sessions that contacted support after searching this query. */
  contacts: number
  lastSeen: string
  /**
   * Other unanswered queries of the sessions where this one failed, most sessions first: the
   * customers' other words for the same question, for a new article's `keywords`.
   */
  relatedQueries: string[]
}

/**
 * Normalized queries that returned nothing or got no click, ranked by impact: sessions where the
 * query failed, then sessions that contacted support after searching it, then searches.
 * `minSessions`: the k-anonymity floor, a query is listed only once that many sessions searched it.
 */
export async function contentGaps(db: SqlDb, site: string, range: DayRange, limit = 50, minSessions = 1, slice?: Slice): Promise<ContentGap[]> {
  // Whole Monday-to-Sunday weeks come from query_weekly, the days at either edge from query_daily.
  const firstWeek = Math.ceil((range.from + 3) / 7)
  const lastWeek = weekOf(range.to + 1) - 1
  const cols = 'query, searches, sessions, failed_sessions, zero_results, nonzero_searches, clicked_searches, contacts, last_seen'
  let source: string
  let params: SqlValue[]
  if (isSliced(slice)) {
    const where = sliceFilter(slice)
    // A slice counts days, not times: its last_seen is the last day the slice searched the query.
    source = `SELECT ${cols.replace('last_seen', 'CASE WHEN searches > 0 THEN day ELSE NULL END AS last_seen')} FROM slice_query_daily WHERE site = ? AND day BETWEEN ? AND ?${where.sql}`
    params = [site, range.from, range.to, ...where.params]
  } else if (firstWeek <= lastWeek) {
    source = `SELECT ${cols} FROM query_weekly WHERE site = ? AND week BETWEEN ? AND ?
      UNION ALL SELECT ${cols} FROM query_daily WHERE site = ? AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)`
    params = [site, firstWeek, lastWeek, site, range.from, firstWeek * 7 - 4, lastWeek * 7 + 4, range.to]
  } else {
    source = `SELECT ${cols} FROM query_daily WHERE site = ? AND day BETWEEN ? AND ?`
    params = [site, range.from, range.to]
  }
  const rows = await db.all<Row>(
    `SELECT query, SUM(searches) AS searches, SUM(sessions) AS sessions, SUM(failed_sessions) AS affected, SUM(zero_results) AS zero,
       SUM(nonzero_searches) - SUM(clicked_searches) AS noclick, SUM(contacts) AS contacts, MAX(last_seen) AS last_seen
     FROM (${source}) AS q
     GROUP BY query
     HAVING (SUM(zero_results) > 0 OR SUM(nonzero_searches) > SUM(clicked_searches))${minSessions > 1 ? ' AND SUM(sessions) >= ?' : ''}
     ORDER BY affected DESC, contacts DESC, searches DESC, query
     LIMIT ?`,
    [...params, ...(minSessions > 1 ? [minSessions] : []), limit],
  )
  const lastSeen = isSliced(slice) ? await lastSearched(db, site, rows.map((r) => [n(r, 'last_seen'), String(r['query'])] as const)) : undefined
  const related = await relatedQueries(
    db,
    site,
    range,
    rows.map((r) => String(r['query'])),
    minSessions,
  )
  return rows.map((r) => ({
    query: String(r['query']),
    searches: n(r, 'searches'),
    sessions: n(r, 'sessions'),
    sessionsAffected: n(r, 'affected'),
    zeroResults: n(r, 'zero'),
    noClicks: n(r, 'noclick'),
    contacts: n(r, 'contacts'),
    lastSeen: new Date(lastSeen?.get(String(r['query'])) ?? n(r, 'last_seen')).toISOString(),
    relatedQueries: related.get(String(r['query'])) ?? [],
  }))
}

/**
 * The time of each query's last search on the site on the given day (for a slice, the last day
 * it searched the query): a slice keeps counts by day, the time of day is the site's.
 */
async function lastSearched(db: SqlDb, site: string, days: readonly (readonly [number, string])[]): Promise<Map<string, number>> {
  if (days.length === 0) return new Map()
  const rows = await db.all<Row>(
    `SELECT query, last_seen FROM query_daily WHERE site = ? AND (${days.map(() => '(day = ? AND query = ?)').join(' OR ')})`,
    [site, ...days.flat()],
  )
  const out = new Map(days.map(([day, query]) => [query, day * DAY_MS]))
  for (const r of rows) out.set(String(r['query']), n(r, 'last_seen'))
  return out
}

/**
 * The five unanswered queries most often searched in the same sessions as each of `queries`.
 * `minSessions`: the k-anonymity floor, a related query is named only once that many sessions
 * searched it in the range, as a query anywhere else.
 */
async function relatedQueries(db: SqlDb, site: string, range: DayRange, queries: readonly string[], minSessions: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (queries.length === 0) return out
  const floor =
    minSessions > 1
      ? ' AND other IN (SELECT query FROM query_daily WHERE site = ? AND day BETWEEN ? AND ? GROUP BY query HAVING SUM(sessions) >= ?)'
      : ''
  const rows = await db.all<Row>(
    `SELECT query, other, SUM(sessions) AS sessions FROM query_related_daily
     WHERE site = ? AND day BETWEEN ? AND ? AND query IN (${queries.map(() => '?').join(', ')})${floor}
     GROUP BY query, other HAVING SUM(sessions) > 0
     ORDER BY query, sessions DESC, other`,
    [site, range.from, range.to, ...queries, ...(minSessions > 1 ? [site, range.from, range.to, minSessions] : [])],
  )
  for (const r of rows) {
    const list = out.get(String(r['query'])) ?? []
    if (list.length < 5) list.push(String(r['other']))
    out.set(String(r['query']), list)
  }
  return out
}

export interface ArticleStats {
  article: string
  /** The article's title in the site's knowledge base (`sites[].kb`), when it is known. */
  title?: string
  views: number
  viewSessions: number
  helpfulYes: number
  helpfulNo: number
  /** helpful yes / all votes, 0..1; null without votes. */
  helpfulRate: number | null
  /** Sessions that contacted support after viewing / sessions that viewed, 0..1. */
  contactAfterViewRate: number
  /** Sessions whose session id contacted support (a ticket, or the widget) within 7 days of viewing it. */
  ticketsAfterView: number
  /** `ticketsAfterView` / sessions that viewed it, 0..1. */
  ticketAfterViewRate: number
  topQueries: { query: string; clicks: number }[]
}

/** Only queries enough sessions (of the slice) searched in the range (the k-anonymity floor, `minSessions`). */
const queryFloor = (table: string, sliceSql: string) => `
         AND query IN (SELECT query FROM ${table} WHERE site = ? AND day BETWEEN ? AND ?${sliceSql} GROUP BY query HAVING SUM(sessions) >= ?)`

/**
 * Article quality, most viewed first. `minSessions`: a query is among an article's top queries only
 * once that many sessions searched it in the range.
 */
export async function articles(db: SqlDb, site: string, range: DayRange, limit = 50, minSessions = 1, slice?: Slice): Promise<ArticleStats[]> {
  const sliced = isSliced(slice)
  const where = sliceFilter(slice)
  const [articleTable, pairTable, queryTable] = sliced
    ? ['slice_article_daily', 'slice_article_query_daily', 'slice_query_daily']
    : ['article_daily', 'article_query_daily', 'query_daily']
  const rows = await db.all<Row>(
    `SELECT article, SUM(views) AS views, SUM(view_sessions) AS vs, SUM(helpful_yes) AS yes, SUM(helpful_no) AS no,
       SUM(contact_after_view) AS cav, SUM(tickets_after_view) AS tav
     FROM ${articleTable} WHERE site = ? AND day BETWEEN ? AND ?${where.sql}
     GROUP BY article ORDER BY views DESC, article LIMIT ?`,
    [site, range.from, range.to, ...where.params, limit],
  )
  const top = new Map<string, { query: string; clicks: number }[]>()
  if (rows.length > 0) {
    const ids = rows.map((r) => String(r['article']))
    const qrows = await db.all<Row>(
      `SELECT article, query, SUM(clicks) AS clicks FROM ${pairTable}
       WHERE site = ? AND article IN (${ids.map(() => '?').join(', ')}) AND day BETWEEN ? AND ?${where.sql}${minSessions > 1 ? queryFloor(queryTable, where.sql) : ''}
       GROUP BY article, query`,
      [site, ...ids, range.from, range.to, ...where.params, ...(minSessions > 1 ? [site, range.from, range.to, ...where.params, minSessions] : [])],
    )
    for (const r of qrows) {
      const list = top.get(String(r['article'])) ?? []
      list.push({ query: String(r['query']), clicks: n(r, 'clicks') })
      top.set(String(r['article']), list)
    }
  }
  return rows.map((r) => {
    const yes = n(r, 'yes')
    const no = n(r, 'no')
    const id = String(r['article'])
    const queries = (top.get(id) ?? []).sort((a, b) => b.clicks - a.clicks || a.query.localeCompare(b.query)).slice(0, 5)
    return {
      article: id,
      views: n(r, 'views'),
      viewSessions: n(r, 'vs'),
      helpfulYes: yes,
      helpfulNo: no,
      helpfulRate: yes + no > 0 ? yes / (yes + no) : null,
      contactAfterViewRate: ratio(n(r, 'cav'), n(r, 'vs')),
      ticketsAfterView: n(r, 'tav'),
      ticketAfterViewRate: ratio(n(r, 'tav'), n(r, 'vs')),
      topQueries: queries,
    }
  })
}
