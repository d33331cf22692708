import { indexOptions, type LearnedPair, normalizeQuery, PRIMARY_FIELDS, stemmerFor, stopWords, type Synonyms, words } from '@signpost/core'
import type { RenderedArticle } from '../article.ts'
import { htmlToText } from '../markdown/html-text.ts'
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

/** A customer word becomes a synonym of a title word only when it stood for it in this many articles… */
const SYNONYM_MIN_ARTICLES = 3
/** …and in at least this share of the articles where it was missing from the text. */
const SYNONYM_MIN_SHARE = 0.5
/** Title words kept per customer word. */
const SYNONYM_TARGETS = 2

/**
 * Customer words traffic shows to mean a product word: a word customers searched before opening
 * articles that never use it, where those articles' titles share a word ("supplier" on articles
 * titled "… vendor …"). Learned across articles, so a new question with the customer's word finds
 * articles nobody reached with it yet. Returned as a synonyms map (word → title words); a
 * writer's synonyms for the same word win.
 */
export function learnedSynonyms(locale: string, learned: Map<string, LearnedArticle>, articles: readonly RenderedArticle[]): Synonyms {
  const stop = stopWords(locale)
  const stem = stemmerFor(locale)
  const content = (ws: string[]) => ws.filter((w) => !stop.has(w) && !/^\d+$/.test(w))
  const missingIn = new Map<string, Set<string>>()
  const standsFor = new Map<string, Map<string, Set<string>>>()
  for (const a of articles) {
    const taught = learned.get(a.id)
    if (!taught || taught.queries.length === 0) continue
    const vocabulary = vocabularyOf(a, stem)
    const titleWords = content(words(a.title))
    for (const w of new Set(content(taught.queries.flatMap((q) => words(q.query))))) {
      if (vocabulary.has(w) || vocabulary.has(stem(w)) || w.length < 3) continue
      // A word half typed or mistyped ("inven", "plausibe") is the article's own word, not a synonym.
      if ([...vocabulary].some((v) => v.startsWith(w) || nearlySame(v, w))) continue
      missingIn.set(w, (missingIn.get(w) ?? new Set()).add(a.id))
      const targets = standsFor.get(w) ?? new Map<string, Set<string>>()
      standsFor.set(w, targets)
      for (const t of titleWords) if (stem(t) !== stem(w)) targets.set(t, (targets.get(t) ?? new Set()).add(a.id))
    }
  }
  const synonyms: Synonyms = {}
  for (const [w, targets] of [...standsFor].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const missing = missingIn.get(w)!.size
    const kept = [...targets]
      .filter(([, ids]) => ids.size >= SYNONYM_MIN_ARTICLES && ids.size / missing >= SYNONYM_MIN_SHARE)
      .sort(([x, a], [y, b]) => b.size - a.size || (x < y ? -1 : 1))
      .slice(0, SYNONYM_TARGETS)
      .map(([t]) => t)
    if (kept.length > 0) synonyms[w] = kept
  }
  return synonyms
}

/** Within one edit (or one swap of neighbours) of each other, for words of five letters or more. */
function nearlySame(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) < 5 || Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && a[i] === b[i]) i++
  const rest = (x: string, y: string) => x.slice(i + 1) === y.slice(i + 1)
  if (a.length === b.length) return rest(a, b) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** An article's words as its index terms, or from its text when they were not counted (`check`). */
function vocabularyOf(a: RenderedArticle, stem: (w: string) => string): Set<string> {
  const counted = [...a.terms.primary, ...a.terms.body].flatMap((f) => (f ? f.terms.split(' ') : []))
  if (counted.length > 0) return new Set(counted)
  const fm = a.frontmatter
  return new Set(words([a.title, a.summary, ...fm.keywords, ...fm.tags, htmlToText(a.html)].join(' ')).flatMap((w) => [w, stem(w)]))
}
