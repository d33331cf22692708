import { normalizeQuery, type SignpostEvent } from '@signpost/core'
import { type LearnedFacts, learnedDelta, learnedPairs } from '../learn/pairs.ts'
import { ARTICLE_COLUMNS, BREAKDOWN_COLUMNS, DAILY_COLUMNS, QUERY_COLUMNS } from './schema.ts'
import {
  breakdown,
  type Contribution,
  contribution,
  firstUnanswered,
  pairChanges,
  reasonKey,
  routeOf,
  type StoredPairs,
  storedSliceFacts,
  type Where,
  ZERO,
} from './session-share.ts'
import { type Aggregates, add, bump, type Counters, deleteEmptied, negate, sortedEntries, upsertCounters, upsertRows } from './aggregates.ts'
import {
  articleTally,
  countClick,
  countReason,
  emptyTallies,
  entry,
  loadTallies,
  queryTally,
  REASON_SLICE,
  reasonsLastSeen,
  SLICE_TABLES,
  type SliceFacts,
  type SliceRow,
  sliceShare,
  storeTallies,
  type Tallies,
} from './slices.ts'
import { type SqlDb, type SqlValue, weekOf } from './sql.ts'

/** 30 minutes without an event closes a session (DESIGN.md). */
export const SESSION_GAP_MS = 30 * 60 * 1000
export const DAY_MS = 24 * 60 * 60 * 1000

export const dayOf = (ts: number): number => Math.floor(ts / DAY_MS)

interface Session {
  site: string
  sid: string
  seg: number
  start: number
  last: number
  day: number
  searched: boolean
  viewed: boolean
  votedYes: boolean
  contacted: boolean
  /** What this session contributed to `daily` when the flush first saw it. */
  before: Contribution
  /** The stored `pairs` column, parsed into `queries` and `articles` only when an event needs them. */
  storedPairs: string | undefined
  queries: Map<string, QueryPair>
  articles: Map<string, ArticlePair>
  /** Result clicks by `query\0article`, with the first click's time. */
  clicks: Map<string, ClickPair>
  /** Articles this session voted helpful. */
  helpful: Set<string>
  /** Time of the session's last contact, so a pair that arrives late still counts it. */
  lastContact: number | undefined
  /** Time of its first contact: a later contact segment of the same id within 7 days repeats it. */
  firstContact: number | undefined
  /** Whether it counts as repeated (`repeat_contact_sessions`) in what is stored. */
  repeated: boolean
  /** Locale and route of its earliest help event (search, view, contact), for the breakdown report. */
  where: Where | undefined
  /** `where` when the pairs were loaded: the breakdown row its contribution was added to. */
  whereBefore: Where | undefined
  /** Whether a search of the session had returned nothing when the pairs were loaded. */
  zeroBefore: boolean
  /** Its unanswered queries when the pairs were loaded (for `query_related_daily`). */
  unansweredBefore: string[]
  /** The learned pairs (`../learn/pairs.ts`) when the pairs were loaded; undefined if never loaded. */
  learnedBefore: Map<string, LearnedFacts> | undefined
  /** Per-event counts for the reports split by locale and route (`slices.ts`). */
  tallies: Tallies
  /** Its share of the slice tables when the pairs were loaded; undefined if never loaded. */
  sliceBefore: SliceRow[] | undefined
  dirty: boolean
}

/** What a segment collects in one batch, empty: from the store or new, a segment starts with this. */
function batchState(): Pick<
  Session,
  | 'queries'
  | 'articles'
  | 'clicks'
  | 'helpful'
  | 'lastContact'
  | 'firstContact'
  | 'repeated'
  | 'where'
  | 'whereBefore'
  | 'zeroBefore'
  | 'unansweredBefore'
  | 'tallies'
