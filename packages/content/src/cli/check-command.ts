import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Synonyms } from '@signpost/core'
import { type ContentResult, loadContent } from '../build.ts'
import { type LearnedIndex, learnedSynonyms } from '../learned/learned-terms.ts'
import { type CliIO, UsageError } from './io.ts'
import { printDiagnostics } from './report-diagnostics.ts'

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'default-locale': { type: 'string', default: 'en' },
      learned: { type: 'string' },
    },
  })
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`)
  const root = resolve(io.cwd, positionals[0] ?? 'content')
  const learnedPath = values.learned === undefined ? undefined : resolve(io.cwd, values.learned)
  const result = await loadContent({ root, defaultLocale: values['default-locale'], drafts: true, countWords: false, learned: learnedPath })
  const learned = learnedQueries(result.learned)
  const synonyms = learnedSynonymsOf(result)
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ errors: result.errors, warnings: result.warnings, diagnostics: result.diagnostics, ...(learned.length ? { learned, learnedSynonyms: synonyms } : {}) }, null, 2)}\n`)
  } else {
    printDiagnostics(result.diagnostics, root, io)
    printLearned(learned, synonyms, io)
    io.stdout.write(`signpost check: ${result.articles.length} articles, ${result.errors} errors, ${result.warnings} warnings\n`)
  }
  return result.errors > 0 ? 1 : 0
}

interface LearnedListing {
  locale: string
  article: string
  queries: string[]
}

function learnedQueries(index: LearnedIndex | undefined): LearnedListing[] {
  const out: LearnedListing[] = []
  for (const [locale, articles] of index ?? []) {
    for (const [article, a] of [...articles].sort(([x], [y]) => (x < y ? -1 : 1))) {
      if (a.queries.length > 0) out.push({ locale, article, queries: a.queries.map((q) => q.query) })
    }
  }
  return out
}

/** Per locale, the customer words traffic showed to mean title words. */
function learnedSynonymsOf(result: ContentResult): Record<string, Synonyms> {
  const out: Record<string, Synonyms> = {}
  for (const [locale, articles] of result.learned ?? []) {
    const synonyms = learnedSynonyms(locale, articles, result.articles.filter((a) => a.locale === locale))
    if (Object.keys(synonyms).length > 0) out[locale] = synonyms
  }
  return out
}

/** What each article gained from traffic, so writers can promote the best queries to `keywords` or `synonyms`. */
function printLearned(list: LearnedListing[], synonyms: Record<string, Synonyms>, io: CliIO): void {
  if (list.length === 0) return
  io.stdout.write(`learned from traffic (promote the good ones to keywords or synonyms):\n`)
  for (const l of list) io.stdout.write(`  ${l.locale}:${l.article}: ${l.queries.map((q) => `"${q}"`).join(', ')}\n`)
  for (const [locale, map] of Object.entries(synonyms)) {
    for (const [word, targets] of Object.entries(map)) io.stdout.write(`  ${locale} synonym: ${word} → ${targets.join(', ')}\n`)
  }
}
