/**
 * The worker thread of render-pool.ts. It counts the words of the articles the main thread renders
 * (those come first, so the main thread never waits at the end for a backlog), and between batches
 * renders articles itself, taking them from the queue the main thread takes from.
 */
import { readFileSync } from 'node:fs'
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import type { RenderedArticle } from './article.ts'
import { renderArticle } from './article.ts'
import { createRenderEnv } from './render-env.ts'
import type { RenderJob, WorkerMessage } from './render-pool.ts'
import { type Countable, createArticleTermCounter, UNCOUNTED } from './search-terms.ts'

const BATCH = 8
const port = parentPort!
const { root, defaultLocale, jobs, shared: buffer, countWords } = workerData as {
  root: string
  defaultLocale: string
  jobs: RenderJob[]
  shared: SharedArrayBuffer
  countWords: boolean
}
// See render-pool.ts: [0] the next job to render, [1 + k] whether job k's words are claimed.
const shared = new Int32Array(buffer)
const claim = (k: number) => Atomics.compareExchange(shared, 1 + k, 0, 1) === 0
const env = createRenderEnv(root, defaultLocale)
const count = countWords ? createArticleTermCounter() : () => UNCOUNTED
const send = (m: WorkerMessage) => port.postMessage(m)

let finishing = false
const handle = (m: [number, Countable][] | 'finish') => {
  if (m === 'finish') finishing = true
  else send({ counted: m.flatMap(([k, a]) => (claim(k) ? [[k, count(a)]] : [])) })
}

/** Counts what the main thread has sent so far, without waiting for more. */
const drain = () => {
  for (let m = receiveMessageOnPort(port as never); m; m = receiveMessageOnPort(port as never)) handle(m.message)
}

let rendered: [number, RenderedArticle][] = []
for (let k = Atomics.add(shared, 0, 1); k < jobs.length; k = Atomics.add(shared, 0, 1)) {
  drain()
  const { file } = jobs[k]!
  const html = renderArticle(file, readFileSync(file.path, 'utf8'), env)
  rendered.push([k, { ...html, terms: count(html) }])
  if (rendered.length >= BATCH) {
    send({ rendered })
    rendered = []
  }
}
send({ rendered })
drain()
if (finishing) send('done')
else
  port.on('message', (m: [number, Countable][] | 'finish') => {
    handle(m)
    if (finishing) send('done')
  })
