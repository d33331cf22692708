/** Every visible string of the widget; override any of them with the `strings` property. */
export interface SignpostStrings {
  launcher: string
  title: string
  close: string
  searchLabel: string
  searchPlaceholder: string
  category: string
  allCategories: string
  suggestions: string
  popular: string
  results: string
  /** `{count}` is replaced by the number of results. */
  resultCount: string
  oneResult: string
  /** `{query}` is replaced by the query. */
  noResults: string
  noResultsHint: string
  loading: string
  unavailable: string
  back: string
  related: string
  helpful: string
  yes: string
  no: string
  reasonLabel: string
  send: string
  thanks: string
  contactPrompt: string
  contact: string
  articleLoading: string
  opensInNewTab: string
  /** Labels of callouts in articles (`:::note`, `:::info`; `:::tip`; `:::important`; `:::warning`; `:::caution`, `:::danger`). */
  calloutNote: string
  calloutTip: string
  calloutImportant: string
  calloutWarning: string
  calloutCaution: string
  /** The home view's greeting (or the `greeting` attribute, or slot `greeting`). */
  greeting: string
  recent: string
  /** The contact form. */
  contactTitle: string
  contactIntro: string
  email: string
  subject: string
  message: string
  /** `{field}` is replaced by the field's label. */
  required: string
  invalidEmail: string
  contactSuggestions: string
  contactSend: string
  cancel: string
  sending: string
  contactSent: string
  contactFailed: string
  backToForm: string
}

/**
 * Keys only the lazy views show: their English text ships in the views chunk. (Suggestions for
 * the page come from the views chunk, and so does their heading.)
 */
export type ViewStringKey = Exclude<
  keyof SignpostStrings,
  'launcher' | 'title' | 'close' | 'searchLabel' | 'searchPlaceholder' | 'results' | 'resultCount' | 'oneResult' | 'noResults' | 'loading' | 'unavailable'
>

export const en: Omit<SignpostStrings, ViewStringKey> = {
  launcher: 'Help',
  title: 'Help',
  close: 'Close help',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search help…',
  results: 'Search results',
  resultCount: '{count} results',
  oneResult: '1 result',
  noResults: 'No results for “{query}”',
  loading: 'Loading…',
  unavailable: 'Help is unavailable right now.',
}

/** Built-in translations besides English, each a small chunk fetched with the knowledge base. */
const BUILT_IN: Record<string, () => Promise<SignpostStrings>> = {
  es: () => import('./strings-es.ts').then((m) => m.es),
}

/** The built-in strings of a locale (by base language); undefined for English and locales without any. */
export function loadStrings(locale: string): Promise<SignpostStrings> | undefined {
  return BUILT_IN[locale.toLowerCase().split(/[-_]/)[0]!]?.()
}
