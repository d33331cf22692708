import { baseLanguage, stopWords, type WordBucket, wordBucket, words } from '@signpost/core'
import type { RenderedArticle } from '../article.ts'
import { htmlToText } from '../markdown/html-text.ts'
import { defaultCacheDir, type Embedder, englishLevels, englishWords, loadEmbedder, openWordTable, TABLE_DIMS, type WordTable } from './word-table.ts'
import { firstComponent, unit, without } from './vectors.ts'

/** Dimensions shipped per vector (of the table's `TABLE_DIMS`), chosen on the development sets. */
export const SEMANTIC_DIMS = 64
/**
 * What an article's vector averages: title, summary and headings. On the dev and tune sets the
 * title alone scored the same within a question or two, but a summary ("a company you buy goods
 * from") is where an article's meaning is spelled out in other words than its title's.
 */
const ARTICLE_TEXT = 'all'
/** SIF's smoothing: a word's weight is a / (a + p(word)), p its share of the corpus's words. */
const SIF_A = 1e-3
/**
 * Bits per dimension of an article vector. 4 ranks as int8 did on the dev and tune sets (within a
 * question, semantic-lab.ts) for half the bytes: business-central's 2,112 articles at 64
 * dimensions weigh 68 KB instead of 135, under a tenth of the keyword index.
 */
const ARTICLE_BITS = 4
/** Words per bucket aimed at: a 5-word query fetches about 5 buckets of this many words. */
const WORDS_PER_BUCKET = 14
const MAX_BUCKETS = 4096
/** A corpus word completes a word being typed only if it occurs this often (rarer ones cost bytes, seldom typed). */
const COMPLETION_MIN_COUNT = 5

/**
 * How much the most common English words count (SCOWL size 10, 20): "got", "stuff", "want" carry
 * little of a question's topic, and a knowledge base that never uses them would otherwise weigh
 * them most (SIF weighs a word by its rarity in the corpus alone).
 */
const COMMON_ENGLISH_WEIGHT: Record<number, number> = { 10: 0.25, 20: 0.5 }

/** Articles from which the component all articles share is taken out. */
const COMMON_MIN_ARTICLES = 20

/** `'local'`: ship only the corpus's words, inside the table, so no request reveals the words typed. */
export type SemanticMode = boolean | 'local'

/** What the build writes of a locale's semantic layer (assemble.ts names the files). */
export interface SemanticLocale {
  model: string
  dims: number
  scale: number[]
  articleScale: number[]
  /** Vector of each article by id, one value (−7 to 7: 4 bits) a dimension; assemble.ts packs them (`packInt4`). */
  articles: Map<string, Int8Array>
  /** Buckets by number (remote mode) or empty (local mode, `words` carries them). */
  buckets: WordBucket[]
  completions: string
  words?: WordBucket
  common?: number[]
}

/** Languages the model embeds. */
const MODEL_LANGUAGES = new Set(['en'])

export interface SemanticOptions {
  mode: SemanticMode
  cacheDir?: string
  onProgress?: (line: string) => void
  /** The base vocabulary (default: `englishWords()`); tests pass a short list. */
  base?: string[]
  /** Dimensions shipped (default `SEMANTIC_DIMS`). */
  dims?: number
  /** What an article's vector averages (default `ARTICLE_TEXT`). */
  articleText?: 'title' | 'title+summary' | 'all'
  /** Weigh the most common English words down (default true; the bench compares). */
  commonEnglish?: boolean
  /** Keep the component all articles share (the bench compares; default false: it is removed). */
  keepCommon?: boolean
  embedder?: Embedder
}

/**
 * The semantic layer of each locale the model knows; the others stay keyword-only, listed in
 * `skipped`. The model is loaded here only, so a build without `--semantic` never touches it.
 */
export async function semanticLayers(
  articles: RenderedArticle[],
  options: SemanticOptions,
): Promise<{ layers: Map<string, SemanticLocale>; skipped: string[]; embedder?: Embedder }> {
  const levels = options.base ? undefined : englishLevels()
  const byLocale = new Map<string, RenderedArticle[]>()
  for (const a of articles) byLocale.set(a.locale, [...(byLocale.get(a.locale) ?? []), a])
  const layers = new Map<string, SemanticLocale>()
  const skipped = [...byLocale.keys()].filter((l) => !MODEL_LANGUAGES.has(baseLanguage(l))).sort()
  const wanted = [...byLocale.keys()].filter((l) => MODEL_LANGUAGES.has(baseLanguage(l))).sort()
  if (wanted.length === 0) return { layers, skipped }
  const embedder = options.embedder ?? (await loadEmbedder())
  const corpora = new Map(wanted.map((l) => [l, corpusCounts(byLocale.get(l)!)]))
  const table = await openWordTable({
    embedder,
    base: options.base ?? englishWords(),
    extra: wanted.flatMap((l) => [...corpora.get(l)!.counts.keys()]),
    cacheDir: options.cacheDir ?? defaultCacheDir(),
    onProgress: options.onProgress,
  })
  for (const locale of wanted) layers.set(locale, localeLayer(byLocale.get(locale)!, corpora.get(locale)!, table, options, levels))
  // Returned so the next knowledge base of the build (an audience's) reuses the started model.
  return { layers, skipped, embedder }
}

interface Corpus {
  counts: Map<string, number>
  total: number
  stop: Set<string>
}

