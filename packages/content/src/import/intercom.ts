import { day, ImportError, type ImportedArticle, list, locale, text, type VendorExport } from './model.ts'

interface IntercomContent {
  title?: string
  description?: string
  body?: string
  state?: string
  updated_at?: number
}

/**
 * Intercom Articles: `GET /articles` (pages concatenated) and `GET /help_center/collections`:
 * `{ articles: { data: [{ id, title, description, body, state, parent_id, default_locale,
 * updated_at, translated_content: { es: { title, description, body, state } } }] }, collections: { data } }`
 * — or the two lists bare. Every translation becomes the same article in its locale.
 * Links between articles are `…/articles/<id>-<slug>`.
 */
export function readIntercom(data: Record<string, unknown>): VendorExport {
  const unwrap = (value: unknown) => (value && typeof value === 'object' && 'data' in value ? (value as { data: unknown }).data : value)
  const raw = unwrap(data.articles ?? (data.type === 'list' ? data : undefined))
  if (!Array.isArray(raw)) throw new ImportError('an Intercom export has "articles" (GET /articles) and "collections" (GET /help_center/collections)')
  const collections = new Map(list<{ id: string | number; name?: string }>(unwrap(data.collections), '"collections"').map((c) => [String(c.id), c.name]))
  const articles: ImportedArticle[] = []
  list<Record<string, unknown>>(raw, '"articles"').forEach((a, i) => {
    const origin = `articles[${i}]`
    if (a.id === undefined) throw new ImportError(`${origin} has no "id"`)
    const base = locale(a.default_locale)
    const category = a.parent_id === undefined || a.parent_id === null ? undefined : collections.get(String(a.parent_id))
    const versions: [string, IntercomContent][] = [[base, a as IntercomContent]]
    const translated = (a.translated_content ?? {}) as Record<string, unknown>
    for (const [key, value] of Object.entries(translated)) {
      if (value && typeof value === 'object' && key !== 'type' && locale(key) !== base) versions.push([locale(key), value as IntercomContent])
    }
    for (const [lang, v] of versions) {
      const title = text(v.title)
      if (!title) continue
      articles.push({
        vendorId: String(a.id),
        title,
        summary: text(v.description),
        html: v.body ?? '',
        locale: lang,
        category,
        draft: v.state !== undefined && v.state !== 'published',
        keywords: [],
        tags: [],
        updated: day(v.updated_at ?? a.updated_at),
        origin: lang === base ? origin : `${origin}.translated_content.${lang}`,
      })
    }
  })
  return { articles, articleIdOf: (href) => /\/articles\/(\d+)(?:-|$|[?#/])/.exec(href)?.[1] }
}
