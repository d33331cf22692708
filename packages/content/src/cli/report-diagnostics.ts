import { relative, join } from 'node:path'
import { type Diagnostic, formatDiagnostic } from '../diagnostics.ts'
import type { CliIO } from './io.ts'

/** One diagnostic compiler-style, its path relative to the working directory. */
export function diagnosticLine(d: Diagnostic, root: string, io: Pick<CliIO, 'cwd'>): string {
  const prefix = relative(io.cwd, root)
  return formatDiagnostic({ ...d, file: prefix ? join(prefix, d.file) : d.file })
}

/** Prints diagnostics compiler-style with paths relative to the working directory. */
export function printDiagnostics(list: Diagnostic[], root: string, io: CliIO, options: { maxWarnings?: number } = {}): void {
  const prefix = relative(io.cwd, root)
  const shown = (d: Diagnostic) => formatDiagnostic({ ...d, file: prefix ? join(prefix, d.file) : d.file })
  let warnings = 0
  for (const d of list) {
    if (d.severity === 'warning' && options.maxWarnings !== undefined && ++warnings > options.maxWarnings) continue
    io.stderr.write(`${shown(d)}\n`)
  }
  const hidden = warnings - (options.maxWarnings ?? warnings)
  if (hidden > 0) {
    const byCode = new Map<string, number>()
    for (const d of list) if (d.severity === 'warning') byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1)
    const counts = [...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${n} ${c}`).join(', ')
    io.stderr.write(`… ${hidden} more warnings (${counts}); \`signpost check\` lists them all\n`)
  }
}
