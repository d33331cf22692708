import { beforeAll, describe, expect, it } from 'vitest'
import { type ChunkSize, bundleSizes } from '../bench/bundle-sizes.ts'

/** Budget for what a host page loads before the first query is answered (gzip). DocSearch v3: 38 KB. */
const ENTRY_BUDGET = 20 * 1024

describe('widget bundle budget (production build, gzip)', () => {
  let chunks: ChunkSize[]
  let entry: ChunkSize

  beforeAll(async () => {
    chunks = await bundleSizes()
    entry = chunks.find((c) => c.isEntry)!
  })

  it('answers the first query from one file: the entry imports no other chunk statically', () => {
    expect(entry.file).toBe('signpost.js')
    expect(entry.imports).toEqual([])
    const modules = entry.modules.join('\n')
    for (const needed of ['lit-html', 'reactive-element', 'minisearch', 'core/src/search/search.ts', 'signpost-help.ts']) {
      expect(modules).toContain(needed)
    }
  })

  it(`keeps the entry, Lit and MiniSearch included, within ${ENTRY_BUDGET} bytes gzip`, () => {
    expect(entry.gzip).toBeLessThanOrEqual(ENTRY_BUDGET)
  })

  it('loads DOMPurify and the article view only in lazy chunks', () => {
    expect(entry.modules.some((m) => m.includes('dompurify'))).toBe(false)
    expect(entry.modules.some((m) => m.includes('render-article'))).toBe(false)
    const purify = chunks.find((c) => c.modules.some((m) => m.includes('dompurify')))!
    expect(entry.dynamicImports).toContain(purify.file)
    const views = chunks.find((c) => c.modules.some((m) => m.includes('views/lazy.ts')))!
    expect(entry.dynamicImports).toContain(views.file)
  })
})
