import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch'
import { words } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { FIELD_BOOSTS, PRIMARY_FIELDS, indexOptions } from './fields.ts'
import { maskOf, type PlannedTerms, planQuery, termWeights, toQuery } from './plan.ts'
import type { QueryRefinement, Synonyms } from './query.ts'
// Types only: the semantic code loads apart (the widget fetches it only for a `--semantic` build).
import type { SemanticIndex } from './semantic.ts'

/**
 * What `search` refines its first results with once the body index has arrived (body.ts builds
 * it, loaded apart so its code is not on the way to the first result): the body's results for the
 * planned terms, from the shards loaded, and the primary index's queries learned from traffic.
 */
export interface SearchableBody {
  find(terms: PlannedTerms): SearchResult[]
  learned(primary: MiniSearch, terms: PlannedTerms, groupCount: number): SearchResult[]
  refineQuery: QueryRefinement
}

/** A loaded locale: the primary index at once, the body index once it has arrived. */
export interface SearchIndex {
  locale: string
  primary: MiniSearch
  body?: SearchableBody
  synonyms: Synonyms
  /** Article titles (from the manifest): a hit whose title the query covers ranks higher. */
  titles?: Map<string, string>
  /** Word and article vectors (`signpost build --semantic`): results blend keyword and meaning. */
  semantic?: SemanticIndex
}

export interface SearchOptions {
  /** How many hits to return. Default 10. */
  limit?: number
  /** Keeps only the articles for which it returns true (a category filter, say). */
  filter?: (id: string) => boolean
  /**
   * With semantic data, the keyword score's share of the blend (the rest is meaning); 1 ranks by
   * keywords alone. Default `KEYWORD_WEIGHT` (semantic.ts), chosen on the development and tune question sets.
   */
  keywordWeight?: number
}

export interface SearchHit {
  id: string
  score: number
  /** Index terms that matched: feed them to `highlight` and `snippet`. */
  terms: string[]
  /** True when every word of the query matched; false for the OR fallback. */
  complete: boolean
}

/** Loads a parsed primary index (what `signpost build` wrote); never re-indexes. Add a body with body.ts. */
export function loadPrimaryIndex(input: { locale: string; primary: AsPlainObject; synonyms?: Synonyms; titles?: Map<string, string> }): SearchIndex {
  const primary = MiniSearch.loadJS(input.primary, indexOptions(input.locale, PRIMARY_FIELDS))
  return { locale: input.locale, primary, synonyms: input.synonyms ?? {}, titles: input.titles }
}

/** How much a title the query fully covers is preferred over one with words the query lacks. */
const TITLE_FIT_BONUS = 0.5
/** The primary index's fields writers fill; `learned` (traffic's queries) is searched with the body. */
const WRITTEN_FIELDS = PRIMARY_FIELDS.filter((f) => f !== 'learned')
/** How steeply a hit's score falls with the weighted share of the query it misses. */
const COVERAGE_POWER = 2
/** A hit with every word still leads a near tie with one that misses a filler word. */
const COMPLETE_BONUS = 1.5
/** Keyword hits the title bonus and meaning (`SemanticIndex.rerank`) may reorder. */
const BLEND_KEYWORD_HITS = 50

