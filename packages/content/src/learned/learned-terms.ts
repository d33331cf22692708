import { indexOptions, type LearnedPair, normalizeQuery, PRIMARY_FIELDS } from '@signpost/core'
import type { RenderedArticle } from '../article.ts'
import type { Diagnostic } from '../diagnostics.ts'
import { createTermCounter, type FieldTerms } from '../output/search-index.ts'
import { aliasMap } from '../validate.ts'
import type { LoadedLearned } from './learned-file.ts'

/** What traffic taught about one article: the queries it answers, strongest evidence first. */
export interface LearnedArticle {
  queries: { query: string; weight: number }[]
  /** Distinct sessions that viewed it (the file's `views`), for "popular articles". */
  views?: number
}

/** Per locale, per article id. */
export type LearnedIndex = Map<string, Map<string, LearnedArticle>>

/** A pair counts at most this many times: a query searched a thousand times is not a thousand words. */
const MAX_WEIGHT = 4

/**
 * How strongly a pair says "this query is answered by this article": distinct sessions, plus
 * helpful votes, minus those who still contacted support; none when most of them escalated.
 * Returned as how many times the query's words count in the article's learned field.
 */
export function pairWeight(p: Pick<LearnedPair, 'sessions' | 'helpful' | 'contacts'>): number {
  const evidence = p.sessions + p.helpful - p.contacts
  if (evidence < 1 || p.contacts * 2 >= p.sessions) return 0
  return Math.min(MAX_WEIGHT, Math.max(1, Math.round(Math.log2(1 + evidence))))
}

/**
 * Maps a learned file's pairs onto the articles being built (aliases resolve to their article).
 * A pair naming no article of its locale is skipped with a warning at its line in the file.
 */
export function learnedIndex(learned: LoadedLearned, articles: RenderedArticle[], defaultLocale: string): { index: LearnedIndex; diagnostics: Diagnostic[] } {
  const byLocale = new Map<string, { ids: Set<string>; aliases: Map<string, string> }>()
  for (const locale of new Set(articles.map((a) => a.locale))) {
    const list = articles.filter((a) => a.locale === locale)
    byLocale.set(locale, { ids: new Set(list.map((a) => a.id)), aliases: aliasMap(list) })
  }
  const index: LearnedIndex = new Map()
  const entry = (locale: string, id: string): LearnedArticle => {
    const forLocale = index.get(locale) ?? new Map<string, LearnedArticle>()
    index.set(locale, forLocale)
    const a = forLocale.get(id) ?? { queries: [] }
    forLocale.set(id, a)
    return a
  }
  const resolve = (locale: string, id: string) => {
    const known = byLocale.get(locale)
    return known?.ids.has(id) ? id : known?.aliases.get(id)
  }
  const diagnostics: Diagnostic[] = []
  learned.file.pairs.forEach((p, i) => {
    const locale = p.locale ?? defaultLocale
    const id = resolve(locale, p.article)
    if (!id) {
      diagnostics.push({
        file: learned.name,
        line: learned.lines[i] ?? 1,
        col: 1,
        severity: 'warning',
        code: 'learned-unknown-article',
        message: `pairs[${i}] names "${p.article}", which is no ${locale} article; skipped`,
      })
      return
    }
    const weight = pairWeight(p)
    const query = normalizeQuery(p.query)
    if (weight > 0 && query !== '') entry(locale, id).queries.push({ query, weight })
  })
  for (const v of learned.file.views ?? []) {
    const id = resolve(defaultLocale, v.article)
    if (id) entry(defaultLocale, id).views = v.sessions
  }
  for (const forLocale of index.values()) for (const a of forLocale.values()) a.queries.sort((x, y) => y.weight - x.weight || (x.query < y.query ? -1 : 1))
  return { index, diagnostics }
}

const LEARNED_FIELD = PRIMARY_FIELDS.indexOf('learned')

/** Counts an article's learned queries as the primary index's `learned` field (each repeated by its weight). */
export function createLearnedCounter(): (locale: string, article: LearnedArticle) => FieldTerms | null {
  const counters = new Map<string, ReturnType<typeof createTermCounter>>()
  return (locale, article) => {
    if (article.queries.length === 0) return null
    const count = counters.get(locale) ?? createTermCounter(indexOptions(locale, PRIMARY_FIELDS))
    counters.set(locale, count)
    const text = article.queries.flatMap((q) => Array.from({ length: q.weight }, () => q.query)).join(' \n ')
    return count({ id: '', learned: text })[LEARNED_FIELD] ?? null
  }
}
