import { normalizeQuery, type SignpostEvent } from '@signpost/core'
import { learnedPairs, type SessionFacts } from '../learn/pairs.ts'
import { type Aggregates, bump } from './aggregates.ts'
import { ARTICLE_COLUMNS, BREAKDOWN_COLUMNS, DAILY_COLUMNS, QUERY_COUNTERS, type SegmentRow } from './schema.ts'
import { breakdown, contribution, firstUnanswered, pairChanges, reasonKey, type StoredPairs, storedSliceFacts } from './session-share.ts'
import { REASON_SLICE, reasonsLastSeen, SLICE_TABLES, type SliceTable, sliceShare } from './slices.ts'
import { type SqlDb, weekOf } from './sql.ts'

/** What `eraseSession` removed. */
export interface ErasureResult {
  /** Raw events deleted. */
  events: number
  /** Session segments (30-minute-gap sessions) whose contribution was subtracted from the rollups. */
  sessions: number
}

/** Everything stored under one session id: its raw events, oldest first, and its session segments. */
export interface SessionExport {
  site: string
  session: string
  events: SignpostEvent[]
  sessions: { start: string; last: string; searched: boolean; viewed: boolean; votedYes: boolean; contacted: boolean }[]
}

type Deltas = Aggregates

const LEARNED_COLUMNS = ['sessions', 'helpful', 'contacts'] as const
const REASON_COLUMNS = ['votes', 'helpful'] as const

/** The session's raw events and segments, for a data-subject access request. */
export async function exportSession(db: SqlDb, site: string, session: string): Promise<SessionExport> {
  const rows = await db.all<{ data: string }>('SELECT data FROM events WHERE site = ? AND session = ? ORDER BY ts, id', [site, session])
  const segments = await db.all<SegmentRow>('SELECT * FROM sessions WHERE site = ? AND sid = ? ORDER BY start_ts', [site, session])
  const iso = (ms: number) => new Date(Number(ms)).toISOString()
  return {
    site,
    session,
    events: rows.map((r) => JSON.parse(r.data) as SignpostEvent),
    sessions: segments.map((s) => ({
      start: iso(s.start_ts),
      last: iso(s.last_ts),
      searched: !!Number(s.searched),
      viewed: !!Number(s.viewed),
      votedYes: !!Number(s.voted_yes),
      contacted: !!Number(s.contacted),
    })),
  }
}

/**
 * Erases one session id: its raw events and session rows go, and what it added to every rollup is
 * subtracted, so reports read as if it had never been there (the same numbers a rebuild of the
 * rollups from the remaining raw events gives). Runs in the caller's transaction.
 *
 * The contribution is recomputed from what is stored: each segment's flags and query/article pairs
 * give its per-session counts, its raw events the per-event ones, exactly as `Rollup.add` counted
 * them. Per session: `daily` (with repeated contacts), `query_daily`/`query_weekly` sessions,
 * `article_daily` view sessions, contacts after a view and tickets within 7 days of one, the
 * learned pairs (`learned_daily`), the locale/route row (`breakdown_daily` and `breakdown_weekly`),
 * the pairs of its unanswered queries (`query_related_daily`), and its whole share of the route/locale
 * splits (`slices.ts`, read from its stored row as the rollup last wrote it). Per event: searches,
 * clicks, views, votes and feedback reasons (`feedback_reasons`, and by slice
 * `slice_feedback_reasons`: the customer's own words go with the session). Every follow-up a
 * rollup counts (a later contact, a repeated one) joins segments of one session id, so erasing
 * all of them leaves nothing behind. `last_seen` cannot be subtracted: it is recomputed from the
 * remaining raw events (by slice, from the remaining sessions' stored reasons).
 */
