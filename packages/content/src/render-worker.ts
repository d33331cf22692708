/** A worker thread that renders articles for render-pool.ts. */
import { parentPort, workerData } from 'node:worker_threads'
import { renderArticle } from './article.ts'
import type { SourceFile } from './files.ts'
import { createRenderEnv } from './render-env.ts'

const { root, defaultLocale } = workerData as { root: string; defaultLocale: string }
const env = createRenderEnv(root, defaultLocale)

parentPort!.on('message', (jobs: { i: number; file: SourceFile; source: string }[]) => {
  parentPort!.postMessage(jobs.map((j) => ({ i: j.i, article: renderArticle(j.file, j.source, env) })))
})
