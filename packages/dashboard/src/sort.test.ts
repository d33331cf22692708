import { describe, expect, it } from 'vitest'
import { nextSort, sortRows } from './sort.ts'

const rows = [
  { query: 'refund', searches: 5, last: '2026-11-02' },
  { query: 'Invoice pdf', searches: 12, last: '2026-11-05' },
  { query: 'api key', searches: Number.NaN, last: '2026-11-01' },
  { query: 'export', searches: 5, last: '2026-11-03' },
]

describe('sortRows', () => {
  it('sorts numbers numerically, keeping ties in their original order', () => {
    expect(sortRows(rows, { key: 'searches', direction: 'descending' }).map((r) => r.query)).toEqual(['Invoice pdf', 'refund', 'export', 'api key'])
    expect(sortRows(rows, { key: 'searches', direction: 'ascending' }).map((r) => r.query)).toEqual(['refund', 'export', 'Invoice pdf', 'api key'])
  })

  it('sorts text case-insensitively and puts missing values last in both directions', () => {
    expect(sortRows(rows, { key: 'query', direction: 'ascending' }).map((r) => r.query)).toEqual(['api key', 'export', 'Invoice pdf', 'refund'])
    const withNull = [{ v: null }, { v: 2 }, { v: 1 }] as { v: number | null }[]
    expect(sortRows(withNull, { key: 'v', direction: 'ascending' }).map((r) => r.v)).toEqual([1, 2, null])
    expect(sortRows(withNull, { key: 'v', direction: 'descending' }).map((r) => r.v)).toEqual([2, 1, null])
  })

  it('leaves the server order without a sort and never changes the input', () => {
    const copy = [...rows]
    expect(sortRows(rows, null)).toEqual(rows)
    sortRows(rows, { key: 'last', direction: 'descending' })
    expect(rows).toEqual(copy)
  })
})

describe('nextSort', () => {
  it('starts numbers descending and text ascending, then flips the same column', () => {
    expect(nextSort(null, 'searches', true)).toEqual({ key: 'searches', direction: 'descending' })
    expect(nextSort(null, 'query', false)).toEqual({ key: 'query', direction: 'ascending' })
    expect(nextSort({ key: 'searches', direction: 'descending' }, 'searches', true)).toEqual({ key: 'searches', direction: 'ascending' })
    expect(nextSort({ key: 'searches', direction: 'ascending' }, 'query', false)).toEqual({ key: 'query', direction: 'ascending' })
  })
})
