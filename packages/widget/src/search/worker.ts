/**
 * The search worker: fetches and parses the manifest and the indexes and runs core's search off
 * the main thread, so neither a 3 MB body index nor a fuzzy query ever blocks the host page.
 */
import { type ManifestArticle, type SearchIndex, highlight, loadPrimaryIndex, normalizeQuery, search, snippet } from '@signpost/core'
import { fetchJson, readManifest } from '../kb/knowledge-base.ts'
import type { WorkerRequest, WorkerResponse } from './protocol.ts'
import type { Body } from './shards.ts'

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message)


let index: SearchIndex | undefined
/** The body index, once its table and the code for its shards have arrived. */
let body: Body | undefined
let articles = new Map<string, ManifestArticle>()
let load = 0

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

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'load') {
    const id = ++load
    index = undefined
    body = undefined
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
  const hits = search(current, query, { limit, filter }).flatMap((hit) => {
    const article = articles.get(hit.id)
    if (!article) return []
    const { locale } = current
    return [{ id: hit.id, title: highlight(article.title, hit.terms, locale), snippet: highlight(snippet(article.summary, hit.terms, locale, 140), hit.terms, locale) }]
  })
  post({ type: 'results', seq, normalized, hits })
}
