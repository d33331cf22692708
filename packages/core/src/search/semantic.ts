import { normalizeQuery } from '../text/normalize.ts'
import { stopWords } from '../text/stopwords.ts'

/**
 * Meaning-based ranking from static word vectors (`signpost build --semantic`). Each word of a
 * vocabulary was embedded alone by a sentence model at build time, reduced to a few dozen
 * dimensions and stored as int8; an article's vector is the weighted mean of the words of its
 * title, summary and headings, a query's the same over the words typed. A query needs only its
 * own words' vectors: the table is cut into buckets by word hash, fetched for the words typed.
 */

/**
 * Version of the semantic table's format; a table of another version is ignored (keyword search
 * only). 2: article vectors in 4 bits (1: int8).
 */
export const SEMANTIC_FORMAT_VERSION = 2

/** A locale's semantic table (the manifest locale's `semantic` file). */
export interface SemanticTable {
  format: typeof SEMANTIC_FORMAT_VERSION
  /** Model (and version) the words were embedded with. */
  model: string
  dims: number
  /** Word vectors: `${dir}${n}.json` holds the words whose `wordBucket` is n, for n < count (a `WordBucket` each). */
  buckets: { dir: string; count: number }
  /** The scale of each dimension of the int8 word vectors. */
  scale: number[]
  /**
   * Article vectors in the manifest's order of the locale's articles, base64: 4 bits a dimension
   * (−7 to 7, two's complement), `ceil(dims / 2)` bytes an article, dimension 2k in the low half of
   * byte k. Half the bytes of int8 for the same ranking on the dev and tune sets (semantic-lab.ts).
   */
  articles: { vectors: string; scale: number[] }
  /** Corpus words, most frequent first, space-separated: the word being typed completes to the first with its prefix. */
  completions: string
  /**
   * The direction every article shares (their first principal component, unit length), taken out
   * of the query as it was out of the articles: what is left tells articles apart (SIF).
   */
  common?: number[]
  /** `semantic="local"` builds: every word of the corpus, so no request names the words typed. */
  words?: WordBucket
}

/** Words, their weights (a / (a + p(word)), p from the corpus) and their vectors (int8 base64, `dims` each). */
export interface WordBucket {
  w: string[]
  s: number[]
  v: string
}

/** A loaded semantic table: article vectors at once, word vectors as their buckets arrive. */
export interface SemanticIndex {
  dims: number
  bucketDir: string
  bucketCount: number
  /** Unit-length article vectors, `dims` each, in `ids` order. */
  ids: string[]
  vectors: Float32Array
  scale: Float32Array
  completions: string[]
  completionSet: Set<string>
  common?: Float32Array
  /** Words whose bucket was loaded (a word absent from a loaded bucket has no vector). */
  words: Map<string, { weight: number; vector: Float32Array }>
  loaded: Set<number>
  /** True when every bucket is at hand (local mode, or the CLI read them all). */
  complete: boolean
  /**
   * Keyword leaders (best first) re-ranked with meaning (`blend` below, with the query's vector);
   * undefined while no word of the query has a vector. Carried by the index so that `search` needs
   * no import of this module: the widget loads it only for a knowledge base built with
   * `--semantic`, after the first results.
   */
  rerank<H extends BlendHit>(leaders: H[], query: string, locale: string, keywordWeight?: number, filter?: (id: string) => boolean): H[] | undefined
}

/**
 * The keyword score's share of the blend with meaning (`SearchOptions.keywordWeight`). Chosen on
 * the dev and tune sets (520 questions): at 0.9 the blend loses 1 question keyword search had in
 * the top 5; at 0.6, 7 of the 120 tune questions, as meaning's noise outweighs what it finds.
 */
export const KEYWORD_WEIGHT = 0.9

/** What `blend` reads and writes of a keyword hit (search.ts's own hits, with their matched terms). */
export interface BlendHit {
  id: string
  score: number
}

/** Bucket of a word: FNV-1a over its UTF-16 code units, so the build and the browser agree. */
export function wordBucket(word: string, count: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) % count
}

function decodeInt8(b64: string): Int8Array {
  const bin = atob(b64)
  const out = new Int8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = (bin.charCodeAt(i) << 24) >> 24
  return out
}

