import MiniSearch, { type AsPlainObject, type Query, type SearchResult } from 'minisearch'
import { words } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { BODY_FIELDS, FIELD_BOOSTS, PRIMARY_FIELDS, indexOptions } from './fields.ts'
import { type Synonyms, parseQuery } from './query.ts'

/** A loaded locale: the primary index at once, the body index once it has arrived. */
export interface SearchIndex {
  locale: string
  primary: MiniSearch
  body?: MiniSearch
  synonyms: Synonyms
  /** Article titles (from the manifest): a hit whose title the query covers ranks higher. */
  titles?: Map<string, string>
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

type Serialized = string | AsPlainObject

function load(data: Serialized, locale: string, fields: readonly string[]): MiniSearch {
  const options = indexOptions(locale, fields)
  return typeof data === 'string' ? MiniSearch.loadJSON(data, options) : MiniSearch.loadJS(data, options)
}

/** Loads serialized indexes (the strings or parsed objects `signpost build` wrote); never re-indexes. */
export function loadSearchIndex(input: {
  locale: string
  primary: Serialized
  body?: Serialized
  synonyms?: Synonyms
  titles?: Map<string, string>
}): SearchIndex {
  return {
    locale: input.locale,
    primary: load(input.primary, input.locale, PRIMARY_FIELDS),
    body: input.body === undefined ? undefined : load(input.body, input.locale, BODY_FIELDS),
    synonyms: input.synonyms ?? {},
    titles: input.titles,
  }
}

/** Adds the body index to a loaded locale once it has been fetched. */
export function withBodyIndex(index: SearchIndex, body: Serialized): SearchIndex {
  return { ...index, body: load(body, index.locale, BODY_FIELDS) }
}

/** Edits allowed for a typo: one from four letters, two from seven (a transposition costs two). */
const fuzzyDistance = (term: string) => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0)
/** A prefix shorter than this matches too much of a body's vocabulary to be worth it there. */
const BODY_PREFIX_MIN = 3
/** How much a title the query fully covers is preferred over one with words the query lacks. */
const TITLE_FIT_BONUS = 0.5
/** How steeply a hit's score falls with the weighted share of the query it misses. */
const COVERAGE_POWER = 2

/** A query term and the customer words (group indexes) it stands for. */
interface PlannedTerm {
  term: string
  fuzzy: number
  prefix: boolean
  groups: number[]
  /** The highest weight any alternative gave this term (1 for words as typed). */
  weight: number
}

