import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { search } from '@signpost/core'
import { describe, expect, it } from 'vitest'
import { buildContent } from './build.ts'
import { searchIndexOf } from './kb-reader.ts'

/** The real help centers in ../shared/corpora: read at run time, never copied into the project. */
const CORPORA = join(import.meta.dirname, '../../../../shared/corpora')
const corpora = [
  { name: 'plausible-docs', root: join(CORPORA, 'plausible-docs/docs'), minArticles: 130 },
  { name: 'business-central', root: join(CORPORA, 'business-central/business-central'), minArticles: 2100 },
]

for (const corpus of corpora) {
  const present = existsSync(corpus.root)
  if (!present) console.warn(`skipping the ${corpus.name} build test: ${corpus.root} is absent (it lives in ../shared/corpora)`)
  describe.skipIf(!present)(`building ${corpus.name}`, () => {
    it('builds every article without an error, and what it cannot render becomes warnings', async () => {
      const result = await buildContent({ root: corpus.root })
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(result.manifest.articles.length).toBeGreaterThanOrEqual(corpus.minArticles)
      expect(result.warnings).toBeGreaterThan(0)
      for (const d of result.diagnostics) expect(d.line).toBeGreaterThanOrEqual(1)

      const shards = [...result.files].filter(([name]) => name.startsWith('articles/')).map(([, data]) => String(data))
      const unsafe = /<script|<iframe|<[a-z][^>]*\son[a-z]+\s*=|(href|src)\s*=\s*\\?"\s*javascript:/i
      expect(shards.filter((s) => unsafe.test(s))).toEqual([])
      const leftovers = /\[!INCLUDE|<p>:::|<p>import [^<]* from ['"]/i
      expect(shards.filter((s) => leftovers.test(s)).map((s) => leftovers.exec(s)?.[0])).toEqual([])

      const index = searchIndexOf(result.manifest, result.files)
      const sample = result.manifest.articles.filter((_, i) => i % 97 === 0)
      for (const a of sample) expect(search(index, a.title, { limit: 10 }).map((h) => h.id)).toContain(a.id)
    }, 120_000)
  })
}