export async function eraseSession(tx: SqlDb, site: string, session: string): Promise<ErasureResult> {
  await tx.lockKeys([JSON.stringify([site, session])])
  const segments = (await tx.all<SegmentRow>('SELECT * FROM sessions WHERE site = ? AND sid = ?', [site, session])).map((r) => ({
    ...r,
    seg: Number(r.seg),
    start_ts: Number(r.start_ts),
    last_ts: Number(r.last_ts),
    day: Number(r.day),
  }))
  const events = (await tx.all<{ data: string }>('SELECT data FROM events WHERE site = ? AND session = ?', [site, session])).map(
    (r) => JSON.parse(r.data) as SignpostEvent,
  )
  const daily: Deltas = new Map()
  const queryDaily: Deltas = new Map()
  const articleDaily: Deltas = new Map()
  const articleQueryDaily: Deltas = new Map()
  const learnedDaily: Deltas = new Map()
  const feedbackReasons: Deltas = new Map()
  const breakdownDaily: Deltas = new Map()
  const queryRelated: Deltas = new Map()
  const slices = Object.fromEntries([...Object.keys(SLICE_TABLES), REASON_SLICE.table].map((t) => [t, new Map()])) as Record<SliceTable, Deltas>
  /** The stored spellings of each touched query (`refund [email]` groups as `refund email`). */
  const spellings = new Map<string, Set<string>>()

  for (const s of segments) {
    const flags = { searched: !!Number(s.searched), viewed: !!Number(s.viewed), votedYes: !!Number(s.voted_yes), contacted: !!Number(s.contacted) }
    const pairs = JSON.parse(s.pairs) as StoredPairs
    const c = contribution(flags)
    bump(daily, [site, s.day], { ...c, repeat_contact_sessions: pairs.rp ? 1 : 0 })
    const dims = breakdown({ site, day: s.day, where: pairs.w }, c, pairs.q.some((q) => !!q[3]))
    if (dims) bump(breakdownDaily, dims.key, dims.counters)
    // Its unanswered queries, pairwise: what the rollup last added to query_related_daily for it.
    for (const [key, change] of pairChanges([], firstUnanswered(pairs.q.map(([query, , pending, zero]) => [query, zero > 0 || pending > 0])))) {
      const [query, other] = key.split('\u0000') as [string, string]
      bump(queryRelated, [site, s.day, query, other], { sessions: change })
    }
    for (const p of learnedPairs(storedFacts(pairs)).values())
      bump(learnedDaily, [site, s.day, p.query, p.article], { sessions: 1, helpful: +p.helpful, contacts: +p.contacted })
    const nonzero = new Map<string, number>()
    for (const e of events) if (e.type === 'search' && e.results > 0 && segmentOf(segments, e.ts) === s) count(nonzero, normalizeQuery(e.query))
    for (const [query, , pending, zero, contacted, , overflow] of pairs.q) {
      // A pair counts its nonzero searches as pending until a click moves them to clicked (or, past
      // the pending cap, as never clicked). Never below zero: a segment straddling the retention
      // cutoff may have lost searches already.
      const clicked = Math.max(0, (nonzero.get(query) ?? 0) - pending - (overflow ?? 0))
      const failedNow = zero > 0 || pending > 0 ? 1 : 0
      bump(queryDaily, [site, s.day, query], { sessions: 1, failed_sessions: failedNow, contacts: contacted, clicked_searches: clicked })
      bump(daily, [site, s.day], { clicked_searches: clicked })
    }
    // Its share of the reports split by locale and route, as the rollup last stored it.
    if (pairs.n) for (const r of sliceShare(storedSliceFacts(site, s.day, c, pairs))) bump(slices[r.table], r.key, r.counters)
    for (const [article, , contacted, , ticketed] of pairs.a)
      bump(articleDaily, [site, s.day, article], { view_sessions: 1, contact_after_view: contacted, tickets_after_view: ticketed ? 1 : 0 })
  }
  for (const e of events) {
    const s = segmentOf(segments, e.ts)
    if (!s) continue // its segment was purged already: nothing of it is left to subtract
    switch (e.type) {
      case 'search': {
        const zero = e.results === 0 ? 1 : 0
        const counts = { searches: 1, zero_results: zero, nonzero_searches: 1 - zero }
        const q = normalizeQuery(e.query)
        bump(queryDaily, [site, s.day, q], counts)
        const k = [site, s.day, q].join('\u0000')
        spellings.set(k, (spellings.get(k) ?? new Set([q])).add(e.query))
        bump(daily, [site, s.day], counts)
        break
      }
      case 'click': {
        const q = normalizeQuery(e.query)
        if (q) bump(articleQueryDaily, [site, s.day, e.article, q], { clicks: 1 })
        break
      }
      case 'view':
        bump(articleDaily, [site, s.day, e.article], { views: 1 })
        bump(daily, [site, s.day], { views: 1 })
        break
      case 'feedback':
        bump(articleDaily, [site, s.day, e.article], e.helpful ? { helpful_yes: 1 } : { helpful_no: 1 })
        if (e.reason) bump(feedbackReasons, [site, s.day, e.article, reasonKey(e.reason)], { votes: 1, helpful: e.helpful ? 1 : 0 })
        break
      default:
        break
    }
  }

  const deleted = await tx.run('DELETE FROM events WHERE site = ? AND session = ?', [site, session])
  await tx.run('DELETE FROM sessions WHERE site = ? AND sid = ?', [site, session])
  await subtract(tx, 'daily', ['site', 'day'], DAILY_COLUMNS, daily)
  await subtract(tx, 'query_daily', ['site', 'day', 'query'], QUERY_COUNTERS, queryDaily)
  const weekly: Deltas = new Map()
  for (const { key, counters } of queryDaily.values()) bump(weekly, [key[0]!, weekOf(Number(key[1])), key[2]!], counters)
  await subtract(tx, 'query_weekly', ['site', 'week', 'query'], QUERY_COUNTERS, weekly)
  await subtract(tx, 'article_daily', ['site', 'day', 'article'], ARTICLE_COLUMNS, articleDaily)
  await subtract(tx, 'article_query_daily', ['site', 'day', 'article', 'query'], ['clicks'], articleQueryDaily)
  await subtract(tx, 'learned_daily', ['site', 'day', 'query', 'article'], LEARNED_COLUMNS, learnedDaily)
  await subtract(tx, 'breakdown_daily', ['site', 'day', 'locale', 'route'], BREAKDOWN_COLUMNS, breakdownDaily)
  const breakdownWeekly: Deltas = new Map()
  for (const { key, counters } of breakdownDaily.values()) bump(breakdownWeekly, [key[0]!, weekOf(Number(key[1])), key[2]!, key[3]!], counters)
  await subtract(tx, 'breakdown_weekly', ['site', 'week', 'locale', 'route'], BREAKDOWN_COLUMNS, breakdownWeekly)
  await subtract(tx, 'query_related_daily', ['site', 'day', 'query', 'other'], ['sessions'], queryRelated)
  await subtract(tx, 'feedback_reasons', ['site', 'day', 'article', 'reason'], REASON_COLUMNS, feedbackReasons)
  for (const [table, { keys, counters }] of Object.entries(SLICE_TABLES)) await subtract(tx, table, keys, counters, slices[table as keyof typeof SLICE_TABLES])
  const reasonSlices = slices[REASON_SLICE.table]
  await subtract(tx, REASON_SLICE.table, REASON_SLICE.keys, REASON_SLICE.counters, reasonSlices)
  await reasonsLastSeen(tx, [...reasonSlices.values()].map((r) => r.key))
  await recomputeLastSeen(tx, queryDaily, weekly, spellings)
  await recomputeReasonsLastSeen(tx, feedbackReasons)
  return { events: deleted, sessions: segments.length }
}

