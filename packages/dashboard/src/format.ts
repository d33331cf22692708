/**
 * Number, date and period-change formatting for the dashboard. Pure functions: no DOM, so vitest
 * covers them and the cards, tables and charts cannot disagree.
 */

const counts = new Intl.NumberFormat('en', { maximumFractionDigits: 0 })
const ratio = new Intl.NumberFormat('en', { maximumFractionDigits: 1, minimumFractionDigits: 1 })

/** `1234` → `1,234`. */
export function formatCount(n: number): string {
  return counts.format(n)
}

/** A rate in 0..1 → `42.5%`; `null` (no data) → `–`. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '–'
  return `${ratio.format(rate * 100)}%`
}

/** Self-service score (help sessions per contact) → `4.2`; no contacts → `–`. */
export function formatRatio(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–'
  return ratio.format(n)
}

/** `1234.5` → `$1,235` in the given ISO currency. */
export function formatMoney(n: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(n)
}

/** How a metric's value is shown and compared with the previous period. */
export type MetricKind = 'count' | 'rate' | 'ratio' | 'money'

/** Which direction of change is good news for a metric. */
export type GoodWhen = 'up' | 'down'

/** A metric's change against the previous period, ready for a card. */
export interface Change {
  direction: 'up' | 'down' | 'flat' | 'none'
  /** true when the change is good news, false when bad, null when flat or not comparable. */
  good: boolean | null
  /** Short text beside the arrow: `12.5%` (relative, counts) or `3.1 pts` (rates). */
  text: string
  /** The whole sentence for screen readers and tooltips. */
  label: string
}

/**
 * Compares `current` with `previous`. Counts, ratios and money change by a relative percent;
 * rates (already percents) by percentage points, so 40% → 44% reads "+4.0 pts", not "+10%".
 * A previous value of 0 (or none) has no relative change: `direction: 'none'`.
 */
export function periodChange(current: number | null, previous: number | null, kind: MetricKind, goodWhen: GoodWhen): Change {
  if (current === null || previous === null || !Number.isFinite(current) || !Number.isFinite(previous)) {
    return { direction: 'none', good: null, text: 'no previous data', label: 'no data for the previous period' }
  }
  let delta: number
  let text: string
  if (kind === 'rate') {
    delta = (current - previous) * 100
    text = `${ratio.format(Math.abs(delta))} pts`
  } else {
    if (previous === 0) {
      return current === 0
        ? { direction: 'flat', good: null, text: '0%', label: 'unchanged from the previous period' }
        : { direction: 'none', good: null, text: 'new', label: 'none in the previous period' }
    }
    delta = ((current - previous) / Math.abs(previous)) * 100
    text = `${ratio.format(Math.abs(delta))}%`
  }
  if (Math.abs(delta) < 0.05) {
    return { direction: 'flat', good: null, text: kind === 'rate' ? '0.0 pts' : '0%', label: 'unchanged from the previous period' }
  }
  const direction = delta > 0 ? 'up' : 'down'
  const good = direction === goodWhen
  return { direction, good, text, label: `${direction} ${text} from the previous period (${good ? 'better' : 'worse'})` }
}

/** A date as `YYYY-MM-DD` (UTC), the form the reports API takes. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** The last `days` days ending today (inclusive), as the API's `from` and `to`. */
export function lastDays(days: number, today: Date = new Date()): { from: string; to: string } {
  const from = new Date(today.getTime() - (days - 1) * 86_400_000)
  return { from: isoDay(from), to: isoDay(today) }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Why a custom range is unusable, naming the field, or null when it is fine. */
export function rangeError(from: string, to: string): string | null {
  if (!DAY.test(from) || Number.isNaN(Date.parse(from))) return `"From" must be a date (YYYY-MM-DD), got "${from}"`
  if (!DAY.test(to) || Number.isNaN(Date.parse(to))) return `"To" must be a date (YYYY-MM-DD), got "${to}"`
  if (from > to) return `"From" (${from}) is after "To" (${to})`
  return null
}

/** `2026-11-20T10:00:00Z` or epoch ms → `Nov 20, 2026`; unparsable input is shown as given. */
export function formatDay(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–'
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return String(value)
  return d.toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
}

/** `2026-11-20` → `Nov 20`, for chart axes. */
export function formatShortDay(value: string): string {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? value : d.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' })
}
