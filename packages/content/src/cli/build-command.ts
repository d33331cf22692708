import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { buildContent } from '../build.ts'
import type { SemanticMode } from '../semantic/semantic-output.ts'
import { type CliIO, count, formatBytes, UsageError } from './io.ts'
import { printDiagnostics } from './report-diagnostics.ts'

export async function buildCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    // `--semantic` is a flag that may carry `=local`.
    args: args.map((a) => (a === '--semantic' ? '--semantic=remote' : a)),
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'dist/kb' },
      'default-locale': { type: 'string', default: 'en' },
      drafts: { type: 'boolean', default: false },
      learned: { type: 'string' },
      strict: { type: 'boolean' },
      semantic: { type: 'string' },
    },
  })
  const semantic = semanticMode(values.semantic)
  const root = resolve(io.cwd, positionals[0] ?? 'content')
  const out = resolve(io.cwd, values.out)
  const started = performance.now()
  const result = await buildContent({
    root,
    defaultLocale: values['default-locale'],
    drafts: values.drafts,
    learned: values.learned === undefined ? undefined : resolve(io.cwd, values.learned),
    strict: values.strict,
    out,
    semantic,
    onProgress: io.interactive ? (line) => io.stderr.write(`signpost build: ${line}\r`) : undefined,
  })
  printDiagnostics(result.diagnostics, root, io, { maxWarnings: 20 })
  if (result.errors > 0) {
    io.stderr.write(`signpost build: ${count(result.errors, 'error')}; nothing written\n`)
    return 1
  }
  if (result.keywordOnly) io.stderr.write(`signpost build: --semantic: no model for ${result.keywordOnly.join(', ')}; keyword search only there\n`)
  let bytes = 0
  for (const data of result.files.values()) bytes += Buffer.byteLength(data)
  // What a browser fetches before its first result: the manifest and the default locale's primary index.
  const primary = result.manifest.locales.find((l) => l.locale === result.manifest.defaultLocale)?.primaryIndex
  const gzip = (name: string | undefined) => (name ? gzipSync(result.files.get(name) ?? '', { level: 6 }).length : 0)
  const firstResult = gzip('manifest.json') + gzip(primary)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const locales = result.manifest.locales.map((l) => l.locale)
  io.stdout.write(
    `signpost build: ${count(result.manifest.articles.length, 'article')}, ${count(locales.length, 'locale')} (${locales.join(', ')}), ` +
      `${count(result.warnings, 'warning')}, ${formatBytes(bytes)} (${formatBytes(firstResult)} gzip before the first result) in ${seconds} s → ${out}\n`,
  )
  const audiences = Object.entries(result.audiences).map(([name, m]) => `${name} (${count(m.articles.length, 'article')})`)
  if (audiences.length > 0) {
    io.stdout.write(`signpost build: audiences ${audiences.join(', ')} → ${join(out, 'audiences')}; serve that folder only to those readers\n`)
  }
  return 0
}

/** `--semantic` alone or `--semantic=local`. */
function semanticMode(value: string | undefined): SemanticMode {
  if (value === undefined) return false
  if (value === '' || value === 'remote') return true
  if (value === 'local') return 'local'
  throw new UsageError(`--semantic takes no value or "local", not "${value}"`)
}
