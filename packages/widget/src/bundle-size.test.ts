import { beforeAll, describe, expect, it } from 'vitest'
import { type ChunkSize, bundleSizes } from '../bench/bundle-sizes.ts'

/**
 * Budget for everything a host page fetches before the first result shows (gzip): the entry that
 * registers the element (Lit included) plus the search worker (MiniSearch and core's search).
 * DocSearch v3 is 38 KB. The worker holds only what the first results need: the body's shards,
 * learned queries, letter swaps, split words, meaning, highlighting and the languages beyond
 * English come in chunks after them. When this fails, move the next thing out of the first
 * query's path rather than raise the budget.
 */
const FIRST_QUERY_BUDGET = 20 * 1024

describe('widget bundle budget (production build, gzip)', () => {
  let chunks: ChunkSize[]
  let entry: ChunkSize
  let worker: ChunkSize

  beforeAll(async () => {
    chunks = await bundleSizes()
    entry = chunks.find((c) => c.isEntry)!
    worker = chunks.find((c) => c.isWorker)!
  })

  it('registers the element from one file that imports no other chunk statically', () => {
    expect(entry.file).toBe('signpost.js')
    expect(entry.imports).toEqual([])
    const modules = entry.modules.join('\n')
    for (const needed of ['lit-html', 'reactive-element', 'signpost-help.ts', 'search/client.ts']) expect(modules).toContain(needed)
  })

  it('searches in a worker file of its own holding MiniSearch and core search', () => {
    expect(worker).toBeDefined()
    expect(entry.code).toContain(worker.file.split('/').pop())
    expect(entry.modules.some((m) => m.includes('minisearch'))).toBe(false)
    expect(worker.code).toContain('MiniSearch')
  })

  it(`answers the first query within ${FIRST_QUERY_BUDGET} bytes gzip (entry + search worker)`, () => {
    // A chunk the worker imports statically would be on the first query's path too, uncounted.
    expect(worker.code).not.toMatch(/\bimport\s*\{[^}]*\}\s*from\s*["'`]/)
    expect(entry.gzip + worker.gzip).toBeLessThanOrEqual(FIRST_QUERY_BUDGET)
  })

  it('loads DOMPurify and the article view only in lazy chunks', () => {
    expect(entry.modules.some((m) => m.includes('dompurify'))).toBe(false)
    expect(entry.modules.some((m) => m.includes('render-article'))).toBe(false)
    const views = chunks.find((c) => c.modules.some((m) => m.includes('views/lazy.ts')))!
    expect(entry.dynamicImports).toContain(views.file)
    // DOMPurify comes with the first article: a chunk the views chunk imports on demand.
    const purify = chunks.find((c) => c.modules.some((m) => m.includes('dompurify')))!
    expect(views.modules.some((m) => m.includes('dompurify'))).toBe(false)
    expect(views.imports).not.toContain(purify.file)
    expect(views.dynamicImports).toContain(purify.file)
  })
})
