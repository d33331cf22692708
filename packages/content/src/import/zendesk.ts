import { day, ImportError, type ImportedArticle, list, locale, text, type VendorExport } from './model.ts'

/**
 * Zendesk Guide: the Help Center API's `GET /api/v2/help_center/articles.json` with sections
 * and categories sideloaded (`?include=sections,categories`), pages concatenated:
 * `{ articles: [{ id, title, body, locale, section_id, draft, label_names, updated_at }], sections, categories }`.
 * Links between articles are `…/hc/<locale>/articles/<id>-<slug>`.
 */
export function readZendesk(data: Record<string, unknown>): VendorExport {
  if (!Array.isArray(data.articles)) throw new ImportError('a Zendesk export has an "articles" list (GET /api/v2/help_center/articles.json?include=sections,categories)')
  const sections = new Map(list<{ id: number; name?: string }>(data.sections, '"sections"').map((s) => [String(s.id), s.name]))
  const articles = list<Record<string, unknown>>(data.articles, '"articles"').map((a, i): ImportedArticle => {
    const origin = `articles[${i}]`
    const title = text(a.title)
    if (a.id === undefined || !title) throw new ImportError(`${origin} has no "id" or "title"`)
    return {
      vendorId: String(a.id),
      title,
      html: typeof a.body === 'string' ? a.body : '',
      locale: locale(a.locale),
      category: a.section_id === undefined ? undefined : sections.get(String(a.section_id)),
      draft: a.draft === true,
      keywords: [],
      tags: list<string>(a.label_names, `${origin}.label_names`).filter((l) => typeof l === 'string'),
      updated: day(a.updated_at ?? a.edited_at),
      origin,
    }
  })
  return { articles, articleIdOf: (href) => /\/hc\/(?:[\w-]+\/)?articles\/(\d+)/.exec(href)?.[1] }
}
