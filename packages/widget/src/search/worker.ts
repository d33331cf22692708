/**
 * The search worker: fetches and parses the manifest and the indexes and runs core's search off
 * the main thread, so neither a 3 MB body index nor a fuzzy query ever blocks the host page.
 */
import { type ManifestArticle, type SearchIndex, highlight, loadPrimaryIndex, normalizeQuery, search, snippet } from '@signpost/core'
import { fetchJson, readManifest } from '../kb/knowledge-base.ts'
import type { SemanticTable, WordBucket } from '@signpost/core/semantic'
import type { WorkerRequest, WorkerResponse } from './protocol.ts'
import type { Body } from './shards.ts'

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message)


let index: SearchIndex | undefined
/** The body index, once its table and the code for its shards have arrived. */
let body: Body | undefined
let articles = new Map<string, ManifestArticle>()
let load = 0
let manifestUrl = ''
/** Word buckets (semantic search) fetched or being fetched, by number, for the current load. */
let requestedBuckets = new Set<number>()
/** The semantic module, loaded only for a knowledge base built with `--semantic` (outside the first-result budget). */
let semanticCode: typeof import('@signpost/core/semantic') | undefined

/** Loads the body shards a query needs, then tells the page to search again. */
async function refine(query: string): Promise<void> {
  const id = load
  try {
    const loaded = index && (await body?.fetchFor(index, query))
    if (!loaded || id !== load || !index) return
    index = { ...index, body: loaded }
    post({ type: 'body' })
  } catch (error) {
    if (id === load) post({ type: 'error', message: String(error) })
  }
}

/**
 * Fetches the word vectors of the words typed (a few small buckets, each once), then tells the
 * page to search again: results re-rank by meaning when they arrive, never waiting for them first.
 */
async function fetchBuckets(query: string): Promise<void> {
  const current = index
  const semantic = current?.semantic
  if (!current || !semantic || !semanticCode) return
  const { bucketFile, missingBuckets, withWordBucket } = semanticCode
  const wanted = missingBuckets(semantic, query, current.locale).filter((n) => !requestedBuckets.has(n))
  if (wanted.length === 0) return
  const id = load
  for (const n of wanted) requestedBuckets.add(n)
  try {
    const buckets = (await Promise.all(wanted.map((n) => fetchJson(new URL(bucketFile(semantic, n), manifestUrl).href)))) as WordBucket[]
    if (id !== load || index?.semantic !== semantic) return
    for (const [k, n] of wanted.entries()) withWordBucket(semantic, n, buckets[k]!)
    post({ type: 'body' })
  } catch (error) {
    for (const n of wanted) requestedBuckets.delete(n)
    if (id === load) post({ type: 'error', message: String(error) })
  }
}

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'load') {
    const id = ++load
    index = undefined
    body = undefined
    requestedBuckets = new Set()
    semanticCode = undefined
    manifestUrl = data.manifest
    try {
      const { locale, articles: list } = await readManifest(data.manifest, data.locale)
      const primary = await fetchJson(new URL(locale.primaryIndex, data.manifest).href)
      if (id !== load) return
      articles = new Map(list.map((a) => [a.id, a]))
      const titles = new Map(list.map((a) => [a.id, a.title]))
      index = loadPrimaryIndex({ locale: locale.locale, primary: primary as never, synonyms: locale.synonyms, titles })
      post({ type: 'ready', locale: locale.locale, dir: locale.dir, articles: list })
      // The body's table (section lengths and the list of shards); its terms come shard by shard,
      // for the words typed.
      const [table, { createBody }] = await Promise.all([fetchJson(new URL(locale.bodyIndex, data.manifest).href), import('./shards.ts')])
      if (id !== load) return
      body = createBody(table, locale.locale, data.manifest, fetchJson)
      index = { ...index, body: body.index }
      post({ type: 'body' })
      // Article vectors (`--semantic`): word vectors then come bucket by bucket, for the words typed.
      if (locale.semantic) {
        const [semantic, code] = await Promise.all([fetchJson(new URL(locale.semantic, data.manifest).href) as Promise<SemanticTable>, import('@signpost/core/semantic')])
        if (id !== load) return
        semanticCode = code
        index = { ...index, semantic: code.loadSemantic(semantic, list.map((a) => a.id)) }
        post({ type: 'body' })
      }
    } catch (error) {
      if (id === load) post({ type: 'error', message: String(error) })
    }
    return
  }
  const { seq, query, limit, category } = data
  const current = index
  const normalized = normalizeQuery(query)
  if (!current) return post({ type: 'results', seq, normalized, hits: [] })
  const filter = category ? (id: string) => articles.get(id)?.category === category : undefined
  void refine(query)
  void fetchBuckets(query)
  const hits = search(current, query, { limit, filter }).flatMap((hit) => {
    const article = articles.get(hit.id)
    if (!article) return []
    const { locale } = current
    return [{ id: hit.id, title: highlight(article.title, hit.terms, locale), snippet: highlight(snippet(article.summary, hit.terms, locale, 140), hit.terms, locale) }]
  })
  post({ type: 'results', seq, normalized, hits })
}
