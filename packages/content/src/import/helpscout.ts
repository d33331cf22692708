import { day, ImportError, type ImportedArticle, list, locale, text, type VendorExport } from './model.ts'

/**
 * Help Scout Docs: each article as `GET /v1/articles/{id}` returns it (`article`), with the
 * categories of `GET /v1/collections/{id}/categories`:
 * `{ articles: [{ id, number, name, text, status, categories: [id], keywords, updatedAt }], categories: [{ id, name }] }`.
 * Help Scout has no locales: `--locale` says which one. Links between articles are
 * `…/article/<number>-<slug>`.
 */
export function readHelpScout(data: Record<string, unknown>, defaultLocale = 'en'): VendorExport {
  const items = (value: unknown) => (value && typeof value === 'object' && 'items' in value ? (value as { items: unknown }).items : value)
  if (!Array.isArray(items(data.articles))) throw new ImportError('a Help Scout export has an "articles" list of GET /v1/articles/{id} answers, and "categories"')
  const categories = new Map(list<{ id: string; name?: string }>(items(data.categories), '"categories"').map((c) => [String(c.id), c.name]))
  const byNumber = new Map<string, string>()
  const articles = list<Record<string, unknown>>(items(data.articles), '"articles"').map((entry, i): ImportedArticle => {
    const a = (entry.article ?? entry) as Record<string, unknown>
    const origin = `articles[${i}]`
    const title = text(a.name)
    if (a.id === undefined || !title) throw new ImportError(`${origin} has no "id" or "name"`)
    if (a.number !== undefined) byNumber.set(String(a.number), String(a.id))
    const category = list<string>(a.categories, `${origin}.categories`).map((c) => categories.get(String(c))).find(Boolean)
    return {
      vendorId: String(a.id),
      title,
      html: typeof a.text === 'string' ? a.text : '',
      locale: locale(defaultLocale),
      category,
      draft: a.status !== undefined && a.status !== 'published',
      keywords: list<string>(a.keywords, `${origin}.keywords`).filter((k) => typeof k === 'string'),
      tags: [],
      updated: day(a.updatedAt ?? a.lastPublishedAt),
      origin,
    }
  })
  return { articles, articleIdOf: (href) => byNumber.get(/\/article\/(\d+)(?:-|$|[?#/])/.exec(href)?.[1] ?? '') ?? /\/articles?\/([0-9a-f]{24})\b/.exec(href)?.[1] }
}
