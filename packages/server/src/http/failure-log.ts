/**
 * One log line per kind of failure per interval. A full disk fails every request the same way:
 * a stack trace per request buries the first, useful line under thousands of copies.
 *
 * @example
 * const log = createFailureLog()
 * log.report('ingest', error) // "signpost server: ingest failed: SQLITE_FULL: database or disk is full"
 */
export interface FailureLog {
  /** Logs `error` under `kind` unless that kind was logged less than an interval ago (then counts it). */
  report(kind: string, error: unknown): void
}

export interface FailureLogOptions {
  /** Default 60,000 ms. */
  intervalMs?: number
  /** Default `console.error`. */
  write?: (line: string) => void
  now?: () => number
}

export function createFailureLog(options: FailureLogOptions = {}): FailureLog {
  const intervalMs = options.intervalMs ?? 60_000
  const write = options.write ?? ((line: string) => console.error(line))
  const now = options.now ?? Date.now
  const kinds = new Map<string, { at: number; suppressed: number }>()
  return {
    report(kind, error) {
      const t = now()
      const seen = kinds.get(kind)
      if (seen && t - seen.at < intervalMs) {
        seen.suppressed++
        return
      }
      const more = seen && seen.suppressed > 0 ? ` (${seen.suppressed} more since the last line)` : ''
      kinds.set(kind, { at: t, suppressed: 0 })
      write(`signpost server: ${kind} failed: ${describe(error)}${more}`)
    },
  }
}

/** The error on one line: its code or name, its message, and where it was thrown (the stack's first frame). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n', 1)[0]!
  const code = (error as NodeJS.ErrnoException).code
  const frame = /\n\s+(at .*)/.exec(error.stack ?? '')?.[1]
  return `${code ?? error.name}: ${error.message.split('\n', 1)[0]}${frame ? ` (${frame.trim()})` : ''}`
}
