import { relative, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { Synonyms } from '@signpost/core'
import { type ContentResult, loadContent } from '../build.ts'
import { type LearnedIndex, learnedSynonyms } from '../learned/learned-terms.ts'
import { readViews, type StaleArticle, staleArticles, todayUtc } from '../upkeep/stale.ts'
import { type CliIO, count, UsageError } from './io.ts'
import { printDiagnostics } from './report-diagnostics.ts'

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      'default-locale': { type: 'string', default: 'en' },
      learned: { type: 'string' },
      strict: { type: 'boolean' },
      stale: { type: 'boolean', default: false },
      today: { type: 'string' },
      views: { type: 'string' },
    },
  })
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`)
  if (values.today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(values.today))))
    throw new UsageError(`--today must be a date like 2026-01-31, not "${values.today}"`)
  if (!values.stale && (values.today !== undefined || values.views !== undefined)) throw new UsageError('--today and --views go with --stale')
  const root = resolve(io.cwd, positionals[0] ?? 'content')
  const views = values.views === undefined ? undefined : readViews(resolve(io.cwd, values.views))
  const learnedPath = values.learned === undefined ? undefined : resolve(io.cwd, values.learned)
  const result = await loadContent({ root, defaultLocale: values['default-locale'], drafts: true, countWords: false, strict: values.strict, learned: learnedPath })

  if (values.stale) {
    const today = values.today ?? todayUtc()
    const stale = staleArticles(result.articles, today, views)
    if (values.format === 'json') io.stdout.write(`${JSON.stringify({ today, stale, errors: result.errors }, null, 2)}\n`)
    else printStale(stale, today, result.articles.length, root, io)
    return result.errors > 0 || (values.strict && stale.length > 0) ? 1 : 0
  }
  const learned = learnedQueries(result.learned)
  const synonyms = learnedSynonymsOf(result)
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ errors: result.errors, warnings: result.warnings, diagnostics: result.diagnostics, ...(learned.length ? { learned, learnedSynonyms: synonyms } : {}) }, null, 2)}\n`)
  } else {
    printDiagnostics(result.diagnostics, root, io)
    printLearned(learned, synonyms, io)
    io.stdout.write(`signpost check: ${count(result.articles.length, 'article')}, ${count(result.errors, 'error')}, ${count(result.warnings, 'warning')}\n`)
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

/** `content/billing/refunds.md:6:1: review-by 2026-09-01, 96 days overdue, owner @kim, 1204 views` */
function printStale(stale: StaleArticle[], today: string, total: number, root: string, io: CliIO): void {
  const prefix = relative(io.cwd, root)
  for (const s of stale) {
    const where = `${prefix ? join(prefix, s.file) : s.file}:${s.line}:1`
    const views = s.views === null ? '' : `, ${count(s.views, 'view')}`
    io.stdout.write(`${where}: review-by ${s.reviewBy}, ${count(s.daysOverdue, 'day')} overdue, ${s.owner ? `owner ${s.owner}` : 'no owner'}${views}\n`)
  }
  io.stdout.write(`signpost check --stale: ${stale.length} of ${total} articles overdue for review on ${today}\n`)
}
