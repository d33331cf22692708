import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch'
import { BODY_FIELDS, FIELD_BOOSTS, PRIMARY_FIELDS, indexOptions } from './fields.ts'
import { type QueryGroup, type Synonyms, parseQuery } from './query.ts'

/** A loaded locale: the primary index at once, the body index once it has arrived. */
export interface SearchIndex {
  locale: string
  primary: MiniSearch
  body?: MiniSearch
  synonyms: Synonyms
}

export interface SearchOptions {
  /** How many hits to return. Default 10. */
  limit?: number
  /** Keeps only the articles for which it returns true (a category filter, say). */
  filter?: (id: string) => boolean
}

export interface SearchHit {
  id: string
  score: number
  /** Index terms that matched: feed them to `highlight` and `snippet`. */
  terms: string[]
  /** True when every word of the query matched; false for the OR fallback. */
  complete: boolean
}

/** Loads serialized indexes (the strings or parsed objects `signpost build` wrote); never re-indexes. */
export function loadSearchIndex(input: {
  locale: string
  primary: string | AsPlainObject
  body?: string | AsPlainObject
  synonyms?: Synonyms
}): SearchIndex {
  const load = (data: string | AsPlainObject, fields: readonly string[]) =>
    typeof data === 'string'
      ? MiniSearch.loadJSON(data, indexOptions(input.locale, fields))
      : MiniSearch.loadJS(data, indexOptions(input.locale, fields))
  return {
    locale: input.locale,
    primary: load(input.primary, PRIMARY_FIELDS),
    body: input.body === undefined ? undefined : load(input.body, BODY_FIELDS),
    synonyms: input.synonyms ?? {},
  }
}

/** Adds the body index to a loaded locale once it has been fetched. */
export function withBodyIndex(index: SearchIndex, body: string | AsPlainObject): SearchIndex {
  const options = indexOptions(index.locale, BODY_FIELDS)
  const loaded = typeof body === 'string' ? MiniSearch.loadJSON(body, options) : MiniSearch.loadJS(body, options)
  return { ...index, body: loaded }
}

interface GroupMatch {
  score: number
  terms: Set<string>
}

/**
 * The one search every side uses, so a writer's `signpost search` shows what customers see.
 * Every word must match (typo-tolerant, prefix on the word being typed, stemmed, synonyms);
 * articles that match only some words follow, scored down by the share they miss.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const groups = parseQuery(query, index.locale, index.synonyms)
  if (groups.length === 0) return []
  const { limit = 10, filter } = options
  const matches = groups.map((g) => matchGroup(index, g, filter))

  const hits = new Map<string, { score: number; terms: Set<string>; matched: number }>()
  for (const groupMatches of matches) {
    for (const [id, m] of groupMatches) {
      const hit = hits.get(id) ?? { score: 0, terms: new Set<string>(), matched: 0 }
      hit.score += m.score
      hit.matched++
      for (const t of m.terms) hit.terms.add(t)
      hits.set(id, hit)
    }
  }
  const results: SearchHit[] = []
  for (const [id, h] of hits) {
    const coverage = h.matched / groups.length
    results.push({ id, score: h.score * coverage * coverage, terms: [...h.terms], complete: coverage === 1 })
  }
  results.sort((a, b) => Number(b.complete) - Number(a.complete) || b.score - a.score || (a.id < b.id ? -1 : 1))
  return results.slice(0, limit)
}

function matchGroup(
  index: SearchIndex,
  group: QueryGroup,
  filter: ((id: string) => boolean) | undefined,
): Map<string, GroupMatch> {
  const out = new Map<string, GroupMatch>()
  const add = (results: SearchResult[], perAlternative: Map<string, GroupMatch>) => {
    for (const r of results) {
      if (filter && !filter(r.id)) continue
      const m = perAlternative.get(r.id) ?? { score: 0, terms: new Set<string>() }
      m.score += r.score
      for (const t of r.terms) m.terms.add(t)
      perAlternative.set(r.id, m)
    }
  }
  for (const alternative of group.alternatives) {
    const query = {
      combineWith: 'AND' as const,
      queries: alternative.map((t) => ({
        queries: [t.term],
        fuzzy: t.fuzzy ? 0.2 : false,
        maxFuzzy: 2,
        prefix: t.prefix,
      })),
    }
    const perAlternative = new Map<string, GroupMatch>()
    add(index.primary.search(query, { boost: FIELD_BOOSTS }), perAlternative)
    if (index.body) add(index.body.search(query, { boost: FIELD_BOOSTS }), perAlternative)
    // Alternatives say the same thing in other words: keep the best, not the sum.
    for (const [id, m] of perAlternative) {
      const prev = out.get(id)
      if (!prev || m.score > prev.score) out.set(id, { score: m.score, terms: new Set([...m.terms, ...(prev?.terms ?? [])]) })
      else for (const t of m.terms) prev.terms.add(t)
    }
  }
  return out
}
