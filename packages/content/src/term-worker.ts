/** The worker thread of term-pool.ts: counts articles' words for the search indexes while the main thread renders. */
import { parentPort } from 'node:worker_threads'
import { type ArticleTerms, type Countable, createArticleTermCounter } from './search-terms.ts'

const count = createArticleTermCounter()
const counted: [number, ArticleTerms][] = []
parentPort!.on('message', (batch: [number, Countable][] | 'finish') => {
  if (batch === 'finish') parentPort!.postMessage(counted)
  else for (const [i, a] of batch) counted.push([i, count(a)])
})
