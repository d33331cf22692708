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

export interface ArticleViewModel {
  /**
   * Lit's `html` and `nothing`, handed over by the element: importing 'lit' here would make the
   * bundler split Lit into a chunk shared by both, an extra request on the critical path.
   */
  lit: Lit
  strings: SignpostStrings
  article: ManifestArticle
  shard: ArticleShard
  /** The sanitized article body. */
  body: DocumentFragment
  related: ManifestArticle[]
  feedback: 'none' | 'reason' | 'done'
  /** "Contact support" was pressed. */
  contact(): void
  /** Opens another article in the panel (internal links, related articles). */
  openArticle(id: string): void
  /** Scrolls to a heading of this article (in-page `#anchor` links). */
  scrollToHeading(id: string): void
  sendFeedback(helpful: boolean, reason?: string): void
  askReason(): void
}

export function renderArticleView(m: ArticleViewModel): TemplateResult {
  const { html, nothing } = m.lit
  const s = m.strings
  const onClick = (e: MouseEvent) => {
    const link = (e.target as Element).closest?.('a')
    if (!link) return
    const target = link.getAttribute('data-signpost-article')
    const href = link.getAttribute('href') ?? ''
    if (target) {
      e.preventDefault()
      m.openArticle(target)
    } else if (href.startsWith('#')) {
      e.preventDefault()
      m.scrollToHeading(href.slice(1))
    }
  }
  return html`<article part="article" @click=${onClick}>
      <h2 id="article-title" tabindex="-1">${m.article.title}</h2>
      ${m.body}
    </article>
    <section class="footer">
      ${m.related.length > 0
        ? html`<h3 id="related">${s.related}</h3>
            <ul aria-labelledby="related">
              ${m.related.map((a) => html`<li><button class="link-button" @click=${() => m.openArticle(a.id)}>${a.title}</button></li>`)}
            </ul>`
        : nothing}
      ${renderFeedback(m)} ${renderContact(m)}
    </section>`
}

function renderFeedback(m: ArticleViewModel): TemplateResult {
  const { html } = m.lit
  const s = m.strings
  if (m.feedback === 'done') return html`<p role="status">${s.thanks}</p>`
  if (m.feedback === 'reason') {
    const submit = (e: SubmitEvent) => {
      e.preventDefault()
      m.sendFeedback(false, (e.target as HTMLFormElement).querySelector('textarea')?.value)
    }
    return html`<form @submit=${submit}>
      <label for="reason">${s.reasonLabel}</label>
      <textarea id="reason" rows="3" maxlength="500"></textarea>
      <button class="primary" type="submit">${s.send}</button>
    </form>`
  }
  return html`<fieldset>
    <legend>${s.helpful}</legend>
    <div class="row">
      <button class="secondary" @click=${() => m.sendFeedback(true)}>${s.yes}</button>
      <button class="secondary" @click=${() => m.askReason()}>${s.no}</button>
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
  const normalized = host.normalizedQuery
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