/** A stored segment's facts as `learnedPairs` reads them, in the order the rollup kept them. */
function storedFacts(pairs: StoredPairs): SessionFacts {
  return {
    queries: new Map(pairs.q.map(([query, firstTs]) => [query, { query, firstTs }])),
    articles: new Map(pairs.a.map(([article, firstTs, , lastTs]) => [article, { article, firstTs, lastTs: lastTs ?? firstTs }])),
    clicks: new Map((pairs.k ?? []).map(([query, article, ts]) => [query + '\u0000' + article, { query, article, ts }])),
    helpful: new Set(pairs.h ?? []),
    lastContact: pairs.lc,
  }
}

/** The segment an event belongs to: the one whose time span holds it (segments never overlap). */
function segmentOf<S extends { start_ts: number; last_ts: number }>(segments: readonly S[], ts: number): S | undefined {
  return segments.find((s) => ts >= s.start_ts && ts <= s.last_ts)
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

/** Subtracts the deltas row by row; a row left with nothing counted goes, as a rebuild would never write it. */
async function subtract(tx: SqlDb, table: string, keyCols: readonly string[], cols: readonly string[], deltas: Deltas): Promise<void> {
  const where = keyCols.map((c) => `${c} = ?`).join(' AND ')
  for (const { key, counters } of deltas.values()) {
    const changed = cols.filter((c) => (counters[c] ?? 0) !== 0)
    if (changed.length === 0) continue
    await tx.run(`UPDATE ${table} SET ${changed.map((c) => `${c} = ${c} - ?`).join(', ')} WHERE ${where}`, [...changed.map((c) => counters[c]!), ...key])
    await tx.run(`DELETE FROM ${table} WHERE ${where} AND ${cols.map((c) => `${c} = 0`).join(' AND ')}`, key)
  }
}

/**
 * The latest search of each touched query, from the raw events left (attributed to the day their
 * session started, as the rollup does). Where raw events have aged out, the stored time stays: it
 * belongs to a search that is still counted.
 */
async function recomputeLastSeen(tx: SqlDb, queryDaily: Deltas, weekly: Deltas, spellings: Map<string, Set<string>>): Promise<void> {
  const queryOf = tx.dialect === 'postgres' ? "(e.data::json->>'query')" : "json_extract(e.data, '$.query')"
  for (const [k, { key }] of queryDaily) {
    const [site, day, query] = key as [string, number, string]
    const forms = [...(spellings.get(k) ?? [query])]
    if (!spellings.has(k)) continue // no search of it was erased: its last search is still counted
    const rows = await tx.all<{ m: number | null }>(
      `SELECT MAX(e.ts) AS m FROM events e JOIN sessions s ON s.site = e.site AND s.sid = e.session AND e.ts >= s.start_ts AND e.ts <= s.last_ts
       WHERE e.site = ? AND e.type = 'search' AND s.day = ? AND ${queryOf} IN (${forms.map(() => '?').join(', ')})`,
      [site, day, ...forms],
    )
    const latest = rows[0]?.m
    if (latest !== null && latest !== undefined) await tx.run('UPDATE query_daily SET last_seen = ? WHERE site = ? AND day = ? AND query = ?', [Number(latest), site, day, query])
  }
  for (const { key } of weekly.values()) {
    const [site, week, query] = key as [string, number, string]
    await tx.run(
      `UPDATE query_weekly SET last_seen = COALESCE((SELECT MAX(d.last_seen) FROM query_daily d WHERE d.site = ? AND d.query = ? AND d.day >= ? AND d.day < ?), last_seen)
       WHERE site = ? AND week = ? AND query = ?`,
      [site, query, week * 7 - 3, week * 7 + 4, site, week, query],
    )
  }
}

/**
 * The latest vote of each touched (day, article, reason) row left, from the remaining raw events
 * (by the day their session started, as the rollup counts them); where they have aged out, the
 * stored time stays.
 */
async function recomputeReasonsLastSeen(tx: SqlDb, reasons: Deltas): Promise<void> {
  const articleOf = tx.dialect === 'postgres' ? "(e.data::json->>'article')" : "json_extract(e.data, '$.article')"
  for (const { key } of reasons.values()) {
    const [site, day, article, reason] = key as [string, number, string, string]
    const rows = await tx.all<{ ts: number; data: string }>(
      `SELECT e.ts, e.data FROM events e JOIN sessions s ON s.site = e.site AND s.sid = e.session AND e.ts >= s.start_ts AND e.ts <= s.last_ts
       WHERE e.site = ? AND e.type = 'feedback' AND s.day = ? AND ${articleOf} = ?`,
      [site, day, article],
    )
    let latest: number | undefined
    for (const r of rows) {
      const e = JSON.parse(r.data) as SignpostEvent
      if (e.type === 'feedback' && e.reason && reasonKey(e.reason) === reason) latest = Math.max(latest ?? 0, Number(r.ts))
    }
    if (latest !== undefined) await tx.run('UPDATE feedback_reasons SET last_seen = ? WHERE site = ? AND day = ? AND article = ? AND reason = ?', [latest, site, day, article, reason])
  }
}
