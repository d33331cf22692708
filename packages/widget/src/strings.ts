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
}

/** Keys only the lazy views show: their English text ships in the views chunk. */
export type ViewStringKey = 'back' | 'category' | 'allCategories' | 'opensInNewTab' | 'popular' | 'noResultsHint' | 'related' | 'helpful' | 'yes' | 'no' | 'reasonLabel' | 'send' | 'thanks' | 'contactPrompt' | 'contact'

export const en: Omit<SignpostStrings, ViewStringKey> = {
  launcher: 'Help',
  title: 'Help',
  close: 'Close help',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search help…',
  suggestions: 'Suggested for this page',
  results: 'Search results',
  resultCount: '{count} results',
  oneResult: '1 result',
  noResults: 'No results for “{query}”',
  loading: 'Loading…',
  unavailable: 'Help is unavailable right now.',
  articleLoading: 'Loading article…',
}

/** Built-in translations besides English, each a small chunk fetched with the knowledge base. */
const BUILT_IN: Record<string, () => Promise<SignpostStrings>> = {
  es: () => import('./strings-es.ts').then((m) => m.es),
}

/** The built-in strings of a locale (by base language); undefined for English and locales without any. */
export function loadStrings(locale: string): Promise<SignpostStrings> | undefined {
  return BUILT_IN[locale.toLowerCase().split(/[-_]/)[0]!]?.()
}
