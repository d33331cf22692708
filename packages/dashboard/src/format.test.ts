import { describe, expect, it } from 'vitest'
import { formatCount, formatDay, formatShortDay, formatMoney, formatPercent, formatRatio, lastDays, periodChange, rangeError } from './format.ts'

describe('formatting', () => {
  it('shows counts with thousands separators, rates as percents and ratios with one decimal', () => {
    expect(formatCount(12345)).toBe('12,345')
    expect(formatPercent(0.4234)).toBe('42.3%')
    expect(formatPercent(null)).toBe('–')
    expect(formatRatio(4.25)).toBe('4.3')
    expect(formatRatio(null)).toBe('–')
    expect(formatMoney(1234.5)).toBe('$1,235')
    expect(formatMoney(10, 'EUR')).toBe('€10')
  })

  it('shows API timestamps as a day and keeps text it cannot parse', () => {
    expect(formatDay('2026-11-20T23:30:00Z')).toBe('Nov 20, 2026')
    expect(formatDay('2026-11-20')).toBe('Nov 20, 2026')
    expect(formatDay('yesterday')).toBe('yesterday')
    expect(formatDay('')).toBe('–')
    expect(formatShortDay('2026-11-20')).toBe('Nov 20')
  })
})

describe('periodChange', () => {
  it('gives counts a relative change, good when it goes the wanted way', () => {
    expect(periodChange(120, 100, 'count', 'up')).toMatchObject({ direction: 'up', good: true, text: '20.0%' })
    expect(periodChange(120, 100, 'count', 'down')).toMatchObject({ direction: 'up', good: false, text: '20.0%' })
    expect(periodChange(75, 100, 'money', 'up')).toMatchObject({ direction: 'down', good: false, text: '25.0%' })
  })

  it('gives rates a change in percentage points', () => {
    expect(periodChange(0.44, 0.4, 'rate', 'up')).toMatchObject({ direction: 'up', good: true, text: '4.0 pts' })
    expect(periodChange(0.1, 0.15, 'rate', 'down')).toMatchObject({ direction: 'down', good: true, text: '5.0 pts' })
  })

  it('says so in words, not only with an arrow', () => {
    expect(periodChange(80, 100, 'count', 'down').label).toBe('down 20.0% from the previous period (better)')
  })

  it('has no relative change from zero and no change without data', () => {
    expect(periodChange(5, 0, 'count', 'up')).toMatchObject({ direction: 'none', good: null, text: 'new' })
    expect(periodChange(0, 0, 'count', 'up')).toMatchObject({ direction: 'flat', good: null })
    expect(periodChange(4, null, 'ratio', 'up')).toMatchObject({ direction: 'none', good: null })
    expect(periodChange(0.5, 0.5, 'rate', 'up')).toMatchObject({ direction: 'flat', text: '0.0 pts' })
  })
})

describe('date ranges', () => {
  it('counts the last N days including today', () => {
    expect(lastDays(7, new Date('2026-11-22T12:00:00Z'))).toEqual({ from: '2026-11-16', to: '2026-11-22' })
    expect(lastDays(1, new Date('2026-11-22T12:00:00Z'))).toEqual({ from: '2026-11-22', to: '2026-11-22' })
  })

  it('names the field of a bad custom range', () => {
    expect(rangeError('2026-11-01', '2026-11-30')).toBeNull()
    expect(rangeError('', '2026-11-30')).toBe('"From" must be a date (YYYY-MM-DD), got ""')
    expect(rangeError('2026-11-01', 'soon')).toBe('"To" must be a date (YYYY-MM-DD), got "soon"')
    expect(rangeError('2026-12-01', '2026-11-30')).toBe('"From" (2026-12-01) is after "To" (2026-11-30)')
  })
})
