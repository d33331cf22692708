/**
 * Everything the first query does not need, in a lazy chunk fetched on open alongside the index:
 * the home view, route suggestions, the article view, "Was this helpful?", the no-results screen,
 * contact, and the events they fire. DOMPurify and the contact form are chunks of their own,
 * fetched when first needed. Rendering only; the element owns state.
 */
import type { SignpostHelp } from '../signpost-help.ts'
import { renderArticleView } from './article-view.ts'
import { closeForm, forms, read } from './contact.ts'
import type { Internals, Lit, View } from './internals.ts'
import { viewStyles } from './views.styles.ts'

export { suggestionsFor } from '../context/suggestions.ts'
export { onLocationChange } from '../context/route.ts'
export { SignpostArticleEvent } from '../events/article.ts'
export { SignpostSearchEvent } from '../events/search.ts'
export { renderContactBar } from './contact.ts'
export { renderCategoryFilter, renderGreeting, renderHome, renderLogo, renderNoResults } from './home.ts'
export { comboboxKey } from './keyboard.ts'
export { back, openArticle } from './navigation.ts'
export { enViews } from './strings-en.ts'

let sheet: CSSStyleSheet | undefined

/** Adds the views' styles to the element's shadow root (a constructed sheet: no inline style, CSP-safe). */
export function adoptViewStyles(root: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(viewStyles)
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
}

/** What the panel shows instead of the search: an article, or the contact form; undefined for the search. */
export function renderView(host: SignpostHelp, m: Internals, lit: Lit): View {
  if (m.current) return renderArticleView(host, m, lit)
  const form = forms.get(host)
  return form ? form.module.renderContactForm(host, m, lit, () => closeForm(host, m), read.get(host) ?? []) : undefined
}

/** Escape inside the panel: article → the view before it, form → the view it was opened over. False: close the panel. */
export function stepBack(host: SignpostHelp, m: Internals): boolean {
  if (m.current) m.back()
  else if (forms.has(host)) closeForm(host, m)
  else return false
  return true
}