/**
 * The one search every side uses, so a writer's `signpost search` shows what customers see.
 * Words match typo-tolerant (a swap of two letters is one slip), prefix on the word being typed,
 * stemmed, and through synonyms. A hit's score falls with the share of the query it misses, each
 * word weighted by its rarity, so missing a filler word costs little and missing the topic a lot.
 * Each index is searched once with every term, and the terms that matched tell which words a hit covers.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const { groups, primaryTerms, bodyTerms } = planQuery(index, query, index.body?.refineQuery)
  if (groups.length === 0) return []
  const { limit = 10, filter } = options
  const stem = stemmerFor(index.locale)

  // Per article: summed score, a bitmask of the customer's words it matched, and the matched terms
  // (kept as MiniSearch's arrays and merged only for the hits returned).
  const hits = new Map<string, Hit>()
  const collect = (results: SearchResult[], planned: PlannedTerms) => {
    const mask = maskOf(planned)
    for (const r of results) {
      if (filter && !filter(r.id)) continue
      let hit = hits.get(r.id)
      if (!hit) {
        hit = { id: r.id, score: 0, mask: 0, terms: [] }
        hits.set(r.id, hit)
      }
      hit.score += r.score
      hit.terms.push(r.terms)
      hit.mask |= mask(r)
    }
  }
  collect(index.primary.search(toQuery(primaryTerms.values()), { fields: WRITTEN_FIELDS, boost: FIELD_BOOSTS, boostTerm: termWeights(primaryTerms) }), primaryTerms)
  if (index.body) {
    collect(index.body.learned(index.primary, primaryTerms, groups.length), primaryTerms)
    collect(index.body.find(bodyTerms), bodyTerms)
  }

  const all = groups.length >= 31 ? 0x7fffffff : (1 << groups.length) - 1
  const ranked = [...hits.values()]
  const weights = groupWeights(ranked, groups.length, index.primary.documentCount)
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  const coverageOf = (mask: number) => {
    if (totalWeight === 0) return 1
    let covered = 0
    for (let g = 0; g < groups.length; g++) if (mask & (1 << g)) covered += weights[g]!
    return covered / totalWeight
  }
  for (const h of ranked) {
    h.complete = (h.mask & all) === all
    h.score *= coverageOf(h.mask) ** COVERAGE_POWER * (h.complete ? COMPLETE_BONUS : 1)
  }
  const byRank = (a: Hit, b: Hit) => b.score - a.score || (a.id < b.id ? -1 : 1)
  ranked.sort(byRank)
  // The title-fit bonus reorders the leaders only: far-down hits cannot climb into the first page.
  const semantic = options.keywordWeight === 1 ? undefined : index.semantic
  const leaders = ranked.slice(0, Math.max(limit * 4, BLEND_KEYWORD_HITS))
  for (const h of leaders) {
    const title = index.titles?.get(h.id)
    if (title !== undefined) h.score *= 1 + TITLE_FIT_BONUS * titleCoverage(title, new Set(h.terms.flat()), stem)
  }
  leaders.sort(byRank)
  const out = semantic?.rerank(leaders.slice(0, Math.max(limit, BLEND_KEYWORD_HITS)), query, index.locale, options.keywordWeight, filter) ?? leaders
  return out.slice(0, limit).map((h) => ({ id: h.id, score: h.score, terms: [...new Set(h.terms.flat())], complete: h.complete === true }))
}


/**
 * How much each customer word weighs in an article's coverage of the query: its rarity among the
 * articles (inverse document frequency over the hits), so missing a common filler word ("get",
 * "own", "people") costs little and missing the rare word that names the topic costs a lot.
 * A word no article has weighs nothing: every article misses it alike.
 */
function groupWeights(hits: Hit[], groupCount: number, documentCount: number): number[] {
  const df = new Array<number>(groupCount).fill(0)
  for (const h of hits) for (let g = 0; g < groupCount; g++) if (h.mask & (1 << g)) df[g]!++
  const n = Math.max(documentCount, 1)
  return df.map((d) => (d === 0 ? 0 : Math.log(1 + n / d)))
}

interface Hit {
  id: string
  score: number
  mask: number
  terms: string[][]
  complete?: boolean
}

/** Share of a title's words that the hit matched: 1 when the customer typed (nearly) the title. */
function titleCoverage(title: string, terms: Set<string>, stem: (w: string) => string): number {
  const ws = words(title)
  if (ws.length === 0) return 0
  let matched = 0
  for (const w of ws) if (terms.has(w) || terms.has(stem(w))) matched++
  return matched / ws.length
}
