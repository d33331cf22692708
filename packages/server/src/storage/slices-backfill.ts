import { normalizeQuery, type SignpostEvent } from '@signpost/core'
import { type Aggregates, bump, upsertCounters } from './aggregates.ts'
import { DAY_MS } from './rollup.ts'
import type { SegmentRow } from './schema.ts'
import { contribution, reasonKey, type StoredPairs, storedSliceFacts } from './session-share.ts'
import { articleTally, countClick, countReason, emptyTallies, queryTally, REASON_SLICE, SLICE_TABLES, type SliceTable, sliceShare, storeTallies, type Tallies } from './slices.ts'
import type { SqlDb } from './sql.ts'

/** A session row with its key. */
type KeyedSegment = SegmentRow & { site: string; sid: string }

/**
 * Fills the slice tables once, after the migration that made them (it leaves a row in
 * `slices_backfill`): every session segment still stored gets its per-event counts from its raw
 * events and adds its share, as if the rollup had counted it so from the start. Segments are
 * purged with their raw events, so the slices begin `retentionDays` before the upgrade; older days
 * keep their whole-site figures only. Returns the segments counted.
 */
export async function backfillSlices(db: SqlDb): Promise<number> {
  return db.transaction(async (tx) => {
    // Claiming the row: a second instance starting at once finds it gone and does nothing.
    if ((await tx.run('DELETE FROM slices_backfill')) === 0) return 0
    return eachDay(tx, (pairs, mine) => {
      pairs.n = storeTallies(talliesOf(mine, pairs))
      return true
    })
  })
}

/**
 * Fills `slice_feedback_reasons` once, after migration 8 (its row in `reason_slices_backfill`),
 * as `backfillSlices` fills the others: each segment counted in the slices before reasons were
 * split gets its reasons from its raw events. Returns the segments counted.
 */
export async function backfillReasonSlices(db: SqlDb): Promise<number> {
  return db.transaction(async (tx) => {
    if ((await tx.run('DELETE FROM reason_slices_backfill')) === 0) return 0
    return eachDay(
      tx,
      (pairs, mine) => {
        // Without `n` it is in no slice; with `r` it was counted live (or by `backfillSlices`).
        if (!pairs.n || pairs.n.r) return false
        pairs.n.r = storeTallies(talliesOf(mine, pairs)).r
        return true
      },
      [REASON_SLICE.table],
    )
  })
}

/**
 * A day of stored segments (by when they ended) at a time, with the raw events they span: `fill`
 * completes a segment's stored counts (false: leave it), then its share of `tables` is added.
 */
