import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { stringify } from 'yaml'
import { createHtmlToMarkdown } from './html-to-markdown.ts'
import { ImportError, type ImportedArticle, type VendorExport } from './model.ts'

export interface ImportResult {
  /** Paths written, relative to the output folder. */
  files: string[]
  locales: string[]
  drafts: number
  /** Links to articles of the export, now relative links to their markdown files. */
  linksRewritten: number
  /** Links that look like the vendor's article links but whose article is not in the export. */
  linksKept: string[]
  /** Files only some readers may see (`audience` frontmatter), by audience name. */
  audiences: Record<string, number>
}

/** `Billing & Payments` → `billing-payments` */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'article'
  )
}

/**
 * Writes one markdown file per article and locale under `out/<locale>/<category>/<title>.md`
 * (`en-us` as `en` when it is the only English):
 * translations share their path below the locale folder, so they stay one article; links to
 * articles of the export become relative links the build checks. Refuses to overwrite a file
 * unless `force`.
 */
export function writeImport(exp: VendorExport, out: string, { force = false } = {}): ImportResult {
  const ids = new Map<string, string>()
  const taken = new Set<string>()
  for (const a of exp.articles) {
    if (ids.has(a.vendorId)) continue
    const base = `${a.category ? `${slug(a.category)}/` : ''}${slug(a.title)}`
    let id = base
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
    taken.add(id)
    ids.set(a.vendorId, id)
  }
  // Vendors say `en-us` where a help center has one English: its folder is then just `en`.
  const languages = new Map<string, Set<string>>()
  for (const a of exp.articles) languages.set(a.locale.split('-')[0]!, (languages.get(a.locale.split('-')[0]!) ?? new Set()).add(a.locale))
  const folderOf = (locale: string) => (languages.get(locale.split('-')[0]!)!.size === 1 ? locale.split('-')[0]! : locale)
  const result: ImportResult = { files: [], locales: [], drafts: 0, linksRewritten: 0, linksKept: [], audiences: {} }
  const seen = new Set<string>()
  let current: ImportedArticle | undefined
  const toMarkdown = createHtmlToMarkdown((href) => {
    const target = exp.articleIdOf(href)
    if (target === undefined) return href
    const id = ids.get(target)
    if (!id) {
      result.linksKept.push(href)
      return href
    }
    result.linksRewritten++
    const from = dirname(`${ids.get(current!.vendorId)}.md`)
    const fragment = href.includes('#') ? href.slice(href.indexOf('#')) : ''
    const path = relative(from, `${id}.md`).split('\\').join('/')
    return `${path.startsWith('.') ? path : `./${path}`}${fragment}`
  })
  for (const a of exp.articles) {
    current = a
    const locale = folderOf(a.locale)
    const file = `${locale}/${ids.get(a.vendorId)}.md`
    if (seen.has(file)) throw new ImportError(`${a.origin}: a second "${locale}" version of article ${a.vendorId}`)
    seen.add(file)
    const path = join(out, file)
    if (!force && existsSync(path)) throw new ImportError(`${relative(process.cwd(), path)} exists already (--force overwrites)`)
    const frontmatter: Record<string, unknown> = { title: a.title }
    if (a.summary) frontmatter.summary = a.summary
    if (a.category) frontmatter.category = a.category
    if (a.keywords.length > 0) frontmatter.keywords = a.keywords
    if (a.tags.length > 0) frontmatter.tags = a.tags
    if (a.updated) frontmatter.updated = a.updated
    if (a.draft) frontmatter.draft = true
    if (a.audience) frontmatter.audience = a.audience
    const body = toMarkdown(a.html)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n\n${body}\n`)
    result.files.push(file)
    if (a.draft) result.drafts++
    for (const name of a.audience ?? []) result.audiences[name] = (result.audiences[name] ?? 0) + 1
    if (!result.locales.includes(locale)) result.locales.push(locale)
  }
  return result
}
