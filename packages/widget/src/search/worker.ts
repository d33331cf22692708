/**
 * The search worker: fetches and parses the manifest and the indexes and runs core's search off
 * the main thread, so neither a 3 MB body index nor a fuzzy query ever blocks the host page. It
 * holds only what the first results need; the body's shards, word vectors and highlighting come
 * with the refinements' chunk, a moment later.
 */
import { baseLanguage, type ManifestArticle, registerLanguage, type SearchIndex, loadPrimaryIndex, normalizeQuery, search } from '@signpost/core'
import { fetchJson, kbFile, readManifest } from '../kb/knowledge-base.ts'
import type { WorkerRequest, WorkerResponse } from './protocol.ts'
import type { Refine } from './refinements.ts'

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message)

let index: SearchIndex | undefined
/** Fetches what a query needs of the body (and of meaning), once the body's table has arrived. */
let refinements: Refine | undefined
/** Highlighting, from the refinements' chunk: until it has arrived, results go unmarked. */
let marks: typeof import('./refinements.ts') | undefined
let articles = new Map<string, ManifestArticle>()
let load = 0

/** Loads the body shards (and word vectors) a query needs, then tells the page to search again. */
async function refine(query: string): Promise<void> {
  const id = load
  try {
    const refined = index && (await refinements?.(index, query))
    if (!refined || id !== load) return
    index = refined
    post({ type: 'body' })
  } catch (error) {
    if (id === load) post({ type: 'error', message: String(error) })
  }
}

self.onmessage = async ({ data }: MessageEvent<WorkerRequest>) => {
  if (data.type === 'load') {
    const id = ++load
    index = undefined
    refinements = undefined
    try {
      const { locale, articles: list } = await readManifest(data.manifest, data.locale)
      // Stop words and stemmers beyond English come only with a knowledge base that needs them.
      const [primary] = await Promise.all([
        fetchJson(kbFile(locale.primaryIndex, data.manifest)),
        baseLanguage(locale.locale) === 'en' ? undefined : import('@signpost/core/languages').then((m) => m.registerAll(registerLanguage)),
      ])
      if (id !== load) return
      articles = new Map(list.map((a) => [a.id, a]))
      const titles = new Map(list.map((a) => [a.id, a.title]))
      index = loadPrimaryIndex({ locale: locale.locale, primary: primary as never, synonyms: locale.synonyms, titles })
      post({ type: 'ready', locale: locale.locale, dir: locale.dir, articles: list })
      // The body's table (and with --semantic the article vectors); shards and word vectors then come
      // for the words typed.
      const code = await import('./refinements.ts')
      marks = code
      const refined = await code.createRefinements(index, locale, list.map((a) => a.id), data.manifest, fetchJson)
      if (id !== load) return
      index = refined.index
      refinements = refined.refine
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
    return [
      marks
        ? { id: hit.id, title: marks.highlight(article.title, hit.terms, locale), snippet: marks.highlight(marks.snippet(article.summary, hit.terms, locale, 140), hit.terms, locale) }
        : { id: hit.id },
    ]
  })
  post({ type: 'results', seq, normalized, hits })
}
