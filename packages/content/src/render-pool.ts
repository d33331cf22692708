import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { type RenderEnv, type RenderedArticle, renderArticle } from './article.ts'
import type { SourceFile } from './files.ts'

export interface RenderJob {
  i: number
  file: SourceFile
  source: string
}

/** Below this many articles a worker's start-up (loading marked and jsdom again) costs more than it saves. */
const MIN_JOBS_FOR_WORKERS = 300
const CHUNK = 24

/**
 * Renders articles on every core: this thread takes chunks from a shared queue while worker
 * threads take others, so a slow worker start or an expensive article never leaves a core idle.
 * Results come back by job index, so output order, and therefore the build, stays deterministic.
 */
export async function renderAll(
  jobs: RenderJob[],
  env: RenderEnv,
  workerData: { root: string; defaultLocale: string },
  onProgress?: (done: number) => void,
): Promise<Map<number, RenderedArticle>> {
  const results = new Map<number, RenderedArticle>()
  const queue = [...jobs]
  const workerCount = jobs.length >= MIN_JOBS_FOR_WORKERS ? Math.max(0, availableParallelism() - 1) : 0
  const workers: Promise<void>[] = []
  for (let w = 0; w < workerCount; w++) {
    workers.push(
      new Promise((resolve, reject) => {
        const worker = new Worker(new URL('./render-worker.ts', import.meta.url), { workerData })
        const next = () => {
          const chunk = queue.splice(0, CHUNK)
          if (chunk.length === 0) {
            void worker.terminate().then(() => resolve())
            return
          }
          worker.postMessage(chunk)
        }
        worker.on('message', (done: { i: number; article: RenderedArticle }[]) => {
          for (const d of done) results.set(d.i, d.article)
          onProgress?.(results.size)
          next()
        })
        worker.on('error', reject)
        worker.once('online', next)
      }),
    )
  }
  while (queue.length > 0) {
    for (const job of queue.splice(0, CHUNK)) results.set(job.i, renderArticle(job.file, job.source, env))
    onProgress?.(results.size)
    // Let worker replies in between chunks.
    await new Promise((r) => setImmediate(r))
  }
  await Promise.all(workers)
  return results
}