> {
  return {
    queries: new Map(),
    articles: new Map(),
    clicks: new Map(),
    helpful: new Set(),
    lastContact: undefined,
    firstContact: undefined,
    repeated: false,
    where: undefined,
    whereBefore: undefined,
    zeroBefore: false,
    unansweredBefore: [],
    tallies: emptyTallies(),
  }
}

interface QueryPair {
  query: string
  firstTs: number
  /**
   * Times of the searches with results that no click on the same query has followed yet. Kept as
   * times, not a count, so a click answers exactly the searches before it whatever the arrival order.
   */
  pending: number[]
  /**
   * Searches with results past `MAX_PENDING`: counted as not clicked, never as pending, so that
   * erasure can tell them from clicked ones (clicked = searches with results − pending − these).
   */
  overflow: number
  /** Whether a search of it in this session returned nothing. */
  zero: boolean
  /** Whether the pair counted as failed (zero results or no click) when the flush first saw it. */
  failedBefore: boolean
  contacted: boolean
  dirty: boolean
}

const failed = (p: QueryPair): boolean => p.zero || p.pending.length > 0

/** Past this many unanswered searches of one query, a session's further ones count as not clicked. */
const MAX_PENDING = 50

interface ArticlePair {
  article: string
  firstTs: number
  /** Time of the last view, so a search before it makes a learned pair whatever the arrival order. */
  lastTs: number
  contacted: boolean
  /** Whether a contact of the same session id followed within 7 days (`tickets_after_view`). */
  ticketed: boolean
  dirty: boolean
}

/** A contact within this long after a reading (or after an earlier contact) follows it up. */
export const FOLLOW_UP_MS = 7 * DAY_MS

interface ClickPair {
  query: string
  article: string
  ts: number
  /** The last click, so a search arriving after it is known to have been answered. */
  lastTs: number
}

/**
 * One flush's worth of rollup work: sessions and their query/article pairs are loaded once,
 * changed in memory as events arrive, and written back with the aggregate deltas at the end, so a
 * batch costs one insert per event plus one write per touched row.
 */
export class Rollup {
  private sessions = new Map<string, Session[]>()
  private daily: Aggregates = new Map()
  private queryDaily: Aggregates = new Map()
  private articleDaily: Aggregates = new Map()
  private articleQueryDaily: Aggregates = new Map()
  private learnedDaily: Aggregates = new Map()
  private feedbackReasons: Aggregates = new Map()
  private breakdownDaily: Aggregates = new Map()
  private queryRelated: Aggregates = new Map()
  /** Slice table → deltas (`slices.ts`). */
  private slices = new Map<string, Aggregates>()
  /** Reason slice rows a session left, whose `last_seen` may have been its own. */
  private reasonsLeft = new Map<string, SqlValue[]>()
  private db: SqlDb

  constructor(db: SqlDb) {
    this.db = db
  }

