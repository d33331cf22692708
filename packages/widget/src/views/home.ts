/** The search side of the panel (views chunk): home view, no-results screen, category filter, logo. */
import type { ManifestArticle } from '@signpost/core'
import type { TemplateResult } from 'lit'
import { suggestionsFor } from '../context/suggestions.ts'
import { popularArticles, recentArticles } from '../home/popular.ts'
import type { SignpostHelp } from '../signpost-help.ts'
import type { Internals, Lit } from './internals.ts'
import { articleById } from './article-by-id.ts'

/** The logo beside the heading: slot `logo`, else the `logo` attribute's image (decorative). */
export function renderLogo(host: SignpostHelp, _m: Internals, lit: Lit): TemplateResult {
  const { html, nothing } = lit
  return html`<slot name="logo">${host.logo ? html`<img class="logo" part="logo" src=${host.logo} alt="" />` : nothing}</slot>`
}

/** Before any query, above the page's suggestions: the greeting (attribute, slot or the locale's). */
export function renderGreeting(host: SignpostHelp, m: Internals, lit: Lit): TemplateResult {
  return lit.html`<p class="greeting" part="greeting"><slot name="greeting">${host.greeting || m.t.greeting}</slot></p>`
}

/** Before any query, below the page's suggestions: recently viewed and popular articles. */
export function renderHome(_host: SignpostHelp, m: Internals, lit: Lit): TemplateResult {
  const s = m.t
  const recent = recentArticles((id) => articleById(m, id)).slice(0, 3)
  // Each article once: popular leaves out what the page's suggestions and recently viewed show.
  const shown = new Set([...recent, ...suggestionsFor(m.articles, m.context)].map((a) => a.id))
  const popular = popularArticles(m.articles.filter((a) => !shown.has(a.id)))
  return lit.html`<div class="home">${articleList(m, lit, 'recent', s.recent, recent)} ${articleList(m, lit, 'popular', s.popular, popular)}</div>`
}

/** The no-results screen: say so, offer popular articles (contact is in the bar below). */
export function renderNoResults(host: SignpostHelp, m: Internals, lit: Lit): TemplateResult {
  const { html } = lit
  const s = m.t
  return html`<div class="no-results">
    <p><strong>${s.noResults.replace('{query}', host.query)}</strong></p>
    <p class="muted">${s.noResultsHint}</p>
    ${articleList(m, lit, 'popular', s.popular, popularArticles(m.articles))}
  </div>`
}

function articleList(m: Internals, lit: Lit, id: string, label: string, articles: ManifestArticle[]) {
  const { html, nothing } = lit
  if (articles.length === 0) return nothing
  return html`<h3 id=${id}>${label}</h3>
    <ul class="links" aria-labelledby=${id}>
      ${articles.map((a) => html`<li><button class="link-button" @click=${() => m.openArticle(a.id, 'suggestion')}>${a.title}</button></li>`)}
    </ul>`
}

/** The category filter beside the search field, when the articles have more than one category. */
export function renderCategoryFilter(_host: SignpostHelp, m: Internals, lit: Lit) {
  const { html, nothing } = lit
  const categories = [...new Set(m.articles.map((a) => a.category).filter((c): c is string => !!c))].sort()
  if (categories.length < 2) return nothing
  const select = (e: Event) => {
    m.category = (e.target as HTMLSelectElement).value
    m.rerun()
  }
  return html`<select aria-label=${m.t.category} @change=${select}>
    <option value="">${m.t.allCategories}</option>
    ${categories.map((c) => html`<option value=${c} ?selected=${c === m.category}>${c}</option>`)}
  </select>`
}
