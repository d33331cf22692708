// What the rollup tables and the session rows hold, named once for the rollup, erasure and the
// route/locale splits.

/** The counter columns of each rollup table (erasure.ts subtracts the same ones). */
export const DAILY_COLUMNS = [
  'sessions',
  'help_sessions',
  'deflected_explicit',
  'deflected_implicit',
  'contacted_help',
  'contact_sessions',
  'searches',
  'zero_results',
  'nonzero_searches',
  'clicked_searches',
  'views',
  'repeat_contact_sessions',
] as const
export const BREAKDOWN_COLUMNS = ['help_sessions', 'deflected', 'contacted_help', 'contact_sessions', 'zero_result_sessions'] as const
export const QUERY_COUNTERS = ['searches', 'zero_results', 'nonzero_searches', 'clicked_searches', 'sessions', 'failed_sessions', 'contacts'] as const
/** A query's counters and when it was last seen (a maximum, not a sum). */
export const QUERY_COLUMNS = [...QUERY_COUNTERS, 'last_seen'] as const
export const ARTICLE_COLUMNS = ['views', 'view_sessions', 'helpful_yes', 'helpful_no', 'contact_after_view', 'tickets_after_view'] as const

/** A stored session segment (`sessions`), as erasure and the slice backfill read it. */
export interface SegmentRow {
  seg: number
  start_ts: number
  last_ts: number
  day: number
  searched: number
  viewed: number
  voted_yes: number
  contacted: number
  pairs: string
}
