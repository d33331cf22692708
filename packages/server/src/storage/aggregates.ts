import type { SqlDb, SqlValue } from './sql.ts'

// Counter deltas kept in memory and added to the rollup tables in a few statements.

export type Counters = Record<string, number>

/** Counter deltas by row key; the map key is the row key joined by NUL (stripped from all input). */
export type Aggregates = Map<string, { key: SqlValue[]; counters: Counters }>

/** Adds `values` to the row `key` of `map`; returns the row's counters. */
export function bump(map: Aggregates, key: SqlValue[], values: Counters): Counters {
  const k = key.join('\u0000')
  let row = map.get(k)
  if (!row) {
    row = { key, counters: {} }
    map.set(k, row)
  }
  add(row.counters, values)
  return row.counters
}

export function add(target: Counters, values: Counters): void {
  for (const k in values) target[k] = (target[k] ?? 0) + values[k]!
}

export function negate(c: Counters): Counters {
  const out: Counters = {}
  for (const k in c) out[k] = -c[k]!
  return out
}

/** Adds counter deltas to an aggregate table (`special`: a column's own update expression). */
export async function upsertCounters(
  db: SqlDb,
  table: string,
  keyCols: readonly string[],
  cols: readonly string[],
  rows: Aggregates,
  special: Record<string, string> = {},
): Promise<void> {
  const values: SqlValue[][] = []
  for (const [, { key, counters }] of sortedEntries(rows)) {
    if (!cols.some((c) => (counters[c] ?? 0) !== 0)) continue
    values.push([...key, ...cols.map((c) => counters[c] ?? 0)])
  }
  const sets = Object.fromEntries(cols.map((c) => [c, special[c] ?? `${table}.${c} + excluded.${c}`]))
  await upsertRows(db, table, keyCols, cols, values, sets)
}

/** Deletes the rows of `rows` that a negative delta may have brought to zero in every counter. */
export async function deleteEmptied(db: SqlDb, table: string, keyCols: readonly string[], cols: readonly string[], rows: Aggregates): Promise<void> {
  const emptied = [...sortedEntries(rows)].filter(([, r]) => Object.values(r.counters).some((v) => v < 0)).map(([, r]) => r.key)
  const match = `(${keyCols.map((c) => `${c} = ?`).join(' AND ')})`
  for (let i = 0; i < emptied.length; i += 100) {
    const chunk = emptied.slice(i, i + 100)
    await db.run(`DELETE FROM ${table} WHERE ${cols.map((c) => `${c} = 0`).join(' AND ')} AND (${chunk.map(() => match).join(' OR ')})`, chunk.flat())
  }
}

/** Map entries in key order: every instance then touches rows in the same order (no deadlocks). */
export function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
}

const ROWS_PER_STATEMENT = 200

const statements = new Map<string, string>()

/** The statement text for `rows` rows of this shape, built once: a flush runs the same few shapes. */
function upsertSql(table: string, keyCols: readonly string[], valueCols: readonly string[], sets: Record<string, string>, rows: number): string {
  // Per statement, not per event: the key costs little and cannot mix up two shapes of one table.
  const key = JSON.stringify([table, keyCols, valueCols, sets, rows])
  let sql = statements.get(key)
  if (!sql) {
    const cols = [...keyCols, ...valueCols]
    const tuple = `(${cols.map(() => '?').join(', ')})`
    const update = Object.entries(sets)
      .map(([c, expr]) => `${c} = ${expr}`)
      .join(', ')
    sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}
       ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${update}`
    statements.set(key, sql)
  }
  return sql
}

/** `INSERT … VALUES (…), (…) ON CONFLICT (keys) DO UPDATE SET col = <expr>`, in chunks. */
export async function upsertRows(
  db: SqlDb,
  table: string,
  keyCols: readonly string[],
  valueCols: readonly string[],
  rows: readonly SqlValue[][],
  sets: Record<string, string>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    await db.run(
      upsertSql(table, keyCols, valueCols, sets, chunk.length),
      chunk.flat(),
    )
  }
}