  /** Applies one newly stored event. */
  async add(e: SignpostEvent): Promise<void> {
    const s = await this.sessionFor(e.site, e.session, e.ts)
    s.dirty = true
    s.start = Math.min(s.start, e.ts)
    s.last = Math.max(s.last, e.ts)
    const day = s.day
    switch (e.type) {
      case 'search': {
        s.searched = true
        loadPairs(s)
        locate(s, e)
        // Grouped by the normalized form, whatever the client sent.
        const q = normalizeQuery(e.query)
        const zero = e.results === 0 ? 1 : 0
        const counts = { searches: 1, zero_results: zero, nonzero_searches: 1 - zero }
        const qd = bump(this.queryDaily, [e.site, day, q], counts)
        qd['last_seen'] = Math.max(qd['last_seen'] ?? 0, e.ts)
        bump(this.daily, [e.site, day], counts)
        s.tallies.searches++
        s.tallies.zero += zero
        let pair = s.queries.get(q)
        // Past the cap (a script, not a customer) a session's new queries count as searches only.
        if (!pair && s.queries.size >= MAX_PAIRS) break
        if (!pair) {
          pair = { query: q, firstTs: e.ts, pending: [], overflow: 0, zero: false, failedBefore: false, contacted: false, dirty: true }
          s.queries.set(q, pair)
          qd['sessions'] = (qd['sessions'] ?? 0) + 1
        }
        pair.firstTs = Math.min(pair.firstTs, e.ts)
        pair.dirty = true
        const tally = queryTally(s.tallies, q)
        if (tally) {
          tally.searches++
          tally.zero += zero
        }
        if (zero) pair.zero = true
        else if (lastClick(s, q) >= e.ts) {
          // Its click arrived first: the search was answered.
          bump(this.queryDaily, [e.site, day, q], { clicked_searches: 1 })
          bump(this.daily, [e.site, day], { clicked_searches: 1 })
          s.tallies.clicked++
          if (tally) tally.clicked++
        } else if (pair.pending.length < MAX_PENDING) pair.pending.push(e.ts)
        else pair.overflow++
        if (contactedSince(s, pair)) bump(this.queryDaily, [e.site, day, pair.query], { contacts: 1 })
        break
      }
      case 'click': {
        loadPairs(s)
        const q = normalizeQuery(e.query)
        const pair = q ? s.queries.get(q) : undefined
        const answered = pair ? pair.pending.filter((t) => t <= e.ts).length : 0
        if (pair && answered > 0) {
          bump(this.queryDaily, [e.site, day, pair.query], { clicked_searches: answered })
          bump(this.daily, [e.site, day], { clicked_searches: answered })
          s.tallies.clicked += answered
          const tally = queryTally(s.tallies, pair.query)
          if (tally) tally.clicked += answered
          pair.pending = pair.pending.filter((t) => t > e.ts)
          pair.dirty = true
        }
        if (q) {
          bump(this.articleQueryDaily, [e.site, day, e.article, q], { clicks: 1 })
          countClick(s.tallies, q, e.article)
          const key = q + '\u0000' + e.article
          const click = s.clicks.get(key)
          if (click) {
            click.ts = Math.min(click.ts, e.ts)
            click.lastTs = Math.max(click.lastTs, e.ts)
          } else if (s.clicks.size < MAX_PAIRS) s.clicks.set(key, { query: q, article: e.article, ts: e.ts, lastTs: e.ts })
        }
        break
      }
      case 'view': {
        s.viewed = true
        loadPairs(s)
        locate(s, e)
        const ad = bump(this.articleDaily, [e.site, day, e.article], { views: 1 })
        bump(this.daily, [e.site, day], { views: 1 })
        s.tallies.views++
        const tally = articleTally(s.tallies, e.article)
        if (tally) tally.views++
        let pair = s.articles.get(e.article)
        // Past the cap a session's new articles count as views only, as its new queries do.
        if (!pair && s.articles.size >= MAX_PAIRS) break
        if (!pair) {
          pair = { article: e.article, firstTs: e.ts, lastTs: e.ts, contacted: false, ticketed: false, dirty: true }
          s.articles.set(e.article, pair)
          ad['view_sessions'] = (ad['view_sessions'] ?? 0) + 1
        }
        pair.firstTs = Math.min(pair.firstTs, e.ts)
        pair.lastTs = Math.max(pair.lastTs, e.ts)
        pair.dirty = true
        if (contactedSince(s, pair)) bump(this.articleDaily, [e.site, day, pair.article], { contact_after_view: 1 })
        // A contact of the same id in a later segment, already seen, follows this reading up.
        for (const o of this.segments(s)) {
          if (!o.contacted) continue
          loadPairs(o)
          if (this.followUp(s, pair, o.lastContact)) break
        }
        break
      }
      case 'feedback': {
        loadPairs(s)
        if (e.reason) {
          const reason = reasonKey(e.reason)
          const r = bump(this.feedbackReasons, [e.site, day, e.article, reason], e.helpful ? { votes: 1, helpful: 1 } : { votes: 1 })
          r['last_seen'] = Math.max(r['last_seen'] ?? 0, e.ts)
          countReason(s.tallies, e.article, reason, e.helpful, e.ts)
        }
        // A reason sent after its vote (the widget records votes the moment they are given) joins
        // that vote: its text is counted with the reasons above, not as a second vote.
        if (e.followUp) break
        if (e.helpful) {
          s.votedYes = true
          if (s.helpful.size < MAX_PAIRS) s.helpful.add(e.article)
        }
        const tally = articleTally(s.tallies, e.article)
        if (e.helpful) s.tallies.yes++
        else s.tallies.no++
        if (tally && e.helpful) tally.yes++
        else if (tally) tally.no++
        bump(this.articleDaily, [e.site, day, e.article], e.helpful ? { helpful_yes: 1 } : { helpful_no: 1 })
        break
      }
      case 'contact': {
        s.contacted = true
        loadPairs(s)
        s.lastContact = Math.max(s.lastContact ?? e.ts, e.ts)
        s.firstContact = Math.min(s.firstContact ?? e.ts, e.ts)
        locate(s, e)
        for (const o of this.segments(s)) {
          loadPairs(o)
          for (const pair of o.articles.values()) this.followUp(o, pair, e.ts)
        }
        this.markRepeats(s)
        for (const pair of s.queries.values()) {
          if (pair.contacted || pair.firstTs > e.ts) continue
          pair.contacted = true
          pair.dirty = true
          bump(this.queryDaily, [e.site, day, pair.query], { contacts: 1 })
        }
        for (const pair of s.articles.values()) {
          if (pair.contacted || pair.firstTs > e.ts) continue
          pair.contacted = true
          pair.dirty = true
          bump(this.articleDaily, [e.site, day, pair.article], { contact_after_view: 1 })
        }
        break
      }
      case 'open':
        break
    }
  }

