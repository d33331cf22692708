import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch'
import { BODY_FIELDS, FIELD_BOOSTS, indexOptions } from './fields.ts'
import { maskOf, type PlannedTerms, planQuery, termWeights, toQuery } from './plan.ts'
import { refineQuery } from './query-refine.ts'
import type { Synonyms } from './query.ts'
import { loadPrimaryIndex, type SearchableBody, type SearchIndex } from './search.ts'
import type { SemanticIndex } from './semantic.ts'

/**
 * The body index (summary, headings and text of each article), cut by term range into shards that
 * a browser fetches for the words typed, as Pagefind does. Its table file (the manifest's
 * `bodyIndex`) is MiniSearch's JSON without terms (article ids and field lengths, which every
 * score needs) plus `shards`: `[{ first, file }]` in term order, shard j holding the terms from its
 * `first` up to the next one's (files relative to the manifest), each a JSON list of MiniSearch's
 * term entries. A table without `shards` carries its terms itself, as one part.
 *
 * This module is apart from search.ts so that the widget's search worker loads it with the body
 * table, after the first results.
 */
export interface BodyIndex extends SearchableBody {
  parts: BodyPart[]
  /** The table every shard is loaded with (terms left out). */
  table?: AsPlainObject
  /** The table loaded once, its article maps shared by every shard loaded (`withShard`). */
  articles?: MiniSearch
  locale: string
}

export interface BodyPart {
  /** First term of the range; the range ends before the next part's `first`. */
  first: string
  /** File of the shard, relative to the manifest; absent for terms carried in the table. */
  file?: string
  /** Loaded once fetched. */
  index?: MiniSearch
}

type Serialized = string | AsPlainObject
type Table = AsPlainObject & { shards?: unknown }

function load(data: AsPlainObject, locale: string): MiniSearch {
  return MiniSearch.loadJS(data, indexOptions(locale, BODY_FIELDS))
}

function bodyOf(parts: BodyPart[], locale: string, table?: AsPlainObject, articles?: MiniSearch): BodyIndex {
  return { parts, locale, ...(table ? { table } : {}), ...(articles ? { articles } : {}), find: (terms) => find(parts, terms), learned, refineQuery }
}

/** Customer words a query must share with an article's learned queries for them to count. */
const LEARNED_MIN_WORDS = 2

/**
 * The primary index's queries learned from traffic, matched without typo tolerance, counting only
 * where they share two of the customer's words (one, for a one-word query): a single common word
 * shared with some past query is no evidence.
 */
function learned(primary: MiniSearch, terms: PlannedTerms, groupCount: number): SearchResult[] {
  const needed = Math.min(LEARNED_MIN_WORDS, groupCount)
  const mask = maskOf(terms)
  // Each term once, as typed: a past query is evidence only where the customer's own words meet it.
  const exact = new Map([...terms.values()].map((t) => [`${t.term}${t.prefix ? '*' : ''}`, { ...t, fuzzy: 0 }]))
  const results = primary.search(toQuery(exact.values()), { fields: ['learned'], boost: FIELD_BOOSTS, boostTerm: termWeights(terms) })
  return results.filter((r) => popCount(mask(r)) >= needed)
}

function popCount(n: number): number {
  let c = 0
  for (let x = n; x !== 0; x &= x - 1) c++
  return c
}

/** Opens a body table. Shards are loaded later (`withShard`), or all at once by `loadBody` with `shards`. */
export function openBody(data: Serialized, locale: string): BodyIndex {
  const table = (typeof data === 'string' ? JSON.parse(data) : data) as Table
  if (!Array.isArray(table.shards)) return bodyOf([{ first: '', index: load(table, locale) }], locale)
  const parts = (table.shards as { first: string; file: string }[]).map((s) => ({ first: s.first, file: s.file }))
  return bodyOf(parts, locale, { ...table, index: [] } as AsPlainObject)
}

/** Term entries of a fetched shard file. */
type ShardEntries = AsPlainObject['index']

/** The body with shard `j` loaded from its fetched entries. */
export function withShard(body: BodyIndex, j: number, entries: unknown): BodyIndex {
  if (!body.table) return body
  const articles = body.articles ?? load(body.table, body.locale)
  const parts = body.parts.slice()
  parts[j] = { ...parts[j]!, index: shardIndex(body.table, articles, entries as ShardEntries, body.locale) }
  return bodyOf(parts, body.locale, body.table, articles)
}

