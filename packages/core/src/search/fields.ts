import MiniSearch, { type Options } from 'minisearch'
import { normalizeQuery } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { stopWords } from '../text/stopwords.ts'

/**
 * The documents the build indexes. Two indexes per locale: the primary one holds the words that
 * name an article (title, the customer's keywords, tags and category, queries learned from traffic) and is small enough to fetch
 * before the first result; the body one holds summary, headings and text and arrives in the
 * background. Ids are article ids.
 */
export interface PrimaryDocument {
  id: string
  title: string
  keywords: string
  tags: string
  /** Customers' own queries that led to the article, from real traffic (`signpost build --learned`). */
  learned?: string
}

export interface BodyDocument {
  id: string
  summary: string
  headings: string
  body: string
}

export const PRIMARY_FIELDS = ['title', 'keywords', 'tags', 'learned'] as const
export const BODY_FIELDS = ['summary', 'headings', 'body'] as const

/**
 * Field boosts: the customer's words for an article (keywords) count almost as much as its title;
 * words learned from traffic count below what a writer chose.
 */
export const FIELD_BOOSTS: Record<string, number> = {
  title: 5,
  keywords: 4,
  learned: 3,
  tags: 2,
  headings: 2,
  summary: 1.5,
  body: 0.5,
}

/**
 * Index-time term processing: stop words dropped. In the primary index a word whose stem differs
 * is indexed under both, so typo tolerance works on the word as written and stemming finds
 * "returns" for "returned"; the body index, searched without typo tolerance, holds stems only,
 * which halves its size and its posting lists.
 */
export function indexTerms(locale: string, stemsOnly: boolean): (term: string) => string | string[] | null {
  const stop = stopWords(locale)
  const stem = stemmerFor(locale)
  return (term) => {
    if (term.length === 0 || stop.has(term)) return null
    const s = stem(term)
    return s === term || stemsOnly ? s : [term, s]
  }
}

function tokenize(text: string): string[] {
  const n = normalizeQuery(text)
  return n === '' ? [] : n.split(' ')
}

/** MiniSearch options for one index; the build and the loader must use the same ones. */
export function indexOptions(locale: string, fields: readonly string[]): Options {
  return {
    idField: 'id',
    fields: [...fields],
    storeFields: [],
    tokenize,
    processTerm: indexTerms(locale, fields === BODY_FIELDS),
    // Queries are prepared by search.ts; terms arrive normalized.
    searchOptions: { tokenize: (q: string) => q.split(' '), processTerm: (t: string) => t },
  }
}

export function createPrimaryIndex(locale: string): MiniSearch<PrimaryDocument> {
  return new MiniSearch<PrimaryDocument>(indexOptions(locale, PRIMARY_FIELDS))
}

export function createBodyIndex(locale: string): MiniSearch<BodyDocument> {
  return new MiniSearch<BodyDocument>(indexOptions(locale, BODY_FIELDS))
}