  /** Every loaded segment of `s`'s session id, `s` included. */
  private segments(s: Session): Session[] {
    return this.sessions.get(s.site + '\u0000' + s.sid) ?? [s]
  }

  /** Counts `pair` as read before a contact (at `contactTs`) within 7 days, once. */
  private followUp(s: Session, pair: ArticlePair, contactTs: number | undefined): boolean {
    if (pair.ticketed || contactTs === undefined || contactTs < pair.firstTs || contactTs - pair.firstTs > FOLLOW_UP_MS) return false
    pair.ticketed = true
    pair.dirty = true
    s.dirty = true
    bump(this.articleDaily, [s.site, s.day, pair.article], { tickets_after_view: 1 })
    return true
  }

  /**
   * A contact segment is repeated when another segment of the same session id first contacted
   * within 7 days after its own first contact: the customer had to come back (first-contact
   * resolution's proxy). Recomputed from every segment's first contact, so arrival order is moot.
   */
  private markRepeats(s: Session): void {
    for (const o of this.segments(s)) if (o.contacted) loadPairs(o)
    const contacts = this.segments(s).filter((o) => o.firstContact !== undefined)
    for (const a of contacts) {
      const repeated = contacts.some((b) => b !== a && b.firstContact! > a.firstContact! && b.firstContact! - a.firstContact! <= FOLLOW_UP_MS)
      if (repeated === a.repeated) continue
      a.repeated = repeated
      a.dirty = true
      bump(this.daily, [a.site, a.day], { repeat_contact_sessions: repeated ? 1 : -1 })
    }
  }

