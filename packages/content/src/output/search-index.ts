import type { Options } from 'minisearch'
import SearchableMap from 'minisearch/SearchableMap'

/** Index-time options of @signpost/core's `indexOptions`: what decides the index's contents. */
type IndexOptions = Pick<Options, 'fields' | 'tokenize' | 'processTerm'>

/** One field of one document as the index counts it: its terms in order of first occurrence. */
export interface FieldTerms {
  /** Distinct words as written (before stop words and stemming): MiniSearch's field length. */
  length: number
  /**
   * The terms joined by spaces (no term holds one: words are split at spaces): one string to
   * keep per field instead of hundreds, which halved the garbage collector's work in a build.
   */
  terms: string
  counts: number[]
}

/** A document's fields (null where it has no value), in the order of the index's fields. */
export type DocumentTerms = (FieldTerms | null)[]

const NON_ASCII = /[^\x00-\x7f]/g
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * `tokenize`, with the words that hold non-ASCII characters tokenized once each and remembered.
 * Normalizing such text (NFKC, diacritics) costs several times the ASCII path, over the whole
 * text of an article with a single curly apostrophe. Words between ASCII spaces normalize
 * independently (no composition, case mapping or separator crosses a space), so the tokens are
 * the same, in the same order (checked against `tokenize` itself in search-index.test.ts).
 */
export function wordCachedTokenize(tokenize: (text: string, field: string) => string[]): (text: string, field: string) => string[] {
  const words = new Map<string, string[]>()
  return (text, field) => {
    NON_ASCII.lastIndex = 0
    let m = NON_ASCII.exec(text)
    if (!m) return tokenize(text, field)
    const tokens: string[] = []
    const add = (list: string[]) => {
      for (const t of list) tokens.push(t)
    }
    let from = 0
    while (m) {
      let start = m.index
      while (start > from && !isAsciiSpace(text.charCodeAt(start - 1))) start--
      let end = m.index + 1
      while (end < text.length && !isAsciiSpace(text.charCodeAt(end))) end++
      if (start > from) add(tokenize(text.slice(from, start), field))
      const word = text.slice(start, end)
      let wordTokens = words.get(word)
      if (!wordTokens) {
        wordTokens = tokenize(word, field)
        words.set(word, wordTokens)
      }
      add(wordTokens)
      from = end
      NON_ASCII.lastIndex = end
      m = NON_ASCII.exec(text)
    }
    if (from < text.length) add(tokenize(text.slice(from), field))
    return tokens
  }
}

interface Term {
  term: string
  /** The field run (document × field) it was last counted in, and its place in that run's list. */
  run: number
  at: number
}

/**
 * Counts the terms of documents for one index. Each distinct word is processed (stop words,
 * stemming) once; the counts of a document can be taken on any thread and merged later.
 */
export function createTermCounter(options: IndexOptions): (doc: object) => DocumentTerms {
  const { fields, processTerm } = options
  if (!options.tokenize || !processTerm) throw new Error('counting terms needs the tokenize and processTerm of the index')
  const tokenize = wordCachedTokenize(options.tokenize as (text: string, field: string) => string[])
  const terms = new Map<string, Term>()
  const words = new Map<string, { terms: Term[]; run: number }>()
  const termOf = (term: string): Term => {
    let t = terms.get(term)
    if (!t) {
      if (term.includes(' ')) throw new Error(`index term "${term}" holds a space`)
      t = { term, run: 0, at: 0 }
      terms.set(term, t)
    }
    return t
  }
  let run = 0
  return (doc) =>
    fields.map((field) => {
      const value = (doc as Record<string, unknown>)[field]
      if (value == null) return null
      run++
      let length = 0
      const list: string[] = []
      const counts: number[] = []
      for (const token of tokenize(String(value), field)) {
        let word = words.get(token)
        if (!word) {
          const processed: ReturnType<typeof processTerm> = processTerm(token, field)
          const wordTerms: string[] = Array.isArray(processed) ? processed : processed ? [processed] : []
          word = { terms: wordTerms.map(termOf), run: 0 }
          words.set(token, word)
        }
        if (word.run !== run) {
          word.run = run
          length++
        }
        for (const t of word.terms) {
          if (t.run === run) counts[t.at]!++
          else {
            t.run = run
            t.at = list.length
            list.push(t.term)
            counts.push(1)
          }
        }
      }
      return { length, terms: list.join(' '), counts }
    })
}

/** Postings of one term in one field: short document ids, ascending, and how often it occurs in each. */
interface Postings {
  docs: number[]
  counts: number[]
}

/** A serialized index in pieces: everything but the terms, and each term's JSON entry in MiniSearch's order. */
export interface IndexPieces {
  /** `"documentCount":…,"dirtCount":0`: the keys before `index`, without braces. */
  table: string
  terms: { term: string; json: string }[]
}

/**
 * The JSON of a MiniSearch index over documents with these ids and term counts (in this order),
 * byte for byte what `JSON.stringify(index)` gives after `new MiniSearch(options).addAll(docs)`
 * (plus `extra` keys, which MiniSearch's loader ignores), so @signpost/core loads it unchanged.
 */
