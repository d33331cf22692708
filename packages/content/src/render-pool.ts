import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { type RenderedArticle, type RenderedHtml, type RenderEnv, renderArticle } from './article.ts'
import type { SourceFile } from './files.ts'
import { type ArticleTerms, type Countable, createArticleTermCounter, UNCOUNTED } from './search-terms.ts'

/** Below this many articles a worker's start-up costs more than the work it takes over. */
export const MIN_ARTICLES_FOR_WORKER = 300
const BATCH = 16

export interface RenderJob {
  /** The article's place in the build. */
  i: number
  file: SourceFile
}

export interface RenderPoolOptions {
  root: string
  env: RenderEnv
  /** The article's markdown (read on demand: what the worker renders, this thread never reads). */
  source: (i: number) => string
  onProgress?: (done: number) => void
  /** Whether a worker may help; default: for large builds on two or more cores. */
  worker?: boolean
  /** Count words for the search indexes; without, every article's `terms` are empty. */
  countWords: boolean
}

export interface RenderedArticles {
  /** By the article's place in the build. */
  articles: Map<number, RenderedArticle>
  /** How many of them the worker rendered. */
  byWorker: number
}

/** What the worker sends back: the words of articles rendered here, and articles it rendered itself. */
export type WorkerMessage = { counted: [number, ArticleTerms][] } | { rendered: [number, RenderedArticle][] } | 'done'

/** Only what counting reads, so little is copied to the worker. */
function countable(a: RenderedHtml): Countable {
  const { keywords, tags, category } = a.frontmatter
  return {
    id: a.id,
    locale: a.locale,
    title: a.title,
    summary: a.summary,
    frontmatter: { keywords, tags, category } as Countable['frontmatter'],
    headings: a.headings.map((h) => ({ text: h.text })) as Countable['headings'],
    html: a.html,
  }
}

/**
 * Renders articles and counts their words for the search indexes. For a large build a worker
 * counts the words of what this thread renders and, whenever it has nothing to count, renders
 * articles itself from the same queue (a shared counter). At the end this thread counts what the
 * worker has not reached, from the last article back while the worker goes forward (each article
 * is claimed once, in shared flags), so a worker kept slow by a busy core costs little. If the
 * worker fails, this thread does what it took and did not return; the result is the same either way.
 */
export async function renderArticles(jobs: RenderJob[], options: RenderPoolOptions): Promise<RenderedArticles> {
  const useWorker = options.worker ?? (jobs.length >= MIN_ARTICLES_FOR_WORKER && availableParallelism() >= 2)
  // [0]: the next job to render; [1 + k]: 1 once job k's words are being counted.
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + jobs.length)))
  const claim = (k: number) => Atomics.compareExchange(shared, 1 + k, 0, 1) === 0
  const results = new Map<number, RenderedArticle>()
  const html = new Map<number, RenderedHtml>()
  const terms = new Map<number, ArticleTerms>()
  let byWorker = 0
  const fromWorker = (k: number, a: RenderedArticle) => {
    results.set(jobs[k]!.i, a)
    byWorker++
  }
  const helper = useWorker ? startHelper(jobs, shared, options, fromWorker, terms) : undefined
  const count = options.countWords ? createArticleTermCounter() : () => UNCOUNTED
  const render = (k: number): RenderedHtml => renderArticle(jobs[k]!.file, options.source(jobs[k]!.i), options.env)
  for (let k = Atomics.add(shared, 0, 1); k < jobs.length; k = Atomics.add(shared, 0, 1)) {
    const a = render(k)
    html.set(k, a)
    if (options.countWords) helper?.count(k, a)
    options.onProgress?.(Math.min(k + 1, jobs.length))
  }
  helper?.flush()
  for (const k of [...html.keys()].reverse()) if (claim(k)) terms.set(k, count(html.get(k)!))
  await helper?.finish()
  for (const [k, a] of html) results.set(jobs[k]!.i, { ...a, terms: terms.get(k) ?? count(a) })
  for (let k = 0; k < jobs.length; k++) {
    if (results.has(jobs[k]!.i)) continue
    const a = render(k)
    results.set(jobs[k]!.i, { ...a, terms: count(a) })
  }
  return { articles: results, byWorker }
}

function startHelper(
  jobs: RenderJob[],
  shared: Int32Array,
  options: RenderPoolOptions,
  rendered: (k: number, a: RenderedArticle) => void,
  terms: Map<number, ArticleTerms>,
) {
  const worker = new Worker(new URL('./render-worker-entry.js', import.meta.url), {
    workerData: { root: options.root, defaultLocale: options.env.defaultLocale, jobs, shared: shared.buffer, countWords: options.countWords },
  })
  // Unreferenced until `finish`: a build that fails before then is not kept alive by it.
  worker.unref()
  let stopped = false
  worker.on('message', (m: WorkerMessage) => {
    if (m === 'done') return
    if ('counted' in m) for (const [k, t] of m.counted) terms.set(k, t)
    else for (const [k, a] of m.rendered) rendered(k, a)
  })
  const stop = () => {
    stopped = true
  }
  worker.on('error', stop)
  worker.on('exit', stop)
  let batch: [number, Countable][] = []
  const flush = () => {
    if (batch.length > 0 && !stopped) worker.postMessage(batch)
    batch = []
  }
  return {
    count(k: number, a: RenderedHtml) {
      batch.push([k, countable(a)])
      if (batch.length >= BATCH) flush()
    },
    flush,
    async finish() {
      if (!stopped) {
        worker.ref()
        await new Promise<void>((resolve) => {
          worker.on('message', (m) => m === 'done' && resolve())
          worker.once('error', () => resolve())
          worker.once('exit', () => resolve())
          worker.postMessage('finish')
        })
      }
      await worker.terminate()
    },
  }
}