  /** Writes sessions (with their pairs) and aggregate deltas, many rows per statement. */
  async write(): Promise<void> {
    const db = this.db
    const sessionRows: SqlValue[][] = []
    for (const [, list] of sortedEntries(this.sessions)) {
      for (const s of list) {
        if (!s.dirty) continue
        sessionRows.push([s.site, s.sid, s.seg, s.day, s.start, s.last, +s.searched, +s.viewed, +s.votedYes, +s.contacted, storedPairs(s)])
        const after = contribution(s)
        const delta: Counters = {}
        for (const k of Object.keys(after) as (keyof Contribution)[]) delta[k] = after[k] - s.before[k]
        bump(this.daily, [s.site, s.day], delta)
        for (const p of s.queries.values()) {
          if (!p.dirty) continue
          const change = +failed(p) - +p.failedBefore
          if (change !== 0) bump(this.queryDaily, [s.site, s.day, p.query], { failed_sessions: change })
        }
        if (s.learnedBefore) {
          for (const [, d] of learnedDelta(s.learnedBefore, learnedPairs(s)))
            bump(this.learnedDaily, [s.site, s.day, d.query, d.article], { sessions: d.sessions, helpful: d.helpful, contacts: d.contacts })
          // The breakdown row by locale and route: its contribution moves with the session's facts.
          const dimsAfter = breakdown(s, after, zeroSearched(s))
          const dimsBefore = s.whereBefore ? breakdown({ ...s, where: s.whereBefore }, s.before, s.zeroBefore) : undefined
          if (dimsBefore) bump(this.breakdownDaily, dimsBefore.key, negate(dimsBefore.counters))
          if (dimsAfter) bump(this.breakdownDaily, dimsAfter.key, dimsAfter.counters)
          this.moveSlices(s, after)
          // Unanswered queries of one sitting are one question in the customer's other words.
          for (const [key, change] of pairChanges(s.unansweredBefore, unanswered(s))) {
            const [query, other] = key.split('\u0000') as [string, string]
            bump(this.queryRelated, [s.site, s.day, query, other], { sessions: change })
          }
        }
      }
    }
    const replace = (cols: string[]) => Object.fromEntries(cols.map((c) => [c, `excluded.${c}`]))
    const changing = ['start_ts', 'last_ts', 'searched', 'viewed', 'voted_yes', 'contacted', 'pairs']
    await upsertRows(db, 'sessions', ['site', 'sid', 'seg'], ['day', ...changing], sessionRows, replace(changing))

    const greatest = db.dialect === 'postgres' ? 'GREATEST' : 'MAX'
    await upsertCounters(this.db, 'daily', ['site', 'day'], DAILY_COLUMNS, this.daily)
    await upsertCounters(this.db, 'query_daily', ['site', 'day', 'query'], QUERY_COLUMNS, this.queryDaily, {
      last_seen: `${greatest}(query_daily.last_seen, excluded.last_seen)`,
    })
    // The same deltas by week, so content gaps over a month read a quarter of the rows.
    const weekly: Aggregates = new Map()
    for (const { key, counters } of this.queryDaily.values()) {
      const [site, day, query] = key as [string, number, string]
      const w = bump(weekly, [site, weekOf(day), query], {})
      for (const k in counters) w[k] = k === 'last_seen' ? Math.max(w[k] ?? 0, counters[k]!) : (w[k] ?? 0) + counters[k]!
    }
    await upsertCounters(this.db, 'query_weekly', ['site', 'week', 'query'], QUERY_COLUMNS, weekly, {
      last_seen: `${greatest}(query_weekly.last_seen, excluded.last_seen)`,
    })
    await upsertCounters(this.db, 'article_daily', ['site', 'day', 'article'], ARTICLE_COLUMNS, this.articleDaily)
    await upsertCounters(this.db, 'article_query_daily', ['site', 'day', 'article', 'query'], ['clicks'], this.articleQueryDaily)
    await upsertCounters(this.db, 'learned_daily', ['site', 'day', 'query', 'article'], ['sessions', 'helpful', 'contacts'], this.learnedDaily)
    await upsertCounters(this.db, 'feedback_reasons', ['site', 'day', 'article', 'reason'], ['votes', 'helpful', 'last_seen'], this.feedbackReasons, {
      last_seen: `${greatest}(feedback_reasons.last_seen, excluded.last_seen)`,
    })
    await upsertCounters(this.db, 'breakdown_daily', ['site', 'day', 'locale', 'route'], BREAKDOWN_COLUMNS, this.breakdownDaily)
    // By week too, as for queries: a month's breakdown reads a seventh of the rows.
    const breakdownWeekly: Aggregates = new Map()
    for (const { key, counters } of this.breakdownDaily.values()) {
      const [site, day, locale, route] = key as [string, number, string, string]
      add(bump(breakdownWeekly, [site, weekOf(day), locale, route], {}), counters)
    }
    await upsertCounters(this.db, 'breakdown_weekly', ['site', 'week', 'locale', 'route'], BREAKDOWN_COLUMNS, breakdownWeekly)
    await upsertCounters(this.db, 'query_related_daily', ['site', 'day', 'query', 'other'], ['sessions'], this.queryRelated)
    for (const [table, { keys, counters }] of Object.entries(SLICE_TABLES)) {
      const rows = this.slices.get(table) ?? new Map()
      await upsertCounters(this.db, table, [...keys], counters, rows)
      // A session that moved to another slice leaves nothing behind, as a rebuild or an erasure would.
      await deleteEmptied(this.db, table, keys, counters, rows)
    }
    const reasons = this.slices.get(REASON_SLICE.table) ?? new Map()
    await upsertCounters(this.db, REASON_SLICE.table, REASON_SLICE.keys, [...REASON_SLICE.counters, 'last_seen'], reasons, {
      last_seen: `${greatest}(${REASON_SLICE.table}.last_seen, excluded.last_seen)`,
    })
    await deleteEmptied(this.db, REASON_SLICE.table, REASON_SLICE.keys, REASON_SLICE.counters, reasons)
    await reasonsLastSeen(this.db, this.reasonsLeft.values())
    // A pair whose sessions have all found an answer since is gone, as a rebuild or an erasure leaves it.
    const emptied = [...sortedEntries(this.queryRelated)].filter(([, r]) => (r.counters['sessions'] ?? 0) < 0).map(([, r]) => r.key)
    for (let i = 0; i < emptied.length; i += 100) {
      const chunk = emptied.slice(i, i + 100)
      const match = chunk.map(() => '(site = ? AND day = ? AND query = ? AND other = ?)').join(' OR ')
      await this.db.run(`DELETE FROM query_related_daily WHERE sessions = 0 AND (${match})`, chunk.flat())
    }
  }