/**
 * The one search every side uses, so a writer's `signpost search` shows what customers see.
 * Words match typo-tolerant (a swap of two letters is one slip), prefix on the word being typed,
 * stemmed, and through synonyms. A hit's score falls with the share of the query it misses, each
 * word weighted by its rarity, so missing a filler word costs little and missing the topic a lot.
 * Each index is searched once with every term, and the terms that matched tell which words a hit covers.
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const groups = parseQuery(query, index.locale, index.synonyms)
  if (groups.length === 0) return []
  const { limit = 10, filter } = options
  const stem = stemmerFor(index.locale)

  const primaryTerms = new Map<string, PlannedTerm>()
  const bodyTerms = new Map<string, PlannedTerm>()
  const plan = (into: Map<string, PlannedTerm>, term: string, fuzzy: number, prefix: boolean, group: number, weight = 1) => {
    const key = `${term}${prefix ? '*' : ''}~${fuzzy}`
    const planned = into.get(key) ?? { term, fuzzy, prefix, groups: [], weight }
    if (!planned.groups.includes(group)) planned.groups.push(group)
    planned.weight = Math.max(planned.weight, weight)
    into.set(key, planned)
  }
  groups.forEach((g, gi) => {
    for (const alternative of g.alternatives) {
      for (const t of alternative) {
        plan(primaryTerms, t.term, t.fuzzy ? fuzzyDistance(t.term) : 0, t.prefix, gi, t.weight)
        // The body index holds stems and is searched without typo tolerance: fuzzy matching a whole
        // body's vocabulary costs most of a query's time and mostly finds noise.
        const s = stem(t.term)
        plan(bodyTerms, s, 0, t.prefix && s.length >= BODY_PREFIX_MIN, gi, t.weight)
      }
    }
  })

  // Per article: summed score, a bitmask of the customer's words it matched, and the matched terms
  // (kept as MiniSearch's arrays and merged only for the hits returned).
  const hits = new Map<string, Hit>()
  const collect = (results: SearchResult[], planned: Map<string, PlannedTerm>) => {
    const maskOf = new Map<string, number>()
    for (const p of planned.values()) maskOf.set(p.term, (maskOf.get(p.term) ?? 0) | p.groups.reduce((m, g) => m | (1 << g), 0))
    for (const r of results) {
      if (filter && !filter(r.id)) continue
      let hit = hits.get(r.id)
      if (!hit) {
        hit = { id: r.id, score: 0, mask: 0, terms: [] }
        hits.set(r.id, hit)
      }
      hit.score += r.score
      hit.terms.push(r.terms)
      for (const q of r.queryTerms) hit.mask |= maskOf.get(q) ?? 0
    }
  }
  collect(index.primary.search(toQuery(primaryTerms), { boost: FIELD_BOOSTS, boostTerm: termWeights(primaryTerms) }), primaryTerms)
  if (index.body) collect(index.body.search(toQuery(bodyTerms), { boost: FIELD_BOOSTS, boostTerm: termWeights(bodyTerms) }), bodyTerms)

  const all = groups.length >= 31 ? 0x7fffffff : (1 << groups.length) - 1
  const ranked = [...hits.values()]
  const weights = groupWeights(ranked, groups.length, index.primary.documentCount)
  const totalWeight = weights.reduce((a, b) => a + b, 0)
  for (const h of ranked) {
    let covered = 0
    for (let g = 0; g < groups.length; g++) if (h.mask & (1 << g)) covered += weights[g]!
    const coverage = totalWeight > 0 ? covered / totalWeight : 1
    h.score *= coverage ** COVERAGE_POWER
    h.complete = (h.mask & all) === all
  }
  const byRank = (a: Hit, b: Hit) => b.score - a.score || (a.id < b.id ? -1 : 1)
  ranked.sort(byRank)
  // The title-fit bonus reorders the leaders only: far-down hits cannot climb into the first page.
  const leaders = ranked.slice(0, Math.max(limit * 4, 40))
  for (const h of leaders) {
    const title = index.titles?.get(h.id)
    if (title !== undefined) h.score *= 1 + TITLE_FIT_BONUS * titleCoverage(title, new Set(h.terms.flat()), stem)
  }
  leaders.sort(byRank)
  return leaders.slice(0, limit).map((h) => ({ id: h.id, score: h.score, terms: [...new Set(h.terms.flat())], complete: h.complete === true }))
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

function popCount(n: number): number {
  let c = 0
  for (let x = n; x !== 0; x &= x - 1) c++
  return c
}

/** MiniSearch's per-term boost from the planned weights (a swapped-back guess ranks below a word as typed). */
function termWeights(terms: Map<string, PlannedTerm>): (term: string) => number {
  const weights = new Map<string, number>()
  for (const t of terms.values()) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight))
  return (term) => weights.get(term) ?? 1
}

function toQuery(terms: Map<string, PlannedTerm>): Query {
  return {
    combineWith: 'OR',
    queries: [...terms.values()].map((t) => ({ queries: [t.term], fuzzy: t.fuzzy || false, prefix: t.prefix })),
  }
}

/** Share of a title's words that the hit matched: 1 when the customer typed (nearly) the title. */
function titleCoverage(title: string, terms: Set<string>, stem: (w: string) => string): number {
  const ws = words(title)
  if (ws.length === 0) return 0
  let matched = 0
  for (const w of ws) if (terms.has(w) || terms.has(stem(w))) matched++
  return matched / ws.length
}
