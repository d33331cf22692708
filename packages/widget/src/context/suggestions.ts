import { type ManifestArticle, routeMatches, routeSpecificity } from '@signpost/core'
import type { HelpContext } from './route.ts'

/**
 * Articles suggested for a place in the host app: those whose `routes` match the path, most
 * specific pattern first, then `order`; then articles sharing a context tag.
 */
export function suggestionsFor(articles: readonly ManifestArticle[], context: HelpContext, limit = 5): ManifestArticle[] {
  const path = context.path ?? '/'
  const scored: { a: ManifestArticle; s: number }[] = []
  for (const a of articles) {
    let best = -1
    for (const r of a.routes ?? []) if (routeMatches(r, path)) best = Math.max(best, routeSpecificity(r))
    if (best >= 0) scored.push({ a, s: 1000 + best })
    else if (context.tags?.some((t) => a.tags?.includes(t))) scored.push({ a, s: 0 })
  }
  scored.sort((x, y) => y.s - x.s || (x.a.order ?? 1e9) - (y.a.order ?? 1e9) || (x.a.title < y.a.title ? -1 : 1))
  return scored.slice(0, limit).map((x) => x.a)
}