  /** The session's share of the slice tables moves from what was stored to what it is now. */
  private moveSlices(s: Session, after: Contribution): void {
    const now = sliceShare(sessionSliceFacts(s, after))
    const before = s.sliceBefore ?? []
    const rowsOf = (table: string): Aggregates => entry(this.slices, table, () => new Map())
    const stays = new Set(now.filter((r) => r.table === REASON_SLICE.table).map((r) => r.key.join('\u0000')))
    for (const r of before) {
      if (r.table !== REASON_SLICE.table) bump(rowsOf(r.table), r.key, negate(r.counters))
      else {
        // A maximum cannot be taken back: a row the session left reads it again after the write.
        const { last_seen: _, ...counts } = r.counters
        bump(rowsOf(r.table), r.key, negate(counts))
        if (!stays.has(r.key.join('\u0000'))) this.reasonsLeft.set(r.key.join('\u0000'), r.key)
      }
    }
    for (const r of now) {
      if (r.table !== REASON_SLICE.table) bump(rowsOf(r.table), r.key, r.counters)
      else {
        const { last_seen: last, ...counts } = r.counters
        const row = bump(rowsOf(r.table), r.key, counts)
        row['last_seen'] = Math.max(row['last_seen'] ?? 0, last ?? 0)
      }
    }
  }

