import type { RenderedArticle } from './article.ts'
import type { Diagnostic } from './diagnostics.ts'

/**
 * Checks across articles: duplicate ids and titles, aliases, links to articles that do not exist
 * or that some of the link's readers may not see (another audience's), and links to headings
 * (`refunds.md#fees`, `#fees`) that do not exist.
 */
export function checkArticles(articles: RenderedArticle[]): Diagnostic[] {
  const out: Diagnostic[] = []
  const warn = (a: RenderedArticle, line: number, code: string, message: string, severity: Diagnostic['severity'] = 'warning', col = 1) =>
    out.push({ file: a.source.rel, line, col, severity, code, message })

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
        const target = ids.get(link.id) ?? ids.get(aliases.get(link.id) ?? '')
        if (!target) warn(a, link.line, 'broken-link', `link "${link.href}" points at "${link.id}", which is not an article`, 'warning', link.col)
        else {
          const blind = readersWhoCannotFollow(a, target)
          if (blind) warn(a, link.line, 'audience-link', `link "${link.href}" points at "${target.id}", which ${blind} cannot see (audience: ${target.frontmatter.audience!.join(', ')}); it is shown to them as text`, 'warning', link.col)
          const anchor = link.href.split('#', 2)[1]
          const missing = anchor ? missingAnchor(target, anchor) : undefined
          if (missing) warn(a, link.line, 'broken-anchor', `link "${link.href}": ${missing}`, 'warning', link.col)
        }
      }
      for (const { href, line, col } of a.pageAnchors ?? []) {
        const missing = missingAnchor(a, href.slice(1))
        if (missing) warn(a, line, 'broken-anchor', `link "${href}": ${missing}`, 'warning', col)
      }
    }
  }
  return out
}

/**
 * Who reads `from` but may not see `to`, in words ("public readers", "readers of pro"), or
 * undefined when everyone who sees the link may follow it.
 */
function readersWhoCannotFollow(from: RenderedArticle, to: RenderedArticle): string | undefined {
  const allowed = to.frontmatter.audience
  if (!allowed) return undefined
  const readers = from.frontmatter.audience
  if (!readers) return 'public readers'
  const blind = readers.filter((r) => !allowed.includes(r))
  return blind.length === 0 ? undefined : `readers of ${blind.join(', ')}`
}

/** Old id → current id, for one locale's articles. */
export function aliasMap(articles: RenderedArticle[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const a of articles) for (const alias of a.frontmatter.aliases) if (!map.has(alias)) map.set(alias, a.id)
  return map
}

/** Why `#anchor` does not land in `article` (no heading or HTML element has that id), or undefined. */
function missingAnchor(article: RenderedArticle, anchor: string): string | undefined {
  let wanted = anchor
  try {
    wanted = decodeURIComponent(anchor)
  } catch {}
  const ids = article.anchorIds ?? article.headings.map((h) => h.id)
  if (ids.includes(wanted)) return undefined
  const near = ids.find((id) => id.toLowerCase() === wanted.toLowerCase().replace(/\s+/g, '-'))
  const headings = article.headings.map((h) => `#${h.id}`)
  const hint = near ? `; did you mean "#${near}"?` : headings.length > 0 ? ` (its headings: ${headings.slice(0, 8).join(', ')}${headings.length > 8 ? ', …' : ''})` : ' (it has no headings)'
  return `"${article.source.rel}" has no heading "#${wanted}"${hint}`
}