export function serializeTerms(ids: readonly string[], counted: readonly DocumentTerms[], fields: readonly string[], extra: Record<string, unknown> = {}): string {
  const { table, terms } = serializePieces(ids, counted, fields)
  return `{${table},"index":[${terms.map((t) => t.json).join(',')}],"serializationVersion":2${extraKeys(extra)}}`
}

/** The JSON of an index's table alone (its terms left out, `index: []`), for a sharded index. */
export function serializeTable(table: string, extra: Record<string, unknown>): string {
  return `{${table},"index":[],"serializationVersion":2${extraKeys(extra)}}`
}

const extraKeys = (extra: Record<string, unknown>) =>
  Object.entries(extra)
    .map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join('')

/**
 * `serializeTerms` in pieces. MiniSearch walks its radix tree for every word of every document,
 * which was most of a large build; here only each distinct term enters a radix tree, for the order
 * MiniSearch serializes terms in (the order they were first added).
 */
export function serializePieces(ids: readonly string[], counted: readonly DocumentTerms[], fields: readonly string[]): IndexPieces {
  const terms = new Map<string, Postings[]>()
  const tree = new SearchableMap<Postings[]>()
  const fieldLength: ((number | undefined)[] | undefined)[] = []
  const averageFieldLength: number[] = []
  // Indexed loops: `for…of entries()` here measured slower than everything else in the function.
  for (let docId = 0; docId < counted.length; docId++) {
    const doc = counted[docId]!
    const lengths: (number | undefined)[] = []
    for (let fieldId = 0; fieldId < doc.length; fieldId++) {
      const field = doc[fieldId]
      if (!field) continue
      const fieldTerms = field.counts.length > 0 ? field.terms.split(' ') : []
      for (let k = 0; k < fieldTerms.length; k++) {
        const term = fieldTerms[k]!
        let postings = terms.get(term)
        if (!postings) {
          postings = []
          terms.set(term, postings)
          tree.set(term, postings)
        }
        let p = postings[fieldId]
        if (!p) {
          p = { docs: [], counts: [] }
          postings[fieldId] = p
        }
        p.docs.push(docId)
        p.counts.push(field.counts[k]!)
      }
      lengths[fieldId] = field.length
      // MiniSearch's running average, step for step, so the floats serialize the same.
      averageFieldLength[fieldId] = ((averageFieldLength[fieldId] || 0) * docId + field.length) / (docId + 1)
    }
    // A document without any field has no lengths at all in MiniSearch (JSON leaves undefined out).
    if (lengths.length > 0) fieldLength[docId] = lengths
  }

  const entries: { term: string; json: string }[] = []
  for (const [term, postings] of tree) {
    const byField: string[] = []
    for (let fieldId = 0; fieldId < postings.length; fieldId++) {
      const p = postings[fieldId]
      if (!p) continue
      const list = p.docs.map((d, i) => `"${d}":${p.counts[i]}`)
      byField.push(`"${fieldId}":{${list.join(',')}}`)
    }
    entries.push({ term, json: `[${JSON.stringify(term)},{${byField.join(',')}}]` })
  }
  const documentIds = JSON.stringify(Object.fromEntries(ids.map((id, i) => [i, id])))
  const fieldIds = JSON.stringify(Object.fromEntries(fields.map((f, i) => [f, i])))
  return {
    table:
      `"documentCount":${ids.length},"nextId":${ids.length},"documentIds":${documentIds},"fieldIds":${fieldIds},` +
      `"fieldLength":${JSON.stringify(Object.fromEntries(fieldLength.entries()))},"averageFieldLength":${JSON.stringify(averageFieldLength)},` +
      `"storedFields":{},"dirtCount":0`,
    terms: entries,
  }
}

/**
 * Cuts an index's terms into shards of about `bytes` of JSON each, in term order (a term's
 * entry is never split). Returns each shard's first term and its JSON (a list of entries); the
 * first shard starts at '' so every term falls in one.
 */
export function shardTerms(terms: IndexPieces['terms'], bytes: number): { first: string; json: string }[] {
  const sorted = [...terms].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
  const shards: { first: string; json: string }[] = []
  let current: string[] = []
  let size = 0
  let first = ''
  for (const t of sorted) {
    if (size > 0 && size + t.json.length > bytes) {
      shards.push({ first, json: `[${current.join(',')}]` })
      current = []
      size = 0
      first = t.term
    }
    current.push(t.json)
    size += t.json.length + 1
  }
  shards.push({ first, json: `[${current.join(',')}]` })
  return shards
}

/** `serializeTerms` for documents counted here and now. */
export function serializeIndex<T extends { id: string }>(docs: readonly T[], options: IndexOptions): string {
  const count = createTermCounter(options)
  return serializeTerms(
    docs.map((d) => d.id),
    docs.map((d) => count(d)),
    options.fields,
  )
}
