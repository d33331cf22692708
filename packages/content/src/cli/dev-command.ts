import { resolve, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { startPreviewServer } from '../dev/preview-server.ts'
import { watchContent } from '../dev/watch.ts'
import { findWidgetBundle } from '../dev/widget-bundle.ts'
import { type CliIO, count, UsageError } from './io.ts'
import { diagnosticLine, printDiagnostics } from './report-diagnostics.ts'

export interface DevCommandOptions {
  /** Folder of the widget's CDN bundle for the preview; default: the installed `@signpost/widget`'s. */
  widget?: string
}

export async function devCommand(args: string[], io: CliIO, stop: Promise<void> = waitForSignal(), options: DevCommandOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'dist/kb' },
      port: { type: 'string', default: '4321' },
      'no-serve': { type: 'boolean', default: false },
      'default-locale': { type: 'string', default: 'en' },
    },
  })
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`)
  const root = resolve(io.cwd, positionals[0] ?? 'content')
  const out = resolve(io.cwd, values.out)
  const widget = options.widget ?? findWidgetBundle()
  const preview = values['no-serve'] ? undefined : await startPreviewServer(out, port, { widget })
  if (preview && !widget) io.stderr.write('signpost dev: the widget bundle was not found (in the Signpost repository: npm run build -w @signpost/widget); previewing articles only\n')
  const watcher = await watchContent({
    root,
    out,
    defaultLocale: values['default-locale'],
    onBuild: ({ changed, rendered, result, ms, written }) => {
      printDiagnostics(result.diagnostics.filter((d) => d.severity === 'error' || changed.length === 0 || changed.includes(d.file)), root, io, { maxWarnings: 20 })
      const what =
        changed.length === 0
          ? `built ${count(result.manifest.articles.length, 'article')}`
          : `${changed.join(', ')} changed: re-rendered ${count(rendered.length, 'article')}${rendered.length > 0 && rendered.length <= 5 ? ` (${rendered.join(', ')})` : ''}`
      const status = written ? `${result.warnings} warnings` : `${result.errors} errors, output not updated`
      io.stdout.write(`signpost dev: ${what} in ${Math.round(ms)} ms; ${status}\n`)
      if (written) preview?.reload()
      const ordered = [...result.diagnostics].sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'))
      preview?.report({ errors: result.errors, warnings: result.warnings, lines: ordered.map((d) => diagnosticLine(d, root, io)) })
    },
  })
  io.stdout.write(`signpost dev: watching ${relative(io.cwd, root) || '.'}${preview ? `, preview at ${preview.url}` : ''}\n`)
  await stop
  watcher.close()
  preview?.server.close()
  return 0
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}
