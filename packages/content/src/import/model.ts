/** One help-center article as a vendor's export describes it, before it becomes a markdown file. */
export interface ImportedArticle {
  /** The vendor's id, which its own links use. */
  vendorId: string
  title: string
  summary?: string
  /** The article body as the vendor stores it: HTML. */
  html: string
  /** `en`, `pt-br` → `pt-BR`. */
  locale: string
  /** Section, collection or category name: the article's `category` and the folder it goes to. */
  category?: string
  draft: boolean
  keywords: string[]
  tags: string[]
  /** `YYYY-MM-DD` */
  updated?: string
  /** Who may read it (Zendesk's user segments), as `audience` frontmatter names; absent: everyone. */
  audience?: string[]
  /** Where in the export it came from, for messages (`articles[3]`). */
  origin: string
}

export interface VendorExport {
  articles: ImportedArticle[]
  /** Turns a link's href into the vendor id of the article it opens, when it opens one. */
  articleIdOf(href: string): string | undefined
}

/** A problem with an export file, naming where in it. */
export class ImportError extends Error {}

/** `2026-03-01T12:00:00Z` or a Unix time in seconds → `2026-03-01`. */
export function day(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString().slice(0, 10)
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString().slice(0, 10)
  return undefined
}

/** Vendors write `en-us`; the content contract wants `en-US` (and the bare language when that is all). */
export function locale(value: unknown, fallback = 'en'): string {
  if (typeof value !== 'string' || value.trim() === '') return fallback
  const [lang, ...rest] = value.trim().replace(/_/g, '-').split('-')
  return [lang!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-')
}

export function list<T>(value: unknown, what: string): T[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new ImportError(`${what} is not a list`)
  return value as T[]
}

export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined)