  private async sessionFor(site: string, sid: string, ts: number): Promise<Session> {
    const key = site + '\u0000' + sid
    let list = this.sessions.get(key)
    if (!list) {
      await this.prefetchSite(site, [sid])
      list = this.sessions.get(key)!
    }
    let best: Session | undefined
    let bestDistance = Number.POSITIVE_INFINITY
    for (const s of list) {
      if (ts < s.start - SESSION_GAP_MS || ts > s.last + SESSION_GAP_MS) continue
      const distance = ts < s.start ? s.start - ts : ts > s.last ? ts - s.last : 0
      if (distance < bestDistance) {
        best = s
        bestDistance = distance
      }
    }
    if (best) return best
    const s: Session = {
      site,
      sid,
      seg: ts,
      start: ts,
      last: ts,
      day: dayOf(ts),
      searched: false,
      viewed: false,
      votedYes: false,
      contacted: false,
      before: ZERO,
      storedPairs: undefined,
      ...batchState(),
      learnedBefore: new Map(),
      sliceBefore: [],
      dirty: true,
    }
    // A new segment may share its start with an old one only if it is the same segment.
    while (list.some((o) => o.seg === s.seg)) s.seg++
    list.push(s)
    return s
  }

  /** Loads the sessions of these events in a few queries rather than one per session. */
  async prefetch(events: readonly SignpostEvent[]): Promise<void> {
    const bySite = new Map<string, Set<string>>()
    for (const e of events) {
      if (this.sessions.has(e.site + '\u0000' + e.session)) continue
      const set = bySite.get(e.site) ?? new Set<string>()
      bySite.set(e.site, set)
      set.add(e.session)
    }
    for (const [site, sids] of bySite) {
      const list = [...sids]
      for (let i = 0; i < list.length; i += 200) await this.prefetchSite(site, list.slice(i, i + 200))
    }
  }

  private async prefetchSite(site: string, sids: readonly string[]): Promise<void> {
    const rows = await this.db.all<Record<string, number | string>>(
      `SELECT sid, seg, start_ts, last_ts, day, searched, viewed, voted_yes, contacted, pairs FROM sessions
       WHERE site = ? AND sid IN (${sids.map(() => '?').join(', ')})`,
      [site, ...sids],
    )
    for (const sid of sids) this.sessions.set(site + '\u0000' + sid, [])
    for (const r of rows) {
      const sid = String(r['sid'])
      const s: Session = {
        site,
        sid,
        seg: Number(r['seg']),
        start: Number(r['start_ts']),
        last: Number(r['last_ts']),
        day: Number(r['day']),
        searched: !!Number(r['searched']),
        viewed: !!Number(r['viewed']),
        votedYes: !!Number(r['voted_yes']),
        contacted: !!Number(r['contacted']),
        before: ZERO,
        storedPairs: String(r['pairs']),
        ...batchState(),
        learnedBefore: undefined,
        sliceBefore: undefined,
        dirty: false,
      }
      s.before = contribution(s)
      this.sessions.get(site + '\u0000' + sid)!.push(s)
    }
  }
}

/**
 * Past this many distinct queries (or articles) a session's further ones are not tracked as
 * pairs: the row is rewritten on every event, and only scripts search that much in one sitting.
 */
const MAX_PAIRS = 100

