/**
 * Everything the first query does not need, in a lazy chunk fetched on open alongside the index:
 * route suggestions, the article view, related articles, "Was this helpful?", the no-results
 * screen, contact, and the events they fire. DOMPurify is a chunk of its own
 * (render-article.ts), fetched with the first article. Rendering only; the element owns state.
 */
import type { ArticleShard, ManifestArticle } from '@signpost/core'
import type { TemplateResult, html as litHtml, nothing as litNothing } from 'lit'
import type { SignpostStrings } from '../strings.ts'

export { suggestionsFor } from '../context/suggestions.ts'
export { enViews } from './strings-en.ts'
import { SignpostContactEvent } from '../events/contact.ts'
import { SignpostFeedbackEvent } from '../events/feedback.ts'
import type { SignpostHelp } from '../signpost-help.ts'
export { SignpostArticleEvent } from '../events/article.ts'
export { SignpostSearchEvent } from '../events/search.ts'
export { onLocationChange } from '../context/route.ts'
export { comboboxKey, trapTab } from './keyboard.ts'
export { openArticle, back } from './navigation.ts'

export { fetchShard } from './shards.ts'

import { viewStyles } from './views.styles.ts'

let sheet: CSSStyleSheet | undefined

/** Adds the views' styles to the element's shadow root (a constructed sheet: no inline style, CSP-safe). */
export function adoptViewStyles(root: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(viewStyles)
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
}

type Lit = { html: typeof litHtml; nothing: typeof litNothing }

/** The element's internals the article view reads: TS-private there, reached through this view of it. */
export interface ArticleInternals {
  readonly t: SignpostStrings
  readonly current?: { id: string }
  readonly shard: ArticleShard
  readonly articleNode: DocumentFragment
  feedback: 'none' | 'reason' | 'done'
  readonly loadedDir?: 'ltr' | 'rtl'
  articleById(id: string): ManifestArticle | undefined
  openArticle(id: string, source: 'link'): Promise<void>
  back(): void
}

/** The article: back, title, sanitized body, related articles, feedback and contact. */
export function renderArticleView(host: SignpostHelp, m: ArticleInternals, lit: Lit): TemplateResult {
  const { html, nothing } = lit
  const s = m.t
  const article = m.articleById(m.current!.id)!
  const related = m.shard.related.map((id) => m.articleById(id)).filter((a): a is ManifestArticle => !!a)
  const onClick = (e: MouseEvent) => {
    const link = (e.target as Element).closest?.('a')
    if (!link) return
    const target = link.getAttribute('data-signpost-article')
    const href = link.getAttribute('href') ?? ''
    if (target) {
      e.preventDefault()
      void m.openArticle(target, 'link')
    } else if (href.startsWith('#')) {
      e.preventDefault()
      host.renderRoot.querySelector(`#a-${CSS.escape(href.slice(1))}`)?.scrollIntoView()
    }
  }
  return html`<button class="secondary" @click=${() => m.back()}><span aria-hidden="true">${m.loadedDir === 'rtl' ? '→' : '←'}</span> ${s.back}</button>
    <article part="article" @click=${onClick}>
      <h2 id="article-title" tabindex="-1">${article.title}</h2>
      ${m.articleNode}
    </article>
    <section class="footer">
      ${related.length > 0
        ? html`<h3 id="related">${s.related}</h3>
            <ul aria-labelledby="related">
              ${related.map((a) => html`<li><button class="link-button" @click=${() => m.openArticle(a.id, 'link')}>${a.title}</button></li>`)}
            </ul>`
        : nothing}
      ${renderFeedback(host, m, lit)} ${renderContact({ lit, strings: s, contact: () => contact(host) })}
    </section>`
}

