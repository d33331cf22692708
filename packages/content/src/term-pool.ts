import { availableParallelism, cpus } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { RenderedHtml } from './article.ts'
import { type ArticleTerms, type Countable, createArticleTermCounter } from './search-terms.ts'

/** Below this many articles the worker's start-up costs more than the counting it takes over. */
export const MIN_ARTICLES_FOR_WORKER = 300
/** Articles rendered before deciding where to count: long enough to see whether a core is idle. */
const DECIDE_AFTER = 100
/**
 * Idle share of all cores while this thread renders above which another core counts as free.
 * On two otherwise idle cores it reads 0.25-0.36 (V8's own helper threads use some of the
 * second, more on a slow machine); with another process busy there, 0-0.015. At 0.25 a slow
 * machine's builds fell either side of the line by chance, and counting here cost them 0.45 s.
 */
const IDLE_FOR_WORKER = 0.12
const BATCH = 32

export interface TermCounter {
  /** Counts an article's words (later, maybe on another thread), by its index. */
  add(i: number, article: RenderedHtml): void
  /** Every added article's terms, by index. */
  finish(): Promise<Map<number, ArticleTerms>>
}

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

const idleMs = () => cpus().reduce((sum, c) => sum + c.times.idle, 0)

/** Whether, since this was called, the cores were idle enough that one of them was free. */
function idleSince(): () => boolean {
  const wall = performance.now()
  const idle = idleMs()
  return () => (idleMs() - idle) / ((performance.now() - wall) * availableParallelism()) >= IDLE_FOR_WORKER
}

/**
 * Counts words for the search indexes (a fifth of a large build's work) on a worker thread while
 * this one renders, when another core is idle: business-central's loading phase measured
 * 1.99-2.42 s with the worker against 2.54-2.88 s without on a quiet machine, but 4.0-4.7 s
 * against 2.4-3.2 s when another process kept the second core busy, so the first articles'
 * rendering decides (IDLE_FOR_WORKER). Small builds and failures count here; the terms are the
 * same either way.
 */
export function startTermCounter(expected: number, options: { coreIsIdle?: () => boolean } = {}): TermCounter {
  const here = createArticleTermCounter()
  const results = new Map<number, ArticleTerms>()
  const mayUseWorker = expected >= MIN_ARTICLES_FOR_WORKER && availableParallelism() >= 2
  const coreIsIdle = options.coreIsIdle ?? (mayUseWorker ? idleSince() : () => false)
  /** Articles waiting for the decision. */
  let waiting: [number, Countable][] = []
  let decided = !mayUseWorker
  let worker: Worker | undefined
  let failed = false
  /** Everything given to the worker, to count here what it has not answered if it fails. */
  const given: [number, Countable][] = []
  let batch: [number, Countable][] = []

  const flush = () => {
    if (batch.length > 0 && !failed) worker!.postMessage(batch)
    batch = []
  }
  const decide = () => {
    decided = true
    if (coreIsIdle()) {
      worker = new Worker(new URL('./term-worker-entry.js', import.meta.url))
      // Unreferenced until `finish`: a build that fails before then is not kept alive by it.
      worker.unref()
      const stop = () => {
        failed = true
      }
      worker.on('error', stop)
      worker.on('exit', stop)
      // ArticleTerms batches wait in the port while this thread renders; they are read during `finish`.
      worker.on('message', (counted: [number, ArticleTerms][] | 'done') => {
        if (counted !== 'done') for (const [i, c] of counted) results.set(i, c)
      })
      for (const entry of waiting) given.push(entry)
      batch = waiting
      flush()
    } else for (const [i, c] of waiting) results.set(i, here(c))
    waiting = []
  }

  return {
    add(i, article) {
      if (decided && !worker) {
        results.set(i, here(article))
        return
      }
      const entry: [number, Countable] = [i, countable(article)]
      if (!decided) {
        waiting.push(entry)
        if (waiting.length >= DECIDE_AFTER) decide()
        return
      }
      given.push(entry)
      batch.push(entry)
      if (batch.length >= BATCH) flush()
    },
    async finish() {
      for (const [i, c] of waiting) results.set(i, here(c))
      waiting = []
      if (!worker) return results
      flush()
      const w = worker
      try {
        if (failed) throw new Error('term worker failed')
        w.ref()
        await new Promise<void>((resolve, reject) => {
          w.on('message', (m) => m === 'done' && resolve())
          w.once('error', reject)
          w.once('exit', () => reject(new Error('term worker stopped')))
          w.postMessage('finish')
        })
      } catch {
        for (const [i, c] of given) if (!results.has(i)) results.set(i, here(c))
      } finally {
        await w.terminate()
      }
      return results
    },
  }
}
