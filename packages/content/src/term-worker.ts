/** The worker thread of term-pool.ts: takes articles' text and counts their words for the search indexes while the main thread renders. */
import { parentPort } from 'node:worker_threads'
import { type Countable, type Counted, createArticleTermCounter } from './search-terms.ts'

const count = createArticleTermCounter()
const counted: [number, Counted][] = []
parentPort!.on('message', (batch: [number, Countable][] | 'finish') => {
  if (batch === 'finish') parentPort!.postMessage(counted)
  else for (const [i, a] of batch) counted.push([i, count(a)])
})