/** MiniSearch's maps of the articles (ids, field lengths): the same for every shard of a body. */
const ARTICLE_MAPS = ['_documentIds', '_idToShortId', '_fieldLength', '_storedFields'] as const

/**
 * A shard's terms over the body's one article table. Loaded each with its own copy of the table,
 * a business-central session held 0.4 MB per shard (49 MB after 120 shards); MiniSearch keeps
 * the table in plain fields, so the shard is loaded without it and given the shared maps. Should
 * a MiniSearch version keep them elsewhere, the shard keeps its own copy: more memory, same ranking.
 */
function shardIndex(table: AsPlainObject, articles: MiniSearch, entries: ShardEntries, locale: string): MiniSearch {
  const shared = articles as unknown as Record<string, unknown>
  if (!ARTICLE_MAPS.every((f) => shared[f] instanceof Map)) return load({ ...table, index: entries }, locale)
  const shard = load({ ...table, documentIds: {}, fieldLength: {}, storedFields: {}, index: entries }, locale) as unknown as Record<string, unknown>
  for (const f of ARTICLE_MAPS) shard[f] = shared[f]
  return shard as unknown as MiniSearch
}

/** A body with every shard's entries at hand (the CLI reads them all): one index, as if never cut. */
export function loadBody(data: Serialized, locale: string, shards: unknown[] = []): BodyIndex {
  const body = openBody(data, locale)
  if (!body.table) return body
  return bodyOf([{ first: '', index: load({ ...body.table, index: shards.flat() as ShardEntries }, locale) }], locale)
}

/** Loads a primary index and, when given, a body (its table and the entries of all its shards). */
export function loadSearchIndex(input: {
  locale: string
  primary: Serialized
  body?: Serialized
  bodyShards?: unknown[]
  synonyms?: Synonyms
  titles?: Map<string, string>
  /** Word and article vectors (`loadSemantic` of the manifest's `semantic` table). */
  semantic?: SemanticIndex
}): SearchIndex {
  const primary = typeof input.primary === 'string' ? (JSON.parse(input.primary) as AsPlainObject) : input.primary
  const index = { ...loadPrimaryIndex({ ...input, primary }), ...(input.semantic ? { semantic: input.semantic } : {}) }
  return input.body === undefined ? index : { ...index, body: loadBody(input.body, input.locale, input.bodyShards) }
}

/** Adds a body index (with its terms) to a loaded locale once it has been fetched. */
export function withBodyIndex(index: SearchIndex, body: Serialized): SearchIndex {
  return { ...index, body: loadBody(body, index.locale) }
}

/** The body shards a query needs that are not loaded yet (fetch them, `withShard` each, search again). */
export function missingShards(index: SearchIndex, body: BodyIndex, query: string): number[] {
  const { bodyTerms } = planQuery(index, query, refineQuery)
  const missing = new Set<number>()
  for (const t of bodyTerms.values()) for (const j of partsFor(body.parts, t.term, t.prefix)) if (!body.parts[j]!.index) missing.add(j)
  return [...missing].sort((a, b) => a - b)
}

/** The parts whose term range holds `term` (or, for a prefix, any word starting with it). */
export function partsFor(parts: readonly BodyPart[], term: string, prefix: boolean): number[] {
  const upper = prefix ? `${term}\uffff` : term
  const out: number[] = []
  for (let j = 0; j < parts.length; j++) {
    const next = parts[j + 1]?.first
    if (parts[j]!.first <= upper && (next === undefined || next > term)) out.push(j)
  }
  return out
}

/** Each loaded part searched for the planned terms in its range; one result per article. */
function find(parts: readonly BodyPart[], terms: PlannedTerms): SearchResult[] {
  const byPart = new Map<number, PlannedTerms>()
  for (const [key, t] of terms) {
    for (const j of partsFor(parts, t.term, t.prefix)) {
      if (!parts[j]!.index) continue
      const forPart = byPart.get(j) ?? new Map()
      forPart.set(key, t)
      byPart.set(j, forPart)
    }
  }
  const perPart = [...byPart].map(([j, t]) => parts[j]!.index!.search(toQuery(t.values()), { boost: FIELD_BOOSTS, boostTerm: termWeights(t) }))
  return perPart.length === 1 ? perPart[0]! : mergeShardResults(perPart)
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
