import { ARTICLE_COLUMNS, DAILY_COLUMNS, QUERY_COUNTERS } from './schema.ts'
import type { SqlDb, SqlValue } from './sql.ts'

/**
 * Reports split by locale and route read the `slice_*` tables: the same counters as `daily`,
 * `query_daily`, `article_daily` and `article_query_daily`, keyed also by where the session first
 * asked for help (its breakdown row). A session's whole share of them is a function of its stored
 * state, `sliceShare`, so a session whose first help event arrives late moves with everything it
 * counted, and erasure subtracts exactly what the rollup added.
 */

/** The per-event counts of a segment, kept in its `pairs` column as `n` (see `StoredTallies`). */
export interface Tallies {
  searches: number
  zero: number
  clicked: number
  views: number
  yes: number
  no: number
  queries: Map<string, { searches: number; zero: number; clicked: number }>
  articles: Map<string, { views: number; yes: number; no: number }>
  /** Result clicks by `query\0article`. */
  clicks: Map<string, number>
  /** Feedback reasons (`reasonKey`) by `article\0reason`, with the time of the latest. */
  reasons: Map<string, { votes: number; helpful: number; last: number }>
}

/**
 * Stored form: `t` = [searches, zero-result searches, clicked searches, views, helpful yes,
 * helpful no]; `q` = [query, searches, zero, clicked]; `a` = [article, views, yes,
 * no]; `k` = [query, article, clicks]; `r` = [article, reason, votes, helpful, last seen], absent
 * in rows from before the reasons were split (the upgrade fills it, `backfillReasonSlices`).
 */
export interface StoredTallies {
  t: [number, number, number, number, number, number]
  q: [string, number, number, number][]
  a: [string, number, number, number][]
  k: [string, string, number][]
  r?: [string, string, number, number, number][]
}

/** Past this many queries, articles or click pairs a session's further ones count in its totals only. */
export const MAX_TALLIES = 100

export function emptyTallies(): Tallies {
  return { searches: 0, zero: 0, clicked: 0, views: 0, yes: 0, no: 0, queries: new Map(), articles: new Map(), clicks: new Map(), reasons: new Map() }
}

export function loadTallies(stored: StoredTallies | undefined): Tallies {
  const t = emptyTallies()
  if (!stored) return t
  ;[t.searches, t.zero, t.clicked, t.views, t.yes, t.no] = stored.t
  for (const [query, searches, zero, clicked] of stored.q) t.queries.set(query, { searches, zero, clicked })
  for (const [article, views, yes, no] of stored.a) t.articles.set(article, { views, yes, no })
  for (const [query, article, clicks] of stored.k) t.clicks.set(query + '\u0000' + article, clicks)
  for (const [article, reason, votes, helpful, last] of stored.r ?? []) t.reasons.set(article + '\u0000' + reason, { votes, helpful, last })
  return t
}

export function storeTallies(t: Tallies): StoredTallies {
  return {
    t: [t.searches, t.zero, t.clicked, t.views, t.yes, t.no],
    q: [...t.queries].map(([query, c]) => [query, c.searches, c.zero, c.clicked]),
    a: [...t.articles].map(([article, c]) => [article, c.views, c.yes, c.no]),
    k: [...t.clicks].map(([key, clicks]) => {
      const [query, article] = key.split('\u0000') as [string, string]
      return [query, article, clicks]
    }),
    r: [...t.reasons].map(([key, c]) => {
      const [article, reason] = key.split('\u0000') as [string, string]
      return [article, reason, c.votes, c.helpful, c.last]
    }),
  }
}

/** A query's tally, made on first use within the cap; undefined past it. */
export function queryTally(t: Tallies, query: string): { searches: number; zero: number; clicked: number } | undefined {
  return t.queries.has(query) || t.queries.size < MAX_TALLIES ? entry(t.queries, query, () => ({ searches: 0, zero: 0, clicked: 0 })) : undefined
}

export function articleTally(t: Tallies, article: string): { views: number; yes: number; no: number } | undefined {
  return t.articles.has(article) || t.articles.size < MAX_TALLIES ? entry(t.articles, article, () => ({ views: 0, yes: 0, no: 0 })) : undefined
}

/** The value under `key`, made and stored on first use. */
export function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    map.set(key, value)
  }
  return value
}

