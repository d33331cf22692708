import type { Counters } from './aggregates.ts'
import { loadTallies, type SliceFacts, type StoredTallies } from './slices.ts'
import type { SqlValue } from './sql.ts'

// What one session adds to the rollups, by the metric definitions (DESIGN.md "Metrics"), and the
// stored form of its facts: the rollup applies it as a session changes, erasure subtracts it from
// what is stored, the route/locale backfill reads it.

/** `[ts, locale, route]` of a session's earliest help event. */
export type Where = [number, string, string]

export type Contribution = Record<'sessions' | 'help_sessions' | 'deflected_explicit' | 'deflected_implicit' | 'contacted_help' | 'contact_sessions', number>

export const ZERO: Contribution = {
  sessions: 0,
  help_sessions: 0,
  deflected_explicit: 0,
  deflected_implicit: 0,
  contacted_help: 0,
  contact_sessions: 0,
}

/** The metric definitions (DESIGN.md "Metrics") applied to one session's facts. */
export function contribution(s: { searched: boolean; viewed: boolean; votedYes: boolean; contacted: boolean }): Contribution {
  const help = s.searched || s.viewed
  const deflected = help && (s.viewed || s.votedYes) && !s.contacted
  return {
    sessions: 1,
    help_sessions: help ? 1 : 0,
    deflected_explicit: deflected && s.votedYes ? 1 : 0,
    deflected_implicit: deflected && !s.votedYes ? 1 : 0,
    contacted_help: help && s.contacted ? 1 : 0,
    contact_sessions: s.contacted ? 1 : 0,
  }
}

/**
 * The `pairs` column: `{ q: [[query, firstTs, pending, zero, contacted, pendingTimes, overflow?]], a: [[article, firstTs,
 * contacted, lastTs]], k: [[query, article, ts]], h: [article], lc: lastContactTs }`. `k`, `h`,
 * `lc` and `lastTs` came later (learned pairs): rows written before them lack them.
 */
export interface StoredPairs {
  q: [string, number, number, number, number, number[]?, number?][]
  a: [string, number, number, number?, number?][]
  k?: [string, string, number, number?][]
  h?: string[]
  lc?: number
  /** First contact, whether the segment counts as repeated, and where it asked for help. */
  fc?: number
  rp?: 1
  w?: Where
  /** Per-event counts for the slice tables; absent in rows from before them (never counted there). */
  n?: StoredTallies
}

/** A stored segment as `sliceShare` reads it (the rollup before a change, and erasure). */
export function storedSliceFacts(site: string, day: number, c: Contribution, stored: StoredPairs): SliceFacts {
  return {
    site,
    day,
    where: stored.w,
    contribution: c,
    repeated: !!stored.rp,
    queries: stored.q.map(([query, , pending, zero, contacted]) => [query, zero > 0 || pending > 0, !!contacted] as const),
    articles: stored.a.map(([article, , contacted, , ticketed]) => [article, !!contacted, !!ticketed] as const),
    tallies: loadTallies(stored.n),
  }
}

/** How a (scrubbed) feedback reason is grouped in `feedback_reasons`: trimmed, spaces collapsed, lower case. */
export function reasonKey(reason: string): string {
  return reason.trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * A path as a route: numbers and ids become `:id`, so `/invoices/1042/edit` and
 * `/invoices/77/edit` are one page of the host app.
 */
export function routeOf(path: string): string {
  const route = path
    .split('/')
    .map((part) => (/\d/.test(part) && /^[\w-]+$/.test(part) && (/^\d+$/.test(part) || part.length >= 8) ? ':id' : part))
    .join('/')
  return route.length > 200 ? route.slice(0, 200) : route || '/'
}

/**
 * The first ten of a session's queries (in the order it first kept them) that failed: what its
 * `query_related_daily` pairs are made of. Erasure reads the same from a stored segment.
 */
export const firstUnanswered = (queries: readonly (readonly [string, boolean])[]): string[] =>
  queries
    .filter(([, f]) => f)
    .slice(0, 10)
    .map(([q]) => q)

/** +1 / −1 per ordered pair of distinct queries that appears in `after` and not `before`, or the reverse. */
export function pairChanges(before: readonly string[], after: readonly string[]): Map<string, number> {
  const out = new Map<string, number>()
  const add = (list: readonly string[], sign: number) => {
    for (const a of list) for (const b of list) if (a !== b) out.set(a + '\u0000' + b, (out.get(a + '\u0000' + b) ?? 0) + sign)
  }
  add(before, -1)
  add(after, 1)
  for (const [k, v] of out) if (v === 0) out.delete(k)
  return out
}

/**
 * The breakdown row and counters of a session with contribution `c` (`zero`: one of its searches
 * found nothing); none before it asked for help. Erasure subtracts the same from a stored segment.
 */
export function breakdown(
  s: { site: string; day: number; where: Where | undefined },
  c: Contribution,
  zero: boolean,
): { key: SqlValue[]; counters: Counters } | undefined {
  if (!s.where) return undefined
  return {
    key: [s.site, s.day, s.where[1], s.where[2]],
    counters: {
      help_sessions: c.help_sessions,
      deflected: c.deflected_explicit + c.deflected_implicit,
      contacted_help: c.contacted_help,
      contact_sessions: c.contact_sessions,
      zero_result_sessions: c.help_sessions && zero ? 1 : 0,
    },
  }
}
