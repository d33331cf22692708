/** Table sorting shared by the content-gaps and articles tables. */

export type SortDirection = 'ascending' | 'descending'

/** A table's sort: the column key and its direction (the `aria-sort` values). */
export interface SortState<K extends string = string> {
  key: K
  direction: SortDirection
}

/**
 * The sort after a click on `key`'s header: the same column flips; a new column starts
 * descending for numbers (biggest problem first) and ascending for text.
 */
export function nextSort<K extends string>(current: SortState<K> | null, key: K, numeric: boolean): SortState<K> {
  if (current?.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
  return { key, direction: numeric ? 'descending' : 'ascending' }
}

/**
 * A sorted copy of `rows`. Stable, numbers numerically, text by locale; missing values
 * (null, undefined, NaN) always last, whichever the direction.
 */
export function sortRows<T>(rows: readonly T[], sort: SortState<Extract<keyof T, string>> | null): T[] {
  if (!sort) return [...rows]
  const sign = sort.direction === 'ascending' ? 1 : -1
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[sort.key] as unknown
      const y = b.row[sort.key] as unknown
      const xMissing = isMissing(x)
      const yMissing = isMissing(y)
      if (xMissing || yMissing) return xMissing === yMissing ? a.index - b.index : xMissing ? 1 : -1
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'en', { numeric: true })
      return order === 0 ? a.index - b.index : sign * order
    })
    .map(({ row }) => row)
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
}
