import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { loadContent } from '../build.ts'
import { type CliIO, UsageError } from './io.ts'
import { printDiagnostics } from './report-diagnostics.ts'

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'default-locale': { type: 'string', default: 'en' },
      strict: { type: 'boolean' },
    },
  })
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`)
  const root = resolve(io.cwd, positionals[0] ?? 'content')
  const result = await loadContent({ root, defaultLocale: values['default-locale'], drafts: true, countWords: false, strict: values.strict })
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ errors: result.errors, warnings: result.warnings, diagnostics: result.diagnostics }, null, 2)}\n`)
  } else {
    printDiagnostics(result.diagnostics, root, io)
    io.stdout.write(`signpost check: ${result.articles.length} articles, ${result.errors} errors, ${result.warnings} warnings\n`)
  }
  return result.errors > 0 ? 1 : 0
}
