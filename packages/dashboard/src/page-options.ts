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
