import type { ManifestArticle } from '@signpost/core'
import { describe, expect, it } from 'vitest'
import { popularArticles } from './popular.ts'

const article = (id: string, extra: Partial<ManifestArticle> = {}): ManifestArticle => ({ id, locale: 'en', title: id, summary: '', hash: id, shard: `${id}.json`, ...extra })

describe('popularArticles', () => {
  it('ranks by recent traffic when the knowledge base has it', () => {
    const articles = [article('a', { order: 1, views: 3 }), article('b', { views: 40 }), article('c', { order: 2 }), article('d', { views: 12 })]
    expect(popularArticles(articles).map((a) => a.id)).toEqual(['b', 'd', 'a', 'c'])
  })

  it('falls back to frontmatter order, then title, without traffic', () => {
    const articles = [article('zeta'), article('beta', { order: 2 }), article('alpha'), article('gamma', { order: 1 })]
    expect(popularArticles(articles).map((a) => a.id)).toEqual(['gamma', 'beta', 'alpha', 'zeta'])
  })

  it('shows at most the limit', () => {
    expect(popularArticles([article('a'), article('b'), article('c')], 2)).toHaveLength(2)
  })
})
