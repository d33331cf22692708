import { type ManifestArticle, routeMatches, routeSpecificity } from '@signpost/core'

/** Where the customer is in the host app: the widget suggests articles for it before typing. */
export interface HelpContext {
  /** Host route, e.g. `/billing/plan`. Defaults to `location.pathname`. */
  path?: string
  /** Extra tags: articles carrying one of them are suggested after route matches. */
  tags?: string[]
}

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

/** Articles to offer when a search finds nothing: lowest `order` first, one per category first. */
export function popularArticles(articles: readonly ManifestArticle[], limit = 5): ManifestArticle[] {
  return [...articles].sort((x, y) => (x.order ?? 1e9) - (y.order ?? 1e9) || (x.title < y.title ? -1 : 1)).slice(0, limit)
}

const LOCATION_CHANGE = 'signpost-locationchange'
let patched = false

/**
 * Calls `listener` whenever the host app changes route through the History API (pushState,
 * replaceState, back/forward). Returns the function that stops listening.
 */
export function onLocationChange(listener: () => void): () => void {
  if (!patched) {
    patched = true
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method]
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args)
        window.dispatchEvent(new Event(LOCATION_CHANGE))
        return result
      }
    }
  }
  window.addEventListener(LOCATION_CHANGE, listener)
  window.addEventListener('popstate', listener)
  return () => {
    window.removeEventListener(LOCATION_CHANGE, listener)
    window.removeEventListener('popstate', listener)
  }
}
