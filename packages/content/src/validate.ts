import type { RenderedArticle } from './article.ts'
import type { Diagnostic } from './diagnostics.ts'

/** Checks across articles: duplicate ids and titles, aliases, and links to articles that do not exist. */
export function checkArticles(articles: RenderedArticle[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const warn = (a: RenderedArticle, line: number, code: string, message: string, severity: Diagnostic['severity'] = 'warning') =>
    out.push({ file: a.source.rel, line, col: 1, severity, code, message })

  const byLocale = new Map<string, RenderedArticle[]>()
  for (const a of articles) byLocale.set(a.locale, [...(byLocale.get(a.locale) ?? []), a])
  for (const list of byLocale.values()) {
    const ids = new Map<string, RenderedArticle>()
    const titles = new Map<string, RenderedArticle>()
    for (const a of list) {
      const other = ids.get(a.id)
      if (other) warn(a, 1, 'duplicate-id', `article id "${a.id}" (${a.locale}) is also ${other.source.rel}; this one is skipped`, 'error')
      else ids.set(a.id, a)
      const t = a.title.toLowerCase()
      const same = titles.get(t)
      if (same) warn(a, a.frontmatter.titleLine, 'duplicate-title', `title "${a.title}" is also the title of ${same.source.rel}`)
      else titles.set(t, a)
    }
    const aliases = aliasMap(list)
    for (const a of list) {
      for (const alias of a.frontmatter.aliases) {
        if (ids.has(alias)) warn(a, 1, 'alias-conflict', `alias "${alias}" is the id of another article`)
      }
      for (const link of a.links) {
        if (!ids.has(link.id) && !aliases.has(link.id)) warn(a, link.line, 'broken-link', `link "${link.href}" points at "${link.id}", which is not an article`)
      }
    }
  }
  return out
}

/** Old id → current id, for one locale's articles. */
export function aliasMap(articles: RenderedArticle[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const a of articles) for (const alias of a.frontmatter.aliases) if (!map.has(alias)) map.set(alias, a.id)
  return map
}