function loadPairs(s: Session): void {
  if (s.storedPairs === undefined) return
  const stored = JSON.parse(s.storedPairs) as StoredPairs
  s.storedPairs = undefined
  for (const [query, firstTs, pending, zero, contacted, pendingTs, overflow] of stored.q) {
    // Rows from before the times were kept: their pending searches date from the first one.
    const times = pendingTs ?? Array<number>(pending).fill(firstTs)
    const pair: QueryPair = { query, firstTs, pending: times, overflow: overflow ?? 0, zero: !!zero, failedBefore: false, contacted: !!contacted, dirty: false }
    pair.failedBefore = failed(pair)
    s.queries.set(query, pair)
  }
  for (const [article, firstTs, contacted, lastTs, ticketed] of stored.a)
    s.articles.set(article, { article, firstTs, lastTs: lastTs ?? firstTs, contacted: !!contacted, ticketed: !!ticketed, dirty: false })
  for (const [query, article, ts, lastTs] of stored.k ?? []) s.clicks.set(query + '\u0000' + article, { query, article, ts, lastTs: lastTs ?? ts })
  for (const article of stored.h ?? []) s.helpful.add(article)
  s.lastContact = stored.lc
  // Rows from before `fc` existed: the last contact is the best first contact we know.
  s.firstContact = stored.fc ?? stored.lc
  s.repeated = !!stored.rp
  s.where = stored.w
  s.whereBefore = stored.w
  s.zeroBefore = zeroSearched(s)
  s.unansweredBefore = unanswered(s)
  s.learnedBefore = learnedPairs(s)
  s.tallies = loadTallies(stored.n)
  s.sliceBefore = stored.n ? sliceShare(storedSliceFacts(s.site, s.day, s.before, stored)) : []
}

function sessionSliceFacts(s: Session, c: Contribution): SliceFacts {
  return {
    site: s.site,
    day: s.day,
    where: s.where,
    contribution: c,
    repeated: s.repeated,
    queries: [...s.queries.values()].map((p) => [p.query, failed(p), p.contacted] as const),
    articles: [...s.articles.values()].map((p) => [p.article, p.contacted, p.ticketed] as const),
    tallies: s.tallies,
  }
}

/** Notes the locale and route of the session's earliest help event. */
function locate(s: Session, e: SignpostEvent): void {
  // A ticket webhook's contact says nothing of where the customer was (locale "und", path "/").
  if (e.locale === 'und') return
  if (s.where && s.where[0] <= e.ts) return
  s.where = [e.ts, e.locale, routeOf(e.path)]
}

const zeroSearched = (s: Session): boolean => [...s.queries.values()].some((q) => q.zero)

/** A session's queries that failed (nothing found, or no click), the first ten: more is a script. */
const unanswered = (s: Session): string[] => firstUnanswered([...s.queries.values()].map((q) => [q.query, failed(q)]))

/** The time of the session's last click on a result of query `q`; −∞ without one. */
function lastClick(s: Session, q: string): number {
  let last = Number.NEGATIVE_INFINITY
  for (const c of s.clicks.values()) if (c.query === q && c.lastTs > last) last = c.lastTs
  return last
}

/** Whether a contact already seen in this session came after `pair` began; marks it if so. */
function contactedSince(s: Session, pair: { firstTs: number; contacted: boolean }): boolean {
  if (pair.contacted || s.lastContact === undefined || pair.firstTs > s.lastContact) return false
  pair.contacted = true
  return true
}

function storedPairs(s: Session): string {
  if (s.storedPairs !== undefined) return s.storedPairs
  const stored: StoredPairs = {
    q: [...s.queries.values()].map((p) =>
      p.overflow > 0 ? [p.query, p.firstTs, p.pending.length, +p.zero, +p.contacted, p.pending, p.overflow] : [p.query, p.firstTs, p.pending.length, +p.zero, +p.contacted, p.pending],
    ),
    a: [...s.articles.values()].map((p) => (p.ticketed ? [p.article, p.firstTs, +p.contacted, p.lastTs, 1] : [p.article, p.firstTs, +p.contacted, p.lastTs])),
  }
  if (s.clicks.size > 0) stored.k = [...s.clicks.values()].map((c) => [c.query, c.article, c.ts, c.lastTs])
  if (s.helpful.size > 0) stored.h = [...s.helpful]
  if (s.lastContact !== undefined) stored.lc = s.lastContact
  if (s.firstContact !== undefined) stored.fc = s.firstContact
  if (s.repeated) stored.rp = 1
  if (s.where) stored.w = s.where
  stored.n = storeTallies(s.tallies)
  return JSON.stringify(stored)
}
