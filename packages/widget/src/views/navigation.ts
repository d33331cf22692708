/**
 * Moving between articles in the panel (views chunk): tracking and announcing a view, fetching the
 * shard, sanitizing it (DOMPurify, its own chunk), and going back.
 */
import type { ArticleShard, ManifestArticle, ViewSource } from '@signpost/core'
import { SignpostArticleEvent } from '../events/article.ts'
import type { ArticleEntry, SignpostHelp } from '../signpost-help.ts'
import type { SignpostStrings } from '../strings.ts'
import { fetchShard } from './shards.ts'

/** The element's state navigation changes: TS-private there, reached through this view of it. */
export interface NavigationInternals {
  current?: ArticleEntry
  shard?: ArticleShard
  articleNode?: DocumentFragment
  feedback: 'none' | 'reason' | 'done'
  status: string
  readonly t: SignpostStrings
  articleById(id: string): ManifestArticle | undefined
  ensureLoaded(): Promise<void>
  flushSearch(): void
}

export async function openArticle(
  host: SignpostHelp,
  m: NavigationInternals,
  id: string,
  source: ViewSource,
  position?: number,
  fromBack = false,
): Promise<void> {
  await m.ensureLoaded()
  const article = m.articleById(id)
  if (!article) {
    console.warn(`signpost: no article ${id}`)
    return
  }
  m.flushSearch()
  const entry = { id: article.id, source }
  if (!fromBack) {
    if (m.current) host.stack.push(m.current)
    if (position !== undefined) host.track({ type: 'click', article: article.id, position, query: host.analyticsQuery })
    host.track({ type: 'view', article: article.id, source })
    host.dispatchEvent(new SignpostArticleEvent({ article: article.id, source, position, query: host.query }))
  }
  m.current = entry
  m.shard = undefined
  m.articleNode = undefined
  m.feedback = 'none'
  try {
    const [shard, { renderArticleHtml }] = await Promise.all([fetchShard(new URL(article.shard, host.kbUrl).href), import('./render-article.ts')])
    if (m.current !== entry) return
    m.shard = shard
    m.articleNode = renderArticleHtml(shard.html, host.kbUrl, m.t.opensInNewTab)
    await host.updateComplete
    host.renderRoot.querySelector<HTMLElement>('#article-title')?.focus()
  } catch (error) {
    if (m.current === entry) m.status = 'error'
    console.error(error)
  }
}

export function back(host: SignpostHelp, m: NavigationInternals): void {
  const previous = host.stack.pop()
  if (previous) {
    void openArticle(host, m, previous.id, previous.source, undefined, true)
    return
  }
  m.current = undefined
  m.shard = undefined
  m.articleNode = undefined
  void host.updateComplete.then(() => host.renderRoot.querySelector('input')?.focus())
}
