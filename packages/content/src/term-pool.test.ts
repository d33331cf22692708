import { afterEach, describe, expect, it } from 'vitest'
import { buildContent } from './build.ts'
import { createArticleTermCounter } from './search-terms.ts'
import { MIN_ARTICLES_FOR_WORKER, startTermCounter } from './term-pool.ts'
import { article, contentFixture } from './test-support/fixture.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function someArticles() {
  const files: Record<string, string> = {}
  for (let i = 0; i < 12; i++) {
    const locale = i % 3 === 0 ? 'es' : 'en'
    files[`${locale}/a${i}.md`] = article(`title: Artículo ${i}\nkeywords: [refund, café ${i % 7}]\ntags: [billing]`, `## Returns ${i}\n\nRefunds refunded, ${'word '.repeat(i)}naïve “quotes” ${i}.`)
  }
  const fx = await contentFixture(files)
  cleanups.push(fx.cleanup)
  return (await buildContent({ root: fx.root })).articles
}

describe('counting words for the search indexes', () => {
  it('gives the same terms on a worker thread as here, and when the cores are busy', async () => {
    const articles = await someArticles()
    const count = createArticleTermCounter()
    const n = MIN_ARTICLES_FOR_WORKER + 50
    for (const coreIsIdle of [() => true, () => false]) {
      const counter = startTermCounter(n, { coreIsIdle })
      for (let i = 0; i < n; i++) counter.add(i, articles[i % articles.length]!)
      const terms = await counter.finish()
      expect(terms.size).toBe(n)
      for (let i = 0; i < n; i++) expect(terms.get(i)).toEqual(count(articles[i % articles.length]!))
    }
  })

  it('counts small builds here', async () => {
    const articles = await someArticles()
    const counter = startTermCounter(articles.length, { coreIsIdle: () => true })
    for (const [i, a] of articles.entries()) counter.add(i, a)
    expect((await counter.finish()).get(3)).toEqual(articles[3]!.terms)
  })
})
