import MiniSearch, { type AsPlainObject, type Query, type SearchResult } from 'minisearch'
import { words } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { type BodyIndex, loadBody, partsFor } from './body.ts'
import { FIELD_BOOSTS, PRIMARY_FIELDS, indexOptions } from './fields.ts'
import { type QueryGroup, type Synonyms, parseQuery } from './query.ts'
// Types only: the semantic code loads apart (the widget fetches it only for a `--semantic` build).
import type { SemanticIndex } from './semantic.ts'

/** A loaded locale: the primary index at once, the body index once it has arrived. */
export interface SearchIndex {
  locale: string
  primary: MiniSearch
  body?: BodyIndex
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
   * keywords alone. Default `KEYWORD_WEIGHT`, chosen on the development and tune question sets.
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

type Serialized = string | AsPlainObject

function load(data: Serialized, locale: string, fields: readonly string[]): MiniSearch {
  const options = indexOptions(locale, fields)
  return typeof data === 'string' ? MiniSearch.loadJSON(data, options) : MiniSearch.loadJS(data, options)
}

/** Loads serialized indexes (the strings or parsed objects `signpost build` wrote); never re-indexes. */
export function loadSearchIndex(input: {
  locale: string
  primary: Serialized
  /** The body table (the manifest's `bodyIndex`), and the entries of all its shards when it has them. */
  body?: Serialized
  bodyShards?: unknown[]
  synonyms?: Synonyms
  titles?: Map<string, string>
  /** Word and article vectors (`loadSemantic` of the manifest's `semantic` table). */
  semantic?: SemanticIndex
}): SearchIndex {
  return {
    locale: input.locale,
    primary: load(input.primary, input.locale, PRIMARY_FIELDS),
    body: input.body === undefined ? undefined : loadBody(input.body, input.locale, input.bodyShards),
    synonyms: input.synonyms ?? {},
    titles: input.titles,
    semantic: input.semantic,
  }
}

/** Adds a body index (with its terms) to a loaded locale once it has been fetched. */
export function withBodyIndex(index: SearchIndex, body: Serialized): SearchIndex {
  return { ...index, body: loadBody(body, index.locale) }
}

/** The body shards a query needs that are not loaded yet (fetch them, `withShard` each, search again). */
export function missingShards(index: SearchIndex, query: string): number[] {
  const body = index.body
  if (!body) return []
  const { bodyTerms } = planQuery(index, query)
  const missing = new Set<number>()
  for (const t of bodyTerms.values()) for (const j of partsFor(body.parts, t.term, t.prefix)) if (!body.parts[j]!.index) missing.add(j)
  return [...missing].sort((a, b) => a - b)
}

/** Edits allowed for a typo: one from four letters, two from seven (a transposition costs two). */
const fuzzyDistance = (term: string) => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0)
/** A prefix shorter than this matches too much of a body's vocabulary to be worth it there. */
const BODY_PREFIX_MIN = 3
/** How much a title the query fully covers is preferred over one with words the query lacks. */
const TITLE_FIT_BONUS = 0.5
/** The primary index's fields writers fill; `learned` (traffic's queries) is searched apart. */
const WRITTEN_FIELDS = PRIMARY_FIELDS.filter((f) => f !== 'learned')
const LEARNED_FIELDS = ['learned']
/** Customer words a query must share with an article's learned queries for them to count. */
const LEARNED_MIN_WORDS = 2
/** How steeply a hit's score falls with the weighted share of the query it misses. */
const COVERAGE_POWER = 2
/**
 * The keyword score's share of the blend with meaning (see `SearchOptions.keywordWeight`). Chosen
 * on the dev and tune sets (520 questions): at 0.9 the blend loses 1 question keyword search had in
 * the top 5; at 0.6, 7 of the 120 tune questions, as meaning's noise outweighs what it finds.
 */
