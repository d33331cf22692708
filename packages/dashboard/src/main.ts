/**
 * The page's entry: registers <signpost-dashboard> and applies page options from the URL,
 * `?article-url=https://help.example.com/{id}` (link pattern for articles) and `?currency=EUR`,
 * each dropped when unsafe or unknown (see page-options.ts).
 */
import './dashboard.ts'
import { pageOptions } from './page-options.ts'

const el = document.querySelector('signpost-dashboard')
if (el) {
  const { articleUrl, currency } = pageOptions(location.search, location.href)
  if (articleUrl) el.articleUrl = articleUrl
  if (currency) el.currency = currency
}
