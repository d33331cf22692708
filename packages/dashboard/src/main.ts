/**
 * The page's entry: registers <signpost-dashboard> and applies page options from the URL,
 * `?article-url=https://help.example.com/{id}` (link pattern for articles) and `?currency=EUR`.
 */
import './dashboard.ts'

const el = document.querySelector('signpost-dashboard')
const params = new URLSearchParams(location.search)
if (el) {
  const articleUrl = params.get('article-url')
  const currency = params.get('currency')
  if (articleUrl) el.articleUrl = articleUrl
  if (currency) el.currency = currency
}
