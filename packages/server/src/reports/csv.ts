/** Rows of flat or nested objects as CSV (RFC 4180); nested keys become `parent.child` columns. */
export function toCsv(rows: readonly object[]): string {
  const flat = rows.map((r) => flatten(r as Record<string, unknown>))
  const columns: string[] = []
  for (const r of flat) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k)
  const lines = [columns.map(cell).join(',')]
  for (const r of flat) lines.push(columns.map((c) => cell(r[c])).join(','))
  return lines.join('\r\n') + '\r\n'
}

function flatten(o: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix + k
    if (Array.isArray(v)) out[key] = v.map((x) => (typeof x === 'object' && x ? Object.values(x).join(':') : String(x))).join('; ')
    else if (v && typeof v === 'object') flatten(v as Record<string, unknown>, key + '.', out)
    else out[key] = v
  }
  return out
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return ''
  let s = String(v)
  // A leading = + - @ would run as a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = "'" + s
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}
