import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { findArticles } from './files.ts'
import { createRenderEnv } from './render-env.ts'
import { renderArticles } from './render-pool.ts'
import { article, contentFixture } from './test-support/fixture.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** Articles in two locales, with links, headings, keywords and non-ASCII words to count. */
async function someArticles(n: number) {
  const files: Record<string, string> = {}
  for (let i = 0; i < n; i++) {
    const locale = i % 3 === 0 ? 'es' : 'en'
    files[`${locale}/a${i}.md`] = article(
      `title: Artículo ${i}\nkeywords: [refund, café ${i % 7}]\ntags: [billing]`,
      `## Returns ${i}\n\nRefunds refunded, ${'word '.repeat(i % 40)}naïve “quotes” ${i}. See [the next one](a${i + 1}.md).`,
    )
  }
  const fx = await contentFixture(files)
  cleanups.push(fx.cleanup)
  const found = await findArticles(fx.root)
  const sources = found.map((f) => readFileSync(f.path, 'utf8'))
  return { root: fx.root, jobs: found.map((file, i) => ({ i, file })), sources }
}

/** Holds this thread up, so that the worker takes a share of the articles in a small test. */
const slowly = (sources: string[]) => (i: number) => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3)
  return sources[i]!
}

describe('rendering and counting words on two threads', () => {
  it('gives the same articles whichever thread renders or counts them', async () => {
    const { root, jobs, sources } = await someArticles(120)
    const here = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: (i) => sources[i]!, worker: false, countWords: true })
    const shared = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: slowly(sources), worker: true, countWords: true })
    expect(here.byWorker).toBe(0)
    expect(shared.byWorker).toBeGreaterThan(0)
    expect(shared.byWorker).toBeLessThan(jobs.length)
    expect(shared.articles.size).toBe(jobs.length)
    for (const { i } of jobs) expect(shared.articles.get(i)).toEqual(here.articles.get(i))
  })

  it('finishes on this thread what a failed worker took', async () => {
    const { root, jobs, sources } = await someArticles(60)
    const here = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: (i) => sources[i]!, worker: false, countWords: true })
    // The worker reads its articles from disk, this thread from memory: without the files, the worker fails on its first.
    await rm(root, { recursive: true })
    const rescued = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: slowly(sources), worker: true, countWords: true })
    expect(rescued.byWorker).toBe(0)
    for (const { i } of jobs) expect(rescued.articles.get(i)).toEqual(here.articles.get(i))
  })

  it('renders the same without counting words, for check', async () => {
    const { root, jobs, sources } = await someArticles(120)
    const counted = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: (i) => sources[i]!, worker: false, countWords: true })
    const uncounted = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: slowly(sources), worker: true, countWords: false })
    expect(uncounted.byWorker).toBeGreaterThan(0)
    for (const { i } of jobs) {
      expect(uncounted.articles.get(i)!.terms).toEqual({ primary: [], body: [] })
      expect({ ...uncounted.articles.get(i)!, terms: undefined }).toEqual({ ...counted.articles.get(i)!, terms: undefined })
    }
  })

  it('leaves small builds to this thread', async () => {
    const { root, jobs, sources } = await someArticles(20)
    const result = await renderArticles(jobs, { root, env: createRenderEnv(root, 'en'), source: (i) => sources[i]!, countWords: true })
    expect(result.byWorker).toBe(0)
    expect(result.articles.get(3)!.terms.primary).not.toHaveLength(0)
  })
})
