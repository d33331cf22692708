import { day, ImportError, type ImportedArticle, list, locale, text, type VendorExport } from './model.ts'
import { slug } from './write.ts'

/**
 * Zendesk Guide: the Help Center API's `GET /api/v2/help_center/articles.json` with sections
 * and categories sideloaded (`?include=sections,categories`), pages concatenated:
 * `{ articles: [{ id, title, body, locale, section_id, draft, label_names, updated_at, user_segment_id(s) }], sections, categories }`.
 * Links between articles are `…/hc/<locale>/articles/<id>-<slug>`. An article only a user segment
 * may see keeps that restriction as its `audience`: the segment's name from a `user_segments` list
 * (`GET /api/v2/help_center/user_segments.json`) added to the export, else `segment-<id>`.
 */
export function readZendesk(data: Record<string, unknown>): VendorExport {
  if (!Array.isArray(data.articles)) throw new ImportError('a Zendesk export has an "articles" list (GET /api/v2/help_center/articles.json?include=sections,categories)')
  const sections = new Map(list<{ id: number; name?: string }>(data.sections, '"sections"').map((s) => [String(s.id), s.name]))
  const segments = new Map(list<{ id: number; name?: string }>(data.user_segments, '"user_segments"').map((s) => [String(s.id), s.name]))
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
      ...audienceOf(a, segments),
      origin,
    }
  })
  return { articles, articleIdOf: (href) => /\/hc\/(?:[\w-]+\/)?articles\/(\d+)/.exec(href)?.[1] }
}

/**
 * The audience names of an article's user segments (`user_segment_id`, or the newer
 * `user_segment_ids`); none when everyone may see it. Importing it public would publish what the
 * help center kept for some customers.
 */
function audienceOf(a: Record<string, unknown>, segments: Map<string, string | undefined>): { audience?: string[] } {
  const ids = [...list<unknown>(a.user_segment_ids, 'user_segment_ids'), a.user_segment_id].filter((id) => typeof id === 'number' || typeof id === 'string')
  if (ids.length === 0) return {}
  const names = ids.map((id) => {
    const given = segments.get(String(id))
    const name = given ? slug(given).slice(0, 40).replace(/-+$/, '') : ''
    return /^[a-z][a-z0-9-]*$/.test(name) ? name : `segment-${id}`
  })
  return { audience: [...new Set(names)].sort() }
}