function renderFeedback(host: SignpostHelp, m: ArticleInternals, lit: Lit): TemplateResult {
  const { html } = lit
  const s = m.t
  if (m.feedback === 'done') return html`<p role="status">${s.thanks}</p>`
  if (m.feedback === 'reason') {
    const submit = (e: SubmitEvent) => {
      e.preventDefault()
      sendFeedback(host, false, (e.target as HTMLFormElement).querySelector('textarea')?.value)
    }
    return html`<form @submit=${submit}>
      <label for="reason">${s.reasonLabel}</label>
      <textarea id="reason" rows="3" maxlength="500"></textarea>
      <button class="primary" type="submit">${s.send}</button>
    </form>`
  }
  const askReason = () => {
    m.feedback = 'reason'
    void host.updateComplete.then(() => host.renderRoot.querySelector('textarea')?.focus())
  }
  return html`<fieldset>
    <legend>${s.helpful}</legend>
    <div class="row">
      <button class="secondary" @click=${() => sendFeedback(host, true)}>${s.yes}</button>
      <button class="secondary" @click=${askReason}>${s.no}</button>
    </div>
  </fieldset>`
}

/** The no-results screen: say so, offer popular articles and contact. */
export function renderNoResults(m: {
  lit: Lit
  strings: SignpostStrings
  query: string
  popular: ManifestArticle[]
  contact(): void
  openArticle(id: string): void
}): TemplateResult {
  const { html } = m.lit
  const s = m.strings
  return html`<div class="no-results">
    <p><strong>${s.noResults.replace('{query}', m.query)}</strong></p>
    <p class="muted">${s.noResultsHint}</p>
    <h3 id="popular">${s.popular}</h3>
    <ul aria-labelledby="popular">
      ${m.popular.map((a) => html`<li><button class="link-button" @click=${() => m.openArticle(a.id)}>${a.title}</button></li>`)}
    </ul>
    ${renderContact(m)}
  </div>`
}

/** Articles to offer when a search finds nothing: lowest `order` first, one per category first. */
export function popularArticles(articles: readonly ManifestArticle[], limit = 5): ManifestArticle[] {
  return [...articles].sort((x, y) => (x.order ?? 1e9) - (y.order ?? 1e9) || (x.title < y.title ? -1 : 1)).slice(0, limit)
}

function renderContact(m: { lit: Lit; strings: SignpostStrings; contact(): void }): TemplateResult {
  return m.lit.html`<p class="row"><span>${m.strings.contactPrompt}</span><button class="primary" @click=${() => m.contact()}>${m.strings.contact}</button></p>`
}

/** "Contact support": tracked, announced with `signpost-contact`, then `contact-url` unless the host took over. */
export function contact(host: SignpostHelp): void {
  const url = host.contactUrl
  const channel = url.startsWith('mailto:') ? 'email' : 'form'
  const { query, currentArticle: article } = host
  const normalized = host.analyticsQuery
  host.track({ type: 'contact', channel, ...(article ? { article } : {}), ...(normalized ? { query: normalized } : {}) })
  const event = new SignpostContactEvent({ query, article, channel, sessionId: host.sessionId })
  host.dispatchEvent(event)
  if (event.defaultPrevented || !url) return
  if (channel === 'email') location.href = url
  else window.open(url, '_blank', 'noopener')
}

/** "Was this helpful?" answered: tracked and announced with `signpost-feedback`. */
export function sendFeedback(host: SignpostHelp, helpful: boolean, reason?: string): void {
  const article = host.currentArticle!
  const trimmed = reason?.trim() || undefined
  host.track({ type: 'feedback', article, helpful, ...(trimmed ? { reason: trimmed } : {}) })
  host.dispatchEvent(new SignpostFeedbackEvent({ article, helpful, reason: trimmed }))
  host.feedbackGiven()
}

/** The category filter beside the search field, when the articles have more than one category. */
export function renderCategoryFilter(m: {
  lit: Lit
  strings: SignpostStrings
  articles: ManifestArticle[]
  selected: string
  select(category: string): void
}) {
  const { html, nothing } = m.lit
  const categories = [...new Set(m.articles.map((a) => a.category).filter((c): c is string => !!c))].sort()
  if (categories.length < 2) return nothing
  return html`<select aria-label=${m.strings.category} @change=${(e: Event) => m.select((e.target as HTMLSelectElement).value)}>
    <option value="">${m.strings.allCategories}</option>
    ${categories.map((c) => html`<option value=${c} ?selected=${c === m.selected}>${c}</option>`)}
  </select>`
}
