import { normalizeQuery } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { stopWords } from '../text/stopwords.ts'

/** One customer word (or synonym phrase) and the index terms that may stand for it. */
export interface QueryGroup {
  /** What the customer typed for this group, normalized. */
  text: string
  /** Alternatives, any of which satisfies the group. Each alternative needs all its terms. */
  alternatives: QueryTerm[][]
}

export interface QueryTerm {
  term: string
  fuzzy: boolean
  prefix: boolean
  /** Below 1 for a guess at what the customer meant (a letter swap undone), which ranks under what they typed. */
  weight?: number
}

/**
 * Adds alternatives to the groups of a parsed query (query-refine.ts: letter swaps, split words),
 * given its words and the group each became (undefined for stop words and synonym phrases).
 */
export type QueryRefinement = (words: string[], groupAt: (QueryGroup | undefined)[], typingLastWord: boolean) => void

export type Synonyms = Record<string, string[]>

/**
 * Turns a raw query into groups: stop words dropped (unless nothing else is left), each word
 * matched as written (with typo tolerance from five letters, prefix on the last word) or by its
 * stem, and synonym phrases matched as either their own words or the product's words.
 */
export function parseQuery(raw: string, locale: string, synonyms: Synonyms = {}, refine?: QueryRefinement): QueryGroup[] {
  const normalized = normalizeQuery(raw)
  if (normalized === '') return []
  const all = normalized.split(' ')
  const typingLastWord = !/[\s\p{P}]$/u.test(raw)
  const stop = stopWords(locale)
  const stem = stemmerFor(locale)
  const wordTerms = (w: string, isLast: boolean): QueryTerm[][] => {
    const prefix = isLast && typingLastWord
    const alts: QueryTerm[][] = [[{ term: w, fuzzy: w.length >= 5, prefix }]]
    const s = stem(w)
    if (s !== w) alts.push([{ term: s, fuzzy: false, prefix }])
    return alts
  }

  const phrases = Object.entries(synonyms).map(([phrase, targets]) => ({
    words: normalizeQuery(phrase).split(' '),
    targets: targets.map((t) => normalizeQuery(t).split(' ').filter((x) => !stop.has(x))),
  }))

  const groups: QueryGroup[] = []
  const kept = all.filter((w) => !stop.has(w))
  const source = kept.length > 0 ? kept : all
  // Synonym phrases are matched on the full query so "sign in" can map even though "in" is a stop word.
  // The group each word became (undefined for stop words and words of synonym phrases).
  const groupAt: (QueryGroup | undefined)[] = []
  let i = 0
  while (i < all.length) {
    const phrase = phrases.find((p) => p.words.length > 0 && p.words.every((w, k) => all[i + k] === w))
    if (phrase) {
      const own = phrase.words.filter((w) => source.includes(w))
      const ownAlt = own.map((w) => ({ term: stem(w), fuzzy: false, prefix: false }))
      const alternatives: QueryTerm[][] = ownAlt.length > 0 ? [ownAlt] : []
      for (const t of phrase.targets) {
        if (t.length > 0) alternatives.push(t.map((w) => ({ term: stem(w), fuzzy: false, prefix: false })))
      }
      groups.push({ text: phrase.words.join(' '), alternatives })
      i += phrase.words.length
      continue
    }
    const w = all[i]!
    if (source.includes(w)) {
      const group = { text: w, alternatives: wordTerms(w, i === all.length - 1) }
      groups.push(group)
      groupAt[i] = group
    }
    i++
  }
  refine?.(all, groupAt, typingLastWord)
  return groups.slice(0, MAX_GROUPS)
}

/** Words beyond this are ignored: a pasted paragraph is not a question, and search.ts tracks words in a 31-bit mask. */
export const MAX_GROUPS = 30
