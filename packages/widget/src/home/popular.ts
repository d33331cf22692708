import type { ManifestArticle } from '@signpost/core'

/**
 * "Popular articles": by recent traffic (`views`, distinct sessions, written by the build from the
 * knowledge base's traffic file) when any article has it, otherwise by `order`, then title.
 */
export function popularArticles(articles: readonly ManifestArticle[], limit = 5): ManifestArticle[] {
  const byOrder = (x: ManifestArticle, y: ManifestArticle) => (x.order ?? 1e9) - (y.order ?? 1e9) || (x.title < y.title ? -1 : x.title > y.title ? 1 : 0)
  const traffic = articles.some((a) => (a.views ?? 0) > 0)
  return [...articles].sort((x, y) => (traffic ? (y.views ?? 0) - (x.views ?? 0) : 0) || byOrder(x, y)).slice(0, limit)
}

const RECENT_KEY = 'signpost:recent'
const RECENT_MAX = 5

/** Article ids this browser opened, most recent first (localStorage; nothing when storage is blocked). */
export function recentIds(): string[] {
  try {
    const ids: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]')
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []
  } catch {
    return []
  }
}

/** Remembers an article as the most recently viewed one. */
export function rememberViewed(id: string): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([id, ...recentIds().filter((x) => x !== id)].slice(0, RECENT_MAX)))
  } catch {
    // Storage blocked or full: "recently viewed" is a convenience, the article still opens.
  }
}

/** The recently viewed articles that exist in this locale's knowledge base. */
export function recentArticles(byId: (id: string) => ManifestArticle | undefined, except?: string): ManifestArticle[] {
  return recentIds().flatMap((id) => (id === except ? [] : (byId(id) ?? [])))
}
