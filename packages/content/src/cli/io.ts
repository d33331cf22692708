/** Where a command writes: injectable so tests call `runCli` and read what it printed. */
export interface CliIO {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  cwd: string
  /** True when stdout is a terminal: progress lines and colours only then. */
  interactive?: boolean
}

/** Bad command-line input: prints the message and usage, exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export const processIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  interactive: Boolean(process.stderr.isTTY),
})

/** `count(1, 'article')` → "1 article", `count(2, 'article')` → "2 articles". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
