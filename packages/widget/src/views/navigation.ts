/**
 * Moving between articles in the panel (views chunk): tracking and announcing a view, fetching the
 * shard, sanitizing it (DOMPurify, its own chunk), and going back.
 */
import { type ArticleShard, bestSection, registerLanguages, type ViewSource } from '@signpost/core'
import { SignpostArticleEvent } from '../events/article.ts'
import { rememberViewed } from '../home/popular.ts'
import type { SignpostHelp } from '../signpost-help.ts'
import { read } from './contact.ts'
import type { Internals } from './internals.ts'
import { fetchShard } from './shards.ts'
import { articleById } from './article-by-id.ts'
import { kbFile } from '../kb/knowledge-base.ts'

/** The latest navigation of each panel: a slower one started before it (a quick second Back) gives way. */
const latest = new WeakMap<SignpostHelp, object>()

export async function openArticle(
  host: SignpostHelp,
  m: Internals,
  id: string,
  source: ViewSource,
  position?: number,
  fromBack = false,
  section?: string,
): Promise<void> {
  const token = {}
  latest.set(host, token)
  await m.ensureLoaded()
  if (latest.get(host) !== token) return
  const article = articleById(m, id)
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
    rememberViewed(article.id)
    read.set(host, [...(read.get(host) ?? []).filter((x) => x !== article.id), article.id])
  }
  m.current = entry
  m.shard = undefined
  m.articleNode = undefined
  m.feedback = 'none'
  try {
    const [shard, { renderArticleHtml }] = await Promise.all([fetchShard(kbFile(article.shard, host.kbUrl)), import('./render-article.ts')])
    if (m.current !== entry) return
    m.shard = shard
    const body = document.createElement('div')
    body.append(renderArticleHtml(shard.html, host.kbUrl, m.t))
    m.articleNode = body
    await host.updateComplete
    // From a search, the article opens where the question's words gather (the snippet's section).
    focusSection(host, section ?? (source === 'search' ? answeringHeading(shard, host.query, article.locale) : undefined))
  } catch (error) {
    if (m.current === entry) m.status = 'error'
    console.error(error)
  }
}

function answeringHeading(shard: ArticleShard, query: string, locale: string): string | undefined {
  // Stop words and stemmers beyond English, for the section a question answers in any language.
  registerLanguages()
  const i = bestSection(shard.html, shard.headings, query, locale, shard.title)
  return i === undefined ? undefined : shard.headings[i]!.id
}

/**
 * Scrolls the shown article to a heading (its id as the build wrote it: search results and the
 * shard's `headings` carry it) and moves focus there; the title when there is none or no such heading.
 */
export function focusSection(host: SignpostHelp, section?: string): void {
  const heading = section ? host.renderRoot.querySelector<HTMLElement>(`#a-${CSS.escape(section)}`) : null
  if (heading) {
    heading.tabIndex = -1
    heading.focus({ preventScroll: true })
    heading.scrollIntoView({ block: 'start' })
  } else host.renderRoot.querySelector<HTMLElement>('#article-title')?.focus()
}

export function back(host: SignpostHelp, m: Internals): void {
  const previous = host.stack.pop()
  if (previous) {
    void openArticle(host, m, previous.id, previous.source, undefined, true)
    return
  }
  latest.set(host, {})
  m.current = undefined
  m.shard = undefined
  m.articleNode = undefined
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('.body input, input')?.focus())
}
