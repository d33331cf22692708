import type { Options } from 'minisearch'
import SearchableMap from 'minisearch/SearchableMap'

/** Postings of one term in one field: short document ids, ascending, and how often it occurs in each. */
interface Postings {
  docs: number[]
  counts: number[]
}

/** Index-time options of @signpost/core's `indexOptions`: what decides the index's contents. */
type IndexOptions = Pick<Options, 'fields' | 'tokenize' | 'processTerm'>

/**
 * The JSON of a MiniSearch index over `docs` (added in order, ids in `id`), byte for byte what
 * `JSON.stringify(index)` gives after `new MiniSearch(options).addAll(docs)`, so @signpost/core
 * loads it unchanged. MiniSearch walks its radix tree for every word of every document, which
 * was most of a large build; here words are counted in hash maps, each distinct word is processed
 * (stop words, stemming) once, and only each distinct term enters a radix tree, to serialize the
 * terms in the order MiniSearch would.
 */
export function serializeIndex<T extends { id: string }>(docs: readonly T[], options: IndexOptions): string {
  const { fields, tokenize, processTerm } = options
  if (!tokenize || !processTerm) throw new Error('serializeIndex needs the tokenize and processTerm of the index')
  const terms = new Map<string, Postings[]>()
  /** Insertion order of terms in MiniSearch's tree is what fixes their order in its JSON. */
  const tree = new SearchableMap<Postings[]>()
  /** Each distinct word once: the terms it is indexed under, and the last field it was counted in. */
  const words = new Map<string, { terms: Postings[][]; seen: number }>()
  const termPostings = (term: string): Postings[] => {
    let postings = terms.get(term)
    if (!postings) {
      postings = []
      terms.set(term, postings)
      tree.set(term, postings)
    }
    return postings
  }
  const fieldLength: number[][] = []
  const averageFieldLength: number[] = []
  let fieldRun = 0

  for (const [docId, doc] of docs.entries()) {
    const lengths: number[] = []
    for (const [fieldId, field] of fields.entries()) {
      const value = (doc as Record<string, unknown>)[field]
      if (value == null) continue
      fieldRun++
      let unique = 0
      for (const token of tokenize(String(value), field)) {
        let word = words.get(token)
        if (!word) {
          const processed: ReturnType<typeof processTerm> = processTerm(token, field)
          const list: string[] = Array.isArray(processed) ? processed : processed ? [processed] : []
          word = { terms: list.map(termPostings), seen: 0 }
          words.set(token, word)
        }
        if (word.seen !== fieldRun) {
          word.seen = fieldRun
          unique++
        }
        for (const postings of word.terms) {
          let p = postings[fieldId]
          if (!p) {
            p = { docs: [], counts: [] }
            postings[fieldId] = p
          }
          const last = p.docs.length - 1
          if (last >= 0 && p.docs[last] === docId) p.counts[last]!++
          else {
            p.docs.push(docId)
            p.counts.push(1)
          }
        }
      }
      lengths[fieldId] = unique
      // MiniSearch's running average, step for step, so the floats serialize the same.
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * docId + unique) / (docId + 1)
    }
    fieldLength.push(lengths)
  }

  const parts: string[] = []
  for (const [term, postings] of tree) {
    const byField: string[] = []
    for (const [fieldId, p] of postings.entries()) {
      if (!p) continue
      const entries = p.docs.map((d, i) => `"${d}":${p.counts[i]}`)
      byField.push(`"${fieldId}":{${entries.join(',')}}`)
    }
    parts.push(`[${JSON.stringify(term)},{${byField.join(',')}}]`)
  }
  const documentIds = JSON.stringify(Object.fromEntries(docs.map((d, i) => [i, d.id])))
  const fieldIds = JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, i])))
  return (
    `{"documentCount":${docs.length},"nextId":${docs.length},"documentIds":${documentIds},"fieldIds":${fieldIds},` +
    `"fieldLength":${JSON.stringify(Object.fromEntries(fieldLength.entries()))},"averageFieldLength":${JSON.stringify(averageFieldLength)},` +
    `"storedFields":{},"dirtCount":0,"index":[${parts.join(',')}],"serializationVersion":2}`
  )
}
