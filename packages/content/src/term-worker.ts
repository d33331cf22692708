/** The worker thread of term-pool.ts: takes articles' plain text and counts their words for the search indexes while the main thread renders. */
import { parentPort } from 'node:worker_threads'
import { type ArticleTerms, type Countable, createArticleTermCounter } from './search-terms.ts'

const count = createArticleTermCounter()
// Each batch goes back as soon as it is counted: at the end only the last one is left to send.
parentPort!.on('message', (batch: [number, Countable][] | 'finish') => {
  if (batch === 'finish') parentPort!.postMessage('done')
  else parentPort!.postMessage(batch.map(([i, a]): [number, ArticleTerms] => [i, count(a)]))
})