export function countClick(t: Tallies, query: string, article: string): void {
  const key = query + '\u0000' + article
  const clicks = t.clicks.get(key)
  if (clicks !== undefined) t.clicks.set(key, clicks + 1)
  else if (t.clicks.size < MAX_TALLIES) t.clicks.set(key, 1)
}

/** Counts one feedback reason (already `reasonKey`ed) of the session, within the cap. */
export function countReason(t: Tallies, article: string, reason: string, helpful: boolean, ts: number): void {
  const key = article + '\u0000' + reason
  if (!t.reasons.has(key) && t.reasons.size >= MAX_TALLIES) return
  const c = entry(t.reasons, key, () => ({ votes: 0, helpful: 0, last: ts }))
  c.votes++
  c.helpful += +helpful
  c.last = Math.max(c.last, ts)
}

/** The slice tables of migration 7, their key columns and counter columns. */
export const SLICE_TABLES = {
  slice_daily: { keys: ['site', 'route', 'locale', 'day'], counters: [...DAILY_COLUMNS, 'helpful_yes'] },
  slice_query_daily: { keys: ['site', 'route', 'locale', 'day', 'query'], counters: QUERY_COUNTERS },
  slice_article_daily: { keys: ['site', 'route', 'locale', 'day', 'article'], counters: ARTICLE_COLUMNS },
  slice_article_query_daily: { keys: ['site', 'route', 'locale', 'day', 'article', 'query'], counters: ['clicks'] },
} as const

/**
 * Feedback reasons by slice (migration 8). `last_seen` is a maximum, not a counter: the rollup
 * takes the greatest, and where a session leaves a row (erased, or moved to another slice)
 * `reasonsLastSeen` reads it again from the sessions still counted there.
 */
export const REASON_SLICE = {
  table: 'slice_feedback_reasons',
  keys: ['site', 'route', 'locale', 'day', 'article', 'reason'],
  counters: ['votes', 'helpful'],
} as const

export type SliceTable = keyof typeof SLICE_TABLES | typeof REASON_SLICE.table

/** One row's counters in one slice table. */
export interface SliceRow {
  table: SliceTable
  key: SqlValue[]
  counters: Record<string, number>
}

/** What `sliceShare` reads of a segment: its stored pairs (rollup.ts `StoredPairs`) and its session counts. */
export interface SliceFacts {
  site: string
  day: number
  /** `[ts, locale, route]` of its first help event; a segment without one is in no slice. */
  where: readonly [number, string, string] | undefined
  contribution: Record<'sessions' | 'help_sessions' | 'deflected_explicit' | 'deflected_implicit' | 'contacted_help' | 'contact_sessions', number>
  repeated: boolean
  /** [query, failed, contacted] of each query pair. */
  queries: readonly (readonly [string, boolean, boolean])[]
  /** [article, contacted after view, ticket within 7 days] of each article pair. */
  articles: readonly (readonly [string, boolean, boolean])[]
  tallies: Tallies
}

/** Everything a segment adds to the slice tables. */
export function sliceShare(f: SliceFacts): SliceRow[] {
  if (!f.where) return []
  const [, locale, route] = f.where
  const at = [f.site, route, locale, f.day]
  const t = f.tallies
  const rows: SliceRow[] = [
    {
      table: 'slice_daily',
      key: at,
      counters: {
        ...f.contribution,
        searches: t.searches,
        zero_results: t.zero,
        nonzero_searches: t.searches - t.zero,
        clicked_searches: t.clicked,
        views: t.views,
        repeat_contact_sessions: f.repeated ? 1 : 0,
        helpful_yes: t.yes,
      },
    },
  ]
  const queries = new Map<string, SliceRow>()
  const queryRow = (query: string) => entry(queries, query, (): SliceRow => ({ table: 'slice_query_daily', key: [...at, query], counters: {} }))
  for (const [query, c] of t.queries) {
    const row = queryRow(query)
    Object.assign(row.counters, { searches: c.searches, zero_results: c.zero, nonzero_searches: c.searches - c.zero, clicked_searches: c.clicked })
  }
  for (const [query, failed, contacted] of f.queries) Object.assign(queryRow(query).counters, { sessions: 1, failed_sessions: +failed, contacts: +contacted })
  rows.push(...queries.values())
  const articles = new Map<string, SliceRow>()
  const articleRow = (article: string) => entry(articles, article, (): SliceRow => ({ table: 'slice_article_daily', key: [...at, article], counters: {} }))
  for (const [article, c] of t.articles) Object.assign(articleRow(article).counters, { views: c.views, helpful_yes: c.yes, helpful_no: c.no })
  for (const [article, contacted, ticketed] of f.articles)
    Object.assign(articleRow(article).counters, { view_sessions: 1, contact_after_view: +contacted, tickets_after_view: +ticketed })
  rows.push(...articles.values())
  for (const [key, clicks] of t.clicks) {
    const [query, article] = key.split('\u0000') as [string, string]
    rows.push({ table: 'slice_article_query_daily', key: [...at, article, query], counters: { clicks } })
  }
  for (const [key, c] of t.reasons) {
    const [article, reason] = key.split('\u0000') as [string, string]
    rows.push({ table: REASON_SLICE.table, key: [...at, article, reason], counters: { votes: c.votes, helpful: c.helpful, last_seen: c.last } })
  }
  return rows
}

