/**
 * The knowledge-base contract: what `signpost build` writes and what the widget and the CLI read.
 * Saved formats carry a version so an old build is refused with a clear message.
 */

/** Bumped whenever the shape of manifest.json, an index file or a shard changes. */
export const KB_FORMAT_VERSION = 2

/** One article as listed in manifest.json: enough to show a result without fetching anything else. */
export interface ManifestArticle {
  /** Path relative to the content root without `.md`, locale folder excluded: `billing/refunds`. */
  id: string
  locale: string
  title: string
  /** Frontmatter `summary`, or the article's first sentences when it has none. */
  summary: string
  category?: string
  tags?: string[]
  /** Host-app paths or globs (`/billing/*`) where the article is suggested before typing. */
  routes?: string[]
  /** Old ids that still resolve to this article. */
  aliases?: string[]
  order?: number
  /** Distinct sessions that viewed the article recently, from a learned/traffic file; ranks "popular articles". */
  views?: number
  /** ISO date from frontmatter `updated`. */
  updated?: string
  /** Present only in builds that include drafts (`--drafts`, `signpost dev`). */
  draft?: true
  /** Content hash of the shard: changes exactly when the rendered article changes. */
  hash: string
  /** File name of the article's shard, relative to manifest.json. */
  shard: string
}

/** Per-locale search files. The primary index answers the first keystroke; the body index refines. */
export interface ManifestLocale {
  /** BCP 47 tag, e.g. `en`, `es`. */
  locale: string
  /** Text direction for the widget's layout. */
  dir: 'ltr' | 'rtl'
  /** Title, headings, summary, keywords and tags: small, fetched before the first result. */
  primaryIndex: string
  /** Article bodies: fetched in the background after the primary index. */
  bodyIndex: string
  /** Customer word → product words, applied to queries. */
  synonyms: Record<string, string[]>
  articleCount: number
  /**
   * Word and article vectors for meaning-based ranking (`signpost build --semantic`): a
   * `SemanticTable` file; absent for keyword-only locales. Readers that do not know it ignore it.
   */
  semantic?: string
}

export interface Manifest {
  format: typeof KB_FORMAT_VERSION
  /** Hash over every output file: a CDN cache key for the whole build. */
  build: string
  defaultLocale: string
  locales: ManifestLocale[]
  articles: ManifestArticle[]
}

/** One heading of an article, for the table of contents and deep links. */
export interface ArticleHeading {
  depth: number
  text: string
  id: string
}

/** An article shard (`articles/<id>.<hash>.json`): the rendered, sanitized article. */
export interface ArticleShard {
  format: typeof KB_FORMAT_VERSION
  id: string
  locale: string
  title: string
  html: string
  headings: ArticleHeading[]
  /** Ids of articles this one links to (resolved internal links), for "related articles". */
  links: string[]
  related: string[]
}

/** Throws a clear error when a manifest was written by another format version. */
export function assertManifest(value: unknown, source = 'manifest.json'): Manifest {
  const m = value as Partial<Manifest> | null
  if (!m || typeof m !== 'object' || !Array.isArray(m.articles) || !Array.isArray(m.locales)) {
    throw new Error(`signpost: ${source} is not a Signpost manifest`)
  }
  if (m.format !== KB_FORMAT_VERSION) {
    throw new Error(
      `signpost: ${source} has format ${String(m.format)}, this version reads format ${KB_FORMAT_VERSION}: rebuild the knowledge base`,
    )
  }
  return m as Manifest
}