export const KEYWORD_WEIGHT = 0.9
/** Keyword hits that meaning may reorder (see `SemanticIndex.blend`). */
const BLEND_KEYWORD_HITS = 50

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
  const { groups, primaryTerms, bodyTerms } = planQuery(index, query)
  if (groups.length === 0) return []
  const { limit = 10, filter } = options
  const stem = stemmerFor(index.locale)

  // Per article: summed score, a bitmask of the customer's words it matched, and the matched terms
  // (kept as MiniSearch's arrays and merged only for the hits returned).
  const hits = new Map<string, Hit>()
  const collect = (results: SearchResult[], planned: Map<string, PlannedTerm>) => {
    const masks = groupMasks(planned)
    for (const r of results) {
      if (filter && !filter(r.id)) continue
      let hit = hits.get(r.id)
      if (!hit) {
        hit = { id: r.id, score: 0, mask: 0, terms: [] }
        hits.set(r.id, hit)
      }
      hit.score += r.score
      hit.terms.push(r.terms)
      hit.mask |= resultMask(r, masks)
    }
  }
  collect(index.primary.search(toQuery(primaryTerms), { fields: WRITTEN_FIELDS, boost: FIELD_BOOSTS, boostTerm: termWeights(primaryTerms) }), primaryTerms)
  // Queries learned from traffic count only where they share two of the customer's words (one,
  // for a one-word query): a single common word shared with some past query is no evidence.
  const learnedTerms = withoutTypos(primaryTerms)
  const learnedMasks = groupMasks(learnedTerms)
  const needed = Math.min(LEARNED_MIN_WORDS, groups.length)
  const learned = index.primary.search(toQuery(learnedTerms), { fields: LEARNED_FIELDS, boost: FIELD_BOOSTS, boostTerm: termWeights(learnedTerms) })
  collect(
    learned.filter((r) => popCount(resultMask(r, learnedMasks)) >= needed),
    learnedTerms,
  )
  if (index.body) {
    const perPart = [...termsByPart(index.body.parts, bodyTerms)].map(([j, terms]) =>
      index.body!.parts[j]!.index!.search(toQuery(terms), { boost: FIELD_BOOSTS, boostTerm: termWeights(terms) }),
    )
    collect(perPart.length === 1 ? perPart[0]! : mergeShardResults(perPart), bodyTerms)
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
    h.score *= coverageOf(h.mask) ** COVERAGE_POWER
    h.complete = (h.mask & all) === all
  }
  const byRank = (a: Hit, b: Hit) => b.score - a.score || (a.id < b.id ? -1 : 1)
  ranked.sort(byRank)
  // The title-fit bonus reorders the leaders only: far-down hits cannot climb into the first page.
  const semantic = options.keywordWeight === 1 ? undefined : index.semantic
  const q = semantic?.queryVector(query, index.locale)
  const leaders = ranked.slice(0, Math.max(limit * 4, q ? BLEND_KEYWORD_HITS : 40))
  for (const h of leaders) {
    const title = index.titles?.get(h.id)
    if (title !== undefined) h.score *= 1 + TITLE_FIT_BONUS * titleCoverage(title, new Set(h.terms.flat()), stem)
  }
  leaders.sort(byRank)
  const out = q ? semantic!.blend(leaders.slice(0, Math.max(limit, BLEND_KEYWORD_HITS)), q, options.keywordWeight ?? KEYWORD_WEIGHT, filter) : leaders
  return out.slice(0, limit).map((h) => ({ id: h.id, score: h.score, terms: [...new Set(h.terms.flat())], complete: h.complete === true }))
}

/** The query's groups and the terms to look up in each index. */
function planQuery(index: SearchIndex, query: string): { groups: QueryGroup[]; primaryTerms: Map<string, PlannedTerm>; bodyTerms: Map<string, PlannedTerm> } {
  const groups = parseQuery(query, index.locale, index.synonyms)
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
  return { groups, primaryTerms, bodyTerms }
}

/**
 * One result per article from the results of several shards, scored as one index would: MiniSearch
 * multiplies an article's summed term scores by how many query terms it matched, so the sums are
 * taken apart, added across shards and multiplied by all the terms matched.
 */
function mergeShardResults(perPart: SearchResult[][]): SearchResult[] {
  const merged = new Map<string, { raw: number; queryTerms: Set<string>; terms: string[]; match: SearchResult['match'] }>()
  for (const results of perPart) {
    for (const r of results) {
      let m = merged.get(r.id)
      if (!m) {
        m = { raw: 0, queryTerms: new Set(), terms: [], match: {} }
        merged.set(r.id, m)
      }
      m.raw += r.score / Math.max(1, r.queryTerms.length)
      for (const q of r.queryTerms) m.queryTerms.add(q)
      m.terms.push(...r.terms)
      Object.assign(m.match, r.match)
    }
  }
  return [...merged].map(([id, m]) => ({ id, score: m.raw * Math.max(1, m.queryTerms.size), terms: m.terms, queryTerms: [...m.queryTerms], match: m.match }))
}

/** The loaded body parts to search, each with the planned terms in its range. */
function termsByPart(parts: BodyIndex['parts'], terms: Map<string, PlannedTerm>): Map<number, Map<string, PlannedTerm>> {
  const byPart = new Map<number, Map<string, PlannedTerm>>()
  for (const [key, t] of terms) {
    for (const j of partsFor(parts, t.term, t.prefix)) {
      if (!parts[j]!.index) continue
      const forPart = byPart.get(j) ?? new Map<string, PlannedTerm>()
      forPart.set(key, t)
      byPart.set(j, forPart)
    }
  }
  return byPart
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

/** Which customer words (a bitmask of groups) each planned term stands for. */
function groupMasks(planned: Map<string, PlannedTerm>): Map<string, number> {
  const masks = new Map<string, number>()
  for (const p of planned.values()) masks.set(p.term, (masks.get(p.term) ?? 0) | p.groups.reduce((m, g) => m | (1 << g), 0))
  return masks
}

function resultMask(r: SearchResult, masks: Map<string, number>): number {
  let mask = 0
  for (const q of r.queryTerms) mask |= masks.get(q) ?? 0
  return mask
}

/** The planned terms without typo tolerance: what the customer typed, stemmed, or a swap undone. */
function withoutTypos(planned: Map<string, PlannedTerm>): Map<string, PlannedTerm> {
  const out = new Map<string, PlannedTerm>()
  for (const p of planned.values()) {
    const key = `${p.term}${p.prefix ? '*' : ''}`
    const seen = out.get(key)
    out.set(key, seen ? { ...seen, groups: [...new Set([...seen.groups, ...p.groups])], weight: Math.max(seen.weight, p.weight) } : { ...p, fuzzy: 0 })
  }
  return out
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
