import type { ManifestArticle } from '@signpost/core'

/** An article of the locale loaded, by id or by an old id its `aliases` keep. */
export function articleById(m: { readonly articles: ManifestArticle[] }, id: string): ManifestArticle | undefined {
  return m.articles.find((a) => a.id === id) ?? m.articles.find((a) => a.aliases?.includes(id))
}