/** 4-bit article vectors (see `SemanticTable.articles`) as one int8 per dimension. */
function decodeInt4(b64: string, dims: number): Int8Array {
  const bin = atob(b64)
  const per = Math.ceil(dims / 2)
  const count = Math.floor(bin.length / per)
  const out = new Int8Array(count * dims)
  for (let a = 0; a < count; a++) {
    for (let d = 0; d < dims; d++) {
      const byte = bin.charCodeAt(a * per + (d >> 1))
      out[a * dims + d] = (((d & 1 ? byte >> 4 : byte) & 0xf) << 28) >> 28
    }
  }
  return out
}

/**
 * Loads a semantic table; `ids` are the locale's article ids in manifest order, `buckets` the word
 * buckets already at hand by number (the CLI reads them all). Undefined for a table of another format.
 */
export function loadSemantic(table: SemanticTable, ids: string[], buckets?: Map<number, WordBucket>): SemanticIndex | undefined {
  if (table.format !== SEMANTIC_FORMAT_VERSION) return undefined
  const { dims } = table
  const raw = decodeInt4(table.articles.vectors, dims)
  if (raw.length !== ids.length * dims) throw new Error(`signpost: the semantic table has ${raw.length / dims} article vectors for ${ids.length} articles: rebuild the knowledge base`)
  const vectors = new Float32Array(raw.length)
  for (let a = 0; a < ids.length; a++) {
    let norm = 0
    for (let d = 0; d < dims; d++) {
      const x = raw[a * dims + d]! * table.articles.scale[d]!
      vectors[a * dims + d] = x
      norm += x * x
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0
    for (let d = 0; d < dims; d++) vectors[a * dims + d]! *= inv
  }
  const index: SemanticIndex = {
    dims,
    bucketDir: table.buckets.dir,
    bucketCount: table.buckets.count,
    ids,
    vectors,
    scale: Float32Array.from(table.scale),
    completions: table.completions === '' ? [] : table.completions.split(' '),
    completionSet: new Set(),
    common: table.common && Float32Array.from(table.common),
    words: new Map(),
    loaded: new Set(),
    complete: false,
    rerank: (leaders, query, locale, w = KEYWORD_WEIGHT, filter) => {
      const q = queryVector(index, query, locale)
      return q && blend(leaders, index, q, w, filter)
    },
  }
  index.completionSet = new Set(index.completions)
  if (table.words) {
    addWords(index, table.words)
    index.complete = true
  }
  for (const [n, bucket] of buckets ?? []) withWordBucket(index, n, bucket)
  if (index.bucketCount > 0 && index.loaded.size === index.bucketCount) index.complete = true
  return index
}

function addWords(index: SemanticIndex, bucket: WordBucket): void {
  const v = decodeInt8(bucket.v)
  const { dims, scale } = index
  bucket.w.forEach((word, i) => {
    const vector = new Float32Array(dims)
    for (let d = 0; d < dims; d++) vector[d] = v[i * dims + d]! * scale[d]!
    index.words.set(word, { weight: bucket.s[i]!, vector })
  })
}

/** Adds a fetched bucket's words (mutates: a bucket's words never change within a build). */
export function withWordBucket(index: SemanticIndex, n: number, bucket: WordBucket): SemanticIndex {
  if (!index.loaded.has(n)) {
    addWords(index, bucket)
    index.loaded.add(n)
  }
  return index
}

/** The file of bucket n, relative to the manifest. */
export function bucketFile(index: Pick<SemanticIndex, 'bucketDir'>, n: number): string {
  return `${index.bucketDir}${n}.json`
}

/**
 * The words of a query that carry meaning: stop words dropped, the word being typed (no space or
 * punctuation after it) completed to the most frequent corpus word with that prefix, unless it
 * is a corpus word itself.
 */
export function meaningWords(index: SemanticIndex, query: string, locale: string): string[] {
  const normalized = normalizeQuery(query)
  if (normalized === '') return []
  const stop = stopWords(locale)
  const all = normalized.split(' ')
  const typing = !/[\s\p{P}]$/u.test(query)
  const out: string[] = []
  all.forEach((w, i) => {
    if (stop.has(w)) return
    if (typing && i === all.length - 1) {
      if (!index.completionSet.has(w)) w = index.completions.find((c) => c.startsWith(w)) ?? w
    }
    if (!out.includes(w)) out.push(w)
  })
  return out
}

/** Buckets the query's words need that are not loaded yet (fetch them, `withWordBucket` each, search again). */
export function missingBuckets(index: SemanticIndex | undefined, query: string, locale: string): number[] {
  if (!index || index.complete) return []
  const need = new Set<number>()
  for (const w of meaningWords(index, query, locale)) {
    const n = wordBucket(w, index.bucketCount)
    if (!index.loaded.has(n)) need.add(n)
  }
  return [...need].sort((a, b) => a - b)
}

/** The query's vector: the weighted mean of the vectors of its words at hand; undefined when none is. */
export function queryVector(index: SemanticIndex, query: string, locale: string): Float32Array | undefined {
  const q = new Float32Array(index.dims)
  let any = false
  for (const w of meaningWords(index, query, locale)) {
    const entry = index.words.get(w)
    if (!entry) continue
    any = true
    for (let d = 0; d < index.dims; d++) q[d]! += entry.weight * entry.vector[d]!
  }
  if (!any) return undefined
  if (index.common) {
    let dot = 0
    for (let d = 0; d < index.dims; d++) dot += q[d]! * index.common[d]!
    for (let d = 0; d < index.dims; d++) q[d]! -= dot * index.common[d]!
  }
  let norm = 0
  for (const x of q) norm += x * x
  if (norm === 0) return undefined
  const inv = 1 / Math.sqrt(norm)
  for (let d = 0; d < index.dims; d++) q[d]! *= inv
  return q
}

/** Cosine of the query with every article, in `ids` order. */
export function cosines(index: SemanticIndex, q: Float32Array): Float32Array {
  const { dims, vectors, ids } = index
  const out = new Float32Array(ids.length)
  for (let a = 0; a < ids.length; a++) {
    let dot = 0
    const base = a * dims
    for (let d = 0; d < dims; d++) dot += vectors[base + d]! * q[d]!
    out[a] = dot
  }
  return out
}

/** Articles meaning alone may bring in. */
const BLEND_MEANING_HITS = 20
/** Meaning's score runs from 0 at this rank's cosine to 1 at the best article's. */
const BLEND_FLOOR_RANK = 100

/**
 * Keyword leaders and meaning's best articles, ranked by `w × keyword score ÷ the best keyword
 * score + (1 − w) × cosine`, the cosine rescaled from the 100th-best article's (0) to the best's (1),
 * so both halves span the same range whatever the query. An article only meaning found has no
 * keyword score; one meaning puts below the 100th gets nothing from it.
 */
function blend<H extends BlendHit>(leaders: H[], semantic: SemanticIndex, q: Float32Array, w: number, filter?: (id: string) => boolean): H[] {
  const cos = cosines(semantic, q)
  const order = nearest(cos, BLEND_FLOOR_RANK, filter && ((a) => filter(semantic.ids[a]!)))
  if (order.length === 0) return leaders
  const best = cos[order[0]!]!
  const floor = cos[order[order.length - 1]!]!
  const span = best - floor
  const position = positions(semantic)
  const meaning = (id: string) => {
    const a = position.get(id)
    return a === undefined || span <= 0 ? 0 : Math.max(0, (cos[a]! - floor) / span)
  }
  const top = leaders[0]?.score ?? 0
  const byId = new Map(leaders.map((h) => [h.id, { ...h, score: w * (top > 0 ? h.score / top : 0) }]))
  for (const a of order.slice(0, BLEND_MEANING_HITS)) {
    const id = semantic.ids[a]!
    if (!byId.has(id)) byId.set(id, { id, score: 0, mask: 0, terms: [], complete: false } as unknown as H)
  }
  const out = [...byId.values()]
  for (const h of out) h.score += (1 - w) * meaning(h.id)
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
}

/**
 * The `k` articles of highest cosine (those `keep` accepts), best first, ties in article order:
 * one pass with a short sorted list instead of sorting thousands of articles per keystroke.
 */
function nearest(cos: Float32Array, k: number, keep?: (a: number) => boolean): number[] {
  const out: number[] = []
  for (let a = 0; a < cos.length; a++) {
    if (keep && !keep(a)) continue
    const c = cos[a]!
    if (out.length === k && c <= cos[out[k - 1]!]!) continue
    let i = out.length
    while (i > 0 && cos[out[i - 1]!]! < c) i--
    out.splice(i, 0, a)
    if (out.length > k) out.pop()
  }
  return out
}

const positionsOf = new WeakMap<SemanticIndex, Map<string, number>>()
/** Each article's place in the vectors, by id (made once per index). */
function positions(index: SemanticIndex): Map<string, number> {
  let map = positionsOf.get(index)
  if (!map) {
    map = new Map(index.ids.map((id, a) => [id, a]))
    positionsOf.set(index, map)
  }
  return map
}