async function eachDay(
  tx: SqlDb,
  fill: (pairs: StoredPairs, events: SignpostEvent[]) => boolean,
  tables: readonly SliceTable[] = [...(Object.keys(SLICE_TABLES) as SliceTable[]), REASON_SLICE.table],
): Promise<number> {
  const bounds = await tx.all<{ lo: number | null; hi: number | null }>('SELECT MIN(last_ts) AS lo, MAX(last_ts) AS hi FROM sessions')
  const lo = bounds[0]?.lo
  const hi = bounds[0]?.hi
  if (lo === null || lo === undefined || hi === null || hi === undefined) return 0
  let counted = 0
  for (let from = Number(lo); from <= Number(hi); from += DAY_MS) {
    const segments = (await tx.all<KeyedSegment>('SELECT * FROM sessions WHERE last_ts >= ? AND last_ts < ? ORDER BY site, sid, seg', [from, from + DAY_MS])).map((r) => ({
      ...r,
      seg: Number(r.seg),
      start_ts: Number(r.start_ts),
      last_ts: Number(r.last_ts),
      day: Number(r.day),
    }))
    if (segments.length === 0) continue
    const start = Math.min(...segments.map((s) => s.start_ts))
    const events = new Map<string, SignpostEvent[]>()
    for (const r of await tx.all<{ data: string }>('SELECT data FROM events WHERE ts >= ? AND ts < ? ORDER BY ts, id', [start, from + DAY_MS])) {
      const e = JSON.parse(r.data) as SignpostEvent
      const key = e.site + '\u0000' + e.session
      const list = events.get(key)
      if (list) list.push(e)
      else events.set(key, [e])
    }
    const rows = new Map<string, Aggregates>(tables.map((t) => [t, new Map()]))
    for (const s of segments) {
      const pairs = JSON.parse(s.pairs) as StoredPairs
      const mine = (events.get(s.site + '\u0000' + s.sid) ?? []).filter((e) => e.ts >= s.start_ts && e.ts <= s.last_ts)
      if (!fill(pairs, mine)) continue
      await tx.run('UPDATE sessions SET pairs = ? WHERE site = ? AND sid = ? AND seg = ?', [JSON.stringify(pairs), s.site, s.sid, s.seg])
      const c = contribution({ searched: !!Number(s.searched), viewed: !!Number(s.viewed), votedYes: !!Number(s.voted_yes), contacted: !!Number(s.contacted) })
      for (const r of sliceShare(storedSliceFacts(s.site, s.day, c, pairs))) {
        const table = rows.get(r.table)
        if (!table) continue
        // A reason row's `last_seen` is a maximum, not a count.
        const { last_seen: last, ...counts } = r.counters
        const row = bump(table, r.key, counts)
        if (last !== undefined) row['last_seen'] = Math.max(row['last_seen'] ?? 0, last)
      }
      counted++
    }
    for (const [table, { keys, counters }] of Object.entries(SLICE_TABLES)) if (rows.has(table)) await upsertCounters(tx, table, keys, counters, rows.get(table)!)
    const reasons = rows.get(REASON_SLICE.table)
    if (reasons) {
      const greatest = tx.dialect === 'postgres' ? 'GREATEST' : 'MAX'
      await upsertCounters(tx, REASON_SLICE.table, REASON_SLICE.keys, [...REASON_SLICE.counters, 'last_seen'], reasons, {
        last_seen: `${greatest}(${REASON_SLICE.table}.last_seen, excluded.last_seen)`,
      })
    }
  }
  return counted
}

/**
 * A segment's per-event counts from its raw events, as `Rollup.add` keeps them: a query's counts
 * only where the segment kept the query's pair, its clicked searches as erasure reads them
 * (searches with results, less those still unanswered).
 */
function talliesOf(events: readonly SignpostEvent[], pairs: StoredPairs): Tallies {
  const t = emptyTallies()
  const kept = new Set(pairs.q.map(([query]) => query))
  for (const e of events) {
    if (e.type === 'search') {
      const zero = e.results === 0 ? 1 : 0
      t.searches++
      t.zero += zero
      const q = normalizeQuery(e.query)
      const tally = kept.has(q) ? queryTally(t, q) : undefined
      if (tally) {
        tally.searches++
        tally.zero += zero
      }
    } else if (e.type === 'view') {
      t.views++
      const tally = articleTally(t, e.article)
      if (tally) tally.views++
    } else if (e.type === 'feedback') {
      if (e.reason) countReason(t, e.article, reasonKey(e.reason), e.helpful, e.ts)
      if (e.followUp) continue
      const tally = articleTally(t, e.article)
      if (e.helpful) t.yes++
      else t.no++
      if (tally && e.helpful) tally.yes++
      else if (tally) tally.no++
    } else if (e.type === 'click') {
      const q = normalizeQuery(e.query)
      if (q) countClick(t, q, e.article)
    }
  }
  for (const [query, , pending, , , , overflow] of pairs.q) {
    const tally = t.queries.get(query)
    if (!tally) continue
    tally.clicked = Math.max(0, tally.searches - tally.zero - pending - (overflow ?? 0))
    t.clicked += tally.clicked
  }
  return t
}
