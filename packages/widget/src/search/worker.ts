/**
 * The search worker: fetches and parses the manifest and the indexes and runs core's search off
 * the main thread, so neither a 3 MB body index nor a fuzzy query ever blocks the host page.
 */
import {
  BODY_FIELDS,
  type ManifestArticle,
  type SearchIndex,
  highlight,
  indexOptions,
  loadSearchIndex,
  normalizeQuery,
  search,
  snippet,
} from '@signpost/core'
import MiniSearch from 'minisearch'
import { fetchJson, readManifest } from '../kb/knowledge-base.ts'
import type { WorkerRequest, WorkerResponse } from './protocol.ts'

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message)


let index: SearchIndex | undefined
let articles = new Map<string, ManifestArticle>()
let load = 0

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'load') {
    const id = ++load
    index = undefined
    try {
      const { locale, articles: list } = await readManifest(data.manifest, data.locale)
      const primary = await fetchJson(new URL(locale.primaryIndex, data.manifest).href)
      if (id !== load) return
      articles = new Map(list.map((a) => [a.id, a]))
      const titles = new Map(list.map((a) => [a.id, a.title]))
      index = loadSearchIndex({ locale: locale.locale, primary: primary as never, synonyms: locale.synonyms, titles })
      post({ type: 'ready', locale: locale.locale, dir: locale.dir, articles: list })
      const body = await fetchJson(new URL(locale.bodyIndex, data.manifest).href)
      if (id !== load) return
      // Loaded in slices (core's own index options), so queries typed meanwhile are answered from
      // the primary index instead of waiting a second behind a large body index.
      const bodyIndex = await MiniSearch.loadJSAsync(body as never, indexOptions(locale.locale, BODY_FIELDS))
      if (id !== load) return
      index = { ...index, body: bodyIndex }
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
  const hits = search(current, query, { limit, filter }).flatMap((hit) => {
    const article = articles.get(hit.id)
    if (!article) return []
    const { locale } = current
    return [{ id: hit.id, title: highlight(article.title, hit.terms, locale), snippet: highlight(snippet(article.summary, hit.terms, locale, 140), hit.terms, locale) }]
  })
  post({ type: 'results', seq, normalized, hits })
}