/** The migration that creates the slice tables (see `sql.ts`); rows come from `backfillSlices`. */
export const SLICE_TABLES_SQL = Object.entries(SLICE_TABLES)
  .map(([table, { keys, counters }]) => {
    const cols = keys.map((k) => `${k} ${k === 'day' ? 'INTEGER' : 'TEXT'} NOT NULL`)
    cols.push(...counters.map((c) => `${c} BIGINT NOT NULL DEFAULT 0`))
    // Route first: a route (with or without a locale) reads one stretch of the key; a locale alone
    // its index, which also holds what a locale's article top queries and their k-anonymity floor
    // read, so those never visit the table.
    const covering = { slice_query_daily: ', query, sessions', slice_article_query_daily: ', article, query, clicks' }[table] ?? ''
    return `CREATE TABLE ${table} (\n  ${cols.join(',\n  ')},\n  PRIMARY KEY (${keys.join(', ')})\n);
CREATE INDEX ${table}_locale ON ${table} (site, locale, day${covering});`
  })
  .join('\n')

/** Migration 8: the reasons by slice; rows come from `backfillReasonSlices`. */
export const REASON_SLICE_SQL = `CREATE TABLE ${REASON_SLICE.table} (
  site TEXT NOT NULL,
  route TEXT NOT NULL,
  locale TEXT NOT NULL,
  day INTEGER NOT NULL,
  article TEXT NOT NULL,
  reason TEXT NOT NULL,
  votes BIGINT NOT NULL DEFAULT 0,
  helpful BIGINT NOT NULL DEFAULT 0,
  last_seen BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (site, route, locale, day, article, reason)
);
CREATE INDEX ${REASON_SLICE.table}_locale ON ${REASON_SLICE.table} (site, locale, day);`

/**
 * Sets `last_seen` of these reason slice rows to the latest reason the sessions still stored in
 * them gave: after a session left a row, the greatest kept so far may have been its own. Where
 * those sessions have aged out, the stored time stays.
 */
export async function reasonsLastSeen(db: SqlDb, keys: Iterable<readonly SqlValue[]>): Promise<void> {
  const byDay = new Map<string, (readonly SqlValue[])[]>()
  for (const key of keys) entry(byDay, `${key[0]}\u0000${key[3]}`, () => []).push(key)
  for (const list of byDay.values()) {
    const [site, , , day] = list[0]!
    const latest = new Map<string, number>()
    for (const r of await db.all<{ pairs: string }>('SELECT pairs FROM sessions WHERE site = ? AND day = ?', [site!, day!])) {
      const stored = JSON.parse(r.pairs) as { w?: [number, string, string]; n?: StoredTallies }
      if (!stored.w || !stored.n?.r) continue
      const [, locale, route] = stored.w
      for (const [article, reason, , , last] of stored.n.r) {
        const k = [route, locale, article, reason].join('\u0000')
        latest.set(k, Math.max(latest.get(k) ?? 0, last))
      }
    }
    for (const [, route, locale, , article, reason] of list) {
      const last = latest.get([route, locale, article, reason].join('\u0000'))
      if (last !== undefined)
        await db.run(`UPDATE ${REASON_SLICE.table} SET last_seen = ? WHERE site = ? AND route = ? AND locale = ? AND day = ? AND article = ? AND reason = ?`, [
          last,
          site!,
          route!,
          locale!,
          day!,
          article!,
          reason!,
        ])
    }
  }
}