/** Every word of the locale's articles (stop words aside), counted: p(word) for SIF, completions. */
function corpusCounts(list: RenderedArticle[]): Corpus {
  const stop = stopWords(list[0]!.locale)
  const counts = new Map<string, number>()
  let total = 0
  for (const a of list) {
    const text = [a.title, a.summary, ...a.headings.map((h) => h.text), htmlToText(a.html)].join(' ')
    for (const w of words(text)) {
      total++
      if (!stop.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1)
    }
  }
  return { counts, total, stop }
}

function localeLayer(list: RenderedArticle[], corpus: Corpus, table: WordTable, options: SemanticOptions, levels: Map<string, number> | undefined): SemanticLocale {
  const dims = options.dims ?? SEMANTIC_DIMS
  if (dims > TABLE_DIMS) throw new Error(`semantic: at most ${TABLE_DIMS} dimensions, not ${dims}`)
  const everyday = (w: string) => (options.commonEnglish === false ? 1 : (COMMON_ENGLISH_WEIGHT[levels?.get(w) ?? 0] ?? 1))
  const weight = (w: string) => everyday(w) * (SIF_A / (SIF_A + (corpus.counts.get(w) ?? 0) / Math.max(1, corpus.total)))
  const vectorOf = (w: string) => table.get(w)?.subarray(0, dims)

  // Article vectors: SIF-weighted mean over what names the article (title, summary, headings).
  const articles = new Map<string, Float32Array>()
  for (const a of list) {
    if (articles.has(a.id)) continue
    const v = new Float32Array(dims)
    const text = options.articleText ?? ARTICLE_TEXT
    const named = text === 'title' ? [a.title] : text === 'title+summary' ? [a.title, a.summary] : [a.title, a.summary, ...a.headings.map((h) => h.text)]
    for (const w of words(named.join(' '))) {
      const x = corpus.stop.has(w) ? undefined : vectorOf(w)
      if (!x) continue
      const s = weight(w)
      for (let d = 0; d < dims; d++) v[d]! += s * x[d]!
    }
    articles.set(a.id, unit(v))
  }
  const common = options.keepCommon ? undefined : commonComponent([...articles.values()], dims)
  if (common) for (const v of articles.values()) unit(without(v, common))
  const articleQ = quantize([...articles.values()], dims, ARTICLE_BITS)
  const quantizedArticles = new Map([...articles.keys()].map((id, i) => [id, articleQ.values[i]!]))

  // Words shipped: the corpus's own, plus (remote mode) the general vocabulary customers use.
  const vocabulary = new Set([...corpus.counts.keys()].filter((w) => table.get(w)))
  if (options.mode !== 'local') for (const w of table.base) if (!corpus.stop.has(w)) vocabulary.add(w)
  const sorted = [...vocabulary].sort()
  const wordQ = quantize(sorted.map((w) => vectorOf(w)!), dims)
  const entries = sorted.map((w, i) => ({ w, s: round3(weight(w)), v: wordQ.values[i]! }))
  const completions = [...corpus.counts]
    .filter(([w, c]) => c >= COMPLETION_MIN_COUNT && vocabulary.has(w))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([w]) => w)
    .join(' ')
  const base = {
    model: table.model,
    dims,
    scale: wordQ.scale,
    articleScale: articleQ.scale,
    articles: quantizedArticles,
    completions,
    ...(common ? { common: [...common].map((x) => Number(x.toPrecision(6))) } : {}),
  }
  if (options.mode === 'local') return { ...base, buckets: [], words: bucketOf(entries, dims) }
  const count = Math.min(MAX_BUCKETS, 2 ** Math.ceil(Math.log2(Math.max(1, entries.length / WORDS_PER_BUCKET))))
  const groups: (typeof entries)[] = Array.from({ length: count }, () => [])
  for (const e of entries) groups[wordBucket(e.w, count)]!.push(e)
  return { ...base, buckets: groups.map((g) => bucketOf(g, dims)) }
}

function bucketOf(entries: { w: string; s: number; v: Int8Array }[], dims: number): WordBucket {
  const all = new Int8Array(entries.length * dims)
  for (const [i, e] of entries.entries()) all.set(e.v, i * dims)
  return { w: entries.map((e) => e.w), s: entries.map((e) => e.s), v: Buffer.from(all.buffer).toString('base64') }
}

/** `bits`-bit integers (stored one a byte) with one scale per dimension: the largest magnitude maps to the top level. */
function quantize(vectors: Float32Array[], dims: number, bits = 8): { scale: number[]; values: Int8Array[] } {
  const top = 2 ** (bits - 1) - 1
  const max = new Float32Array(dims)
  for (const v of vectors) for (let d = 0; d < dims; d++) max[d] = Math.max(max[d]!, Math.abs(v[d]!))
  const scale = [...max].map((m) => (m > 0 ? m / top : 1))
  // Scales are written rounded; quantizing with the rounded ones keeps build and reader exact.
  const written = scale.map((s) => Number(s.toPrecision(6)))
  const values = vectors.map((v) => Int8Array.from(v, (x, d) => Math.max(-top, Math.min(top, Math.round(x / written[d]!)))))
  return { scale: written, values }
}

/** The direction every article shares (SIF's common component), or none for a handful of articles. */
function commonComponent(vectors: Float32Array[], dims: number): Float32Array | undefined {
  // With a handful of articles the first component is what tells them apart, not what they share.
  return vectors.length < COMMON_MIN_ARTICLES ? undefined : firstComponent(vectors, dims)
}

const round3 = (x: number) => Math.round(x * 1000) / 1000
