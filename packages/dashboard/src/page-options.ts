/**
 * The page options a dashboard URL may carry, validated: anyone can send an ops manager a link, so
 * a `?article-url=javascript:…` must not become a link and a bad `?currency=` must not break the page.
 */
export interface PageOptions {
  /** Link pattern for articles, `{id}` replaced by the article id; http(s) or same-origin only. */
  articleUrl?: string
  /** ISO 4217 currency code of cost saved, upper case. */
  currency?: string
}

export function pageOptions(search: string, base = 'http://localhost/'): PageOptions {
  const params = new URLSearchParams(search)
  const options: PageOptions = {}
  const articleUrl = params.get('article-url')
  if (articleUrl && safeLinkPattern(articleUrl, base)) options.articleUrl = articleUrl
  const currency = params.get('currency')?.toUpperCase()
  if (currency && knownCurrency(currency)) options.currency = currency
  return options
}

function safeLinkPattern(pattern: string, base: string): boolean {
  try {
    const { protocol } = new URL(pattern.replaceAll('{id}', 'x'), base)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

function knownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code })
    return true
  } catch {
    return false
  }
}

/** The route and locale the reports are narrowed to; absent means every route, every locale. */
export interface ReportFilter {
  route?: string
  locale?: string
}

/** `?route=/invoices/:id/edit&locale=es` of a dashboard URL; a value the server could not take is dropped. */
export function reportFilter(search: string): ReportFilter {
  const params = new URLSearchParams(search)
  const filter: ReportFilter = {}
  const route = params.get('route')
  if (route?.startsWith('/') && route.length <= 200) filter.route = route
  const locale = params.get('locale')
  if (locale && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/.test(locale)) filter.locale = locale
  return filter
}

/** `search` with the filter in it (and nothing of an earlier one), for `history.replaceState`. */
export function withReportFilter(search: string, filter: ReportFilter): string {
  const params = new URLSearchParams(search)
  for (const key of ['route', 'locale'] as const) {
    const value = filter[key]
    if (value) params.set(key, value)
    else params.delete(key)
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}
