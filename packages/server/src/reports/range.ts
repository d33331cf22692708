import { DAY_MS, dayOf } from '../storage/rollup.ts'
import type { DayRange } from './queries.ts'

/** Bad `from`/`to`/`since`; the message names the parameter. */
export class RangeError_ extends Error {
  override name = 'RangeError'
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function parseDay(name: string, value: string): number {
  // Date.parse rolls 2024-02-30 over to March 1st: only a date that prints back the same exists.
  const ms = DATE.test(value) ? Date.parse(value + 'T00:00:00Z') : Number.NaN
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value)
    throw new RangeError_(`${name}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value.slice(0, 40))}`)
  return dayOf(Date.parse(value + 'T00:00:00Z'))
}

/** `7d` → 7. */
export function parseSince(value: string): number {
  const m = /^(\d{1,4})d$/.exec(value)
  if (!m || Number(m[1]) < 1) throw new RangeError_(`since: expected a number of days such as "7d", got ${JSON.stringify(value.slice(0, 40))}`)
  return Number(m[1])
}

/**
 * The report range, inclusive UTC days: `from`/`to` as YYYY-MM-DD, or `since=7d` (the last 7 days
 * including today); default the last 7 days.
 */
export function parseRange(params: { from?: string | undefined; to?: string | undefined; since?: string | undefined }, now = Date.now()): DayRange {
  const today = dayOf(now)
  const to = params.to ? parseDay('to', params.to) : today
  let from: number
  if (params.from) from = parseDay('from', params.from)
  else from = to - (params.since ? parseSince(params.since) : 7) + 1
  if (from > to) throw new RangeError_(`from: ${params.from} is after to: ${new Date(to * DAY_MS).toISOString().slice(0, 10)}`)
  if (to - from > 3660) throw new RangeError_('from: a range is at most ten years')
  return { from, to }
}
