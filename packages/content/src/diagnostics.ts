/** Errors and warnings about content, each naming its file and line like a compiler does. */

export type Severity = 'error' | 'warning'

export interface Diagnostic {
  /** Path relative to the content root, with forward slashes. */
  file: string
  line: number
  col: number
  severity: Severity
  /** Stable kebab-case code for tooling: `missing-title`, `broken-link`, … */
  code: string
  message: string
}

/** `content/billing/refunds.md:3:1: error: missing title (missing-title)` */
export function formatDiagnostic(d: Diagnostic, prefix = ''): string {
  return `${prefix}${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message} [${d.code}]`
}

/** Collects diagnostics for one file, so call sites only say what went wrong and where. */
export class FileDiagnostics {
  readonly list: Diagnostic[] = []
  readonly file: string

  constructor(file: string) {
    this.file = file
  }

  error(line: number, col: number, code: string, message: string): void {
    this.list.push({ file: this.file, line, col, severity: 'error', code, message })
  }

  warn(line: number, col: number, code: string, message: string): void {
    this.list.push({ file: this.file, line, col, severity: 'warning', code, message })
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col))
}
