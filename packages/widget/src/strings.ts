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

export const en: SignpostStrings = {
  launcher: 'Help',
  title: 'Help',
  close: 'Close help',
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search help…',
  category: 'Category',
  allCategories: 'All categories',
  suggestions: 'Suggested for this page',
  popular: 'Popular articles',
  results: 'Search results',
  resultCount: '{count} results',
  oneResult: '1 result',
  noResults: 'No results for “{query}”',
  noResultsHint: 'Try other words, browse the popular articles, or contact support.',
  loading: 'Loading…',
  unavailable: 'Help is unavailable right now.',
  back: 'Back',
  related: 'Related articles',
  helpful: 'Was this helpful?',
  yes: 'Yes',
  no: 'No',
  reasonLabel: 'What was missing? (optional)',
  send: 'Send',
  thanks: 'Thanks for your feedback!',
  contactPrompt: 'Still need help?',
  contact: 'Contact support',
  articleLoading: 'Loading article…',
  opensInNewTab: '(opens in a new tab)',
}

export const es: SignpostStrings = {
  launcher: 'Ayuda',
  title: 'Ayuda',
  close: 'Cerrar la ayuda',
  searchLabel: 'Buscar artículos de ayuda',
  searchPlaceholder: 'Buscar en la ayuda…',
  category: 'Categoría',
  allCategories: 'Todas las categorías',
  suggestions: 'Sugerencias para esta página',
  popular: 'Artículos populares',
  results: 'Resultados de la búsqueda',
  resultCount: '{count} resultados',
  oneResult: '1 resultado',
  noResults: 'No hay resultados para «{query}»',
  noResultsHint: 'Prueba con otras palabras, consulta los artículos populares o contacta con soporte.',
  loading: 'Cargando…',
  unavailable: 'La ayuda no está disponible en este momento.',
  back: 'Volver',
  related: 'Artículos relacionados',
  helpful: '¿Te ha resultado útil?',
  yes: 'Sí',
  no: 'No',
  reasonLabel: '¿Qué faltaba? (opcional)',
  send: 'Enviar',
  thanks: '¡Gracias por tu opinión!',
  contactPrompt: '¿Sigues necesitando ayuda?',
  contact: 'Contactar con soporte',
  articleLoading: 'Cargando el artículo…',
  opensInNewTab: '(se abre en una pestaña nueva)',
}

const BUILT_IN: Record<string, SignpostStrings> = { en, es }

/** Built-in strings for a locale (by base language, English otherwise), with overrides applied. */
export function stringsFor(locale: string, overrides: Partial<SignpostStrings> = {}): SignpostStrings {
  const base = BUILT_IN[locale.toLowerCase().split(/[-_]/)[0]!] ?? en
  return { ...base, ...overrides }
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m))
}
