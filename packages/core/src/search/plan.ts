import type { Query, SearchResult } from 'minisearch'
import { stemmerFor } from '../text/stem.ts'
import { type QueryGroup, type QueryRefinement, type Synonyms, parseQuery } from './query.ts'

/** A query term and the customer words (group indexes) it stands for. */
export interface PlannedTerm {
  term: string
  fuzzy: number
  prefix: boolean
  groups: number[]
  /** The highest weight any alternative gave this term (1 for words as typed). */
  weight: number
}

export type PlannedTerms = Map<string, PlannedTerm>

/** Edits allowed for a typo: one from four letters, two from seven (a swap undone counts as one, see query.ts). */
const fuzzyDistance = (term: string) => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : 0)
/** A prefix shorter than this matches too much of a body's vocabulary to be worth it there. */
const BODY_PREFIX_MIN = 3

/** The query's groups (customer words) and the terms to look up in each index. */
export function planQuery(
  index: { locale: string; synonyms: Synonyms },
  query: string,
  refine?: QueryRefinement,
): { groups: QueryGroup[]; primaryTerms: PlannedTerms; bodyTerms: PlannedTerms } {
  const groups = parseQuery(query, index.locale, index.synonyms, refine)
  const stem = stemmerFor(index.locale)
  const primaryTerms: PlannedTerms = new Map()
  const bodyTerms: PlannedTerms = new Map()
  const plan = (into: PlannedTerms, term: string, fuzzy: number, prefix: boolean, group: number, weight = 1) => {
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

/** One OR query over the planned terms. */
export function toQuery(terms: Iterable<PlannedTerm>): Query {
  return { combineWith: 'OR', queries: [...terms].map((t) => ({ queries: [t.term], fuzzy: t.fuzzy || false, prefix: t.prefix })) }
}

/** MiniSearch's per-term boost from the planned weights (a swapped-back guess ranks below a word as typed). */
export function termWeights(terms: PlannedTerms): (term: string) => number {
  const weights = new Map<string, number>()
  for (const t of terms.values()) weights.set(t.term, Math.max(weights.get(t.term) ?? 0, t.weight))
  return (term) => weights.get(term) ?? 1
}

/** Which customer words (a bitmask of groups) a result matched, from the terms it matched. */
export function maskOf(terms: PlannedTerms): (r: SearchResult) => number {
  const masks = new Map<string, number>()
  for (const p of terms.values()) masks.set(p.term, (masks.get(p.term) ?? 0) | p.groups.reduce((m, g) => m | (1 << g), 0))
  return (r) => r.queryTerms.reduce((m, q) => m | (masks.get(q) ?? 0), 0)
}
