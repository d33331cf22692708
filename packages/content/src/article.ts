import type { ArticleHeading } from '@signpost/core'
import { type Diagnostic, FileDiagnostics } from './diagnostics.ts'
import type { SourceFile } from './files.ts'
import { type Frontmatter, parseSource } from './frontmatter.ts'
import { htmlToText } from './markdown/html-text.ts'
import { preprocess } from './markdown/preprocess.ts'
import { type LinkRef, renderMarkdown } from './markdown/render.ts'
import { sanitize } from './markdown/sanitize.ts'
import type { ArticleTerms } from './search-terms.ts'

/** One article after rendering: everything the build needs, independent of every other article. */
export interface RenderedArticle {
  source: SourceFile
  id: string
  locale: string
  title: string
  summary: string
  frontmatter: Frontmatter
  html: string
  headings: ArticleHeading[]
  links: (LinkRef & { line: number; col: number })[]
  /** In-page links (`[see below](#fees)`): `#fees` and where it is written. */
  pageAnchors: { href: string; line: number; col: number }[]
  /** Every id a link may land on: its headings' and those in its raw HTML. */
  anchorIds: string[]
  /** Content-root-relative paths of the images it shows. */
  images: string[]
  /** Content-root-relative paths of the DocFX includes it pulled in (a change to one re-renders it). */
  includes: string[]
  /** Its words as the search indexes count them (search-terms.ts, render-pool.ts). */
  terms: ArticleTerms
  diagnostics: Diagnostic[]
}

export interface RenderEnv {
  defaultLocale: string
  /** Reads a file relative to the content root; undefined when it does not exist. */
  readText: (relPath: string) => string | undefined
  /** Output URL of an image relative to the content root (copying it as a side effect), or undefined. */
  asset: (relPath: string) => string | undefined
  /** What publishing that image changed or refused (unsafe SVG content), for a message at its line. */
  assetIssue?: (relPath: string) => AssetIssue | undefined
}

export interface AssetIssue {
  /** True when the image was not published at all. */
  refused: boolean
  message: string
}

const SUMMARY_LENGTH = 160

/**
 * An article as rendering leaves it: its words are counted for the search indexes afterwards, on
 * whichever thread render-pool.ts chooses.
 */
export type RenderedHtml = Omit<RenderedArticle, 'terms'>

export function renderArticle(file: SourceFile, source: string, env: RenderEnv): RenderedHtml {
  const diags = new FileDiagnostics(file.rel)
  const { frontmatter: fm, body, bodyLine } = parseSource(source, diags)
  const dir = file.rel.includes('/') ? file.rel.slice(0, file.rel.lastIndexOf('/')) : ''
  const includes: string[] = []
  const images: string[] = []
  const assetIssues: { rel: string; issue: AssetIssue }[] = []
  const markdown = preprocess(body, {
    diags,
    firstLine: bodyLine,
    dir,
    include: (rel) => {
      includes.push(rel)
      const text = env.readText(rel)
      return text === undefined ? undefined : text.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '')
    },
  })
  const rendered = renderMarkdown(markdown, {
    dir,
    localeFolder: file.folderLocale ?? '',
    asset: (rel) => {
      const url = env.asset(rel)
      if (url) images.push(rel)
      const issue = env.assetIssue?.(rel)
      if (issue) assetIssues.push({ rel, issue })
      return url
    },
  })
  const lineOf = lineFinder(source)
  for (const { rel, issue } of assetIssues) {
    const [line, col] = lineOf(rel.slice(rel.lastIndexOf('/') + 1))
    // A warning, as for unsafe HTML: the article still publishes, without what was unsafe.
    diags.warn(line, col, 'unsafe-image', issue.message)
  }
  for (const p of rendered.problems) {
    // A refused image has its own message above.
    if (p.kind === 'broken-image' && assetIssues.some((a) => a.issue.refused && p.target.endsWith(a.rel.slice(a.rel.lastIndexOf('/') + 1)))) continue
    const [line, col] = lineOf(p.target)
    if (p.kind === 'broken-image') diags.warn(line, col, 'broken-image', `image "${p.target}" not found`)
    else if (p.kind === 'unsafe-link') diags.warn(line, col, 'unsafe-link', `link "${p.target}" has an unsafe scheme, removed`)
    else diags.warn(line, col, 'non-article-link', `link "${p.target}" is not an article, shown as text`)
  }
  // DOMPurify (in jsdom) costs most of a build: articles without raw HTML of their own hold only
  // markup our renderer wrote and escaped, so only the others need it.
  const { html, removed } = rendered.rawHtml ? sanitize(rendered.html) : { html: rendered.html, removed: [] }
  for (const what of new Set(removed)) {
    const isElement = what.startsWith('<')
    const [line, col] = lineOf(isElement ? what.slice(0, -1) : what)
    diags.warn(line, col, 'unsafe-html', `unsafe HTML removed: ${isElement ? what : `attribute ${what}`}`)
  }

  let title = fm.title
  if (!title && rendered.firstH1) {
    title = rendered.firstH1
    diags.warn(1, 1, 'missing-title', `no "title" in frontmatter; using the first heading "${title}"`)
  }
  // Broken frontmatter is already an error at its line; keys it lost are not missing in addition.
  if (!title) {
    if (!fm.broken) diags.error(1, 1, 'missing-title', 'missing "title" in frontmatter (required)')
    title = file.id
  }
  let summary = fm.summary
  if (!summary) {
    if (!fm.broken) diags.warn(fm.titleLine, 1, 'missing-summary', 'no "summary" in frontmatter; using the first sentences')
    summary = truncate(htmlToText(html), SUMMARY_LENGTH)
  }
  return {
    source: file,
    id: file.id,
    locale: fm.locale ?? file.folderLocale ?? env.defaultLocale,
    title,
    summary,
    frontmatter: fm,
    html,
    headings: rendered.headings,
    links: rendered.links.map((l) => {
      const [line, col] = lineOf(`](${l.href}`, 2)
      return { ...l, line, col }
    }),
    pageAnchors: [...new Set([...html.matchAll(/<a\b[^>]*?\shref="(#(?!signpost:)[^"]+)"/g)].map((m) => m[1]!))].map((href) => {
      const [line, col] = lineOf(`](${href}`, 2)
      return { href, line, col }
    }),
    anchorIds: [...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!),
    images,
    includes,
    diagnostics: diags.list,
  }
}

/**
 * Finds the 1-based line and column of the first occurrence of a needle, for messages; `skip`
 * characters of the needle are context (`](` before an href) and not part of the column. Without
 * its context the needle alone is looked for (a reference-style link's definition).
 */
function lineFinder(source: string): (needle: string, skip?: number) => [number, number] {
  let lower: string | undefined
  let starts: number[] | undefined
  return (needle, skip = 0) => {
    lower ??= source.toLowerCase()
    let i = lower.indexOf(needle.toLowerCase())
    if (i >= 0) i += skip
    else if (skip > 0) i = lower.indexOf(needle.slice(skip).toLowerCase())
    if (i < 0) return [1, 1]
    if (!starts) {
      starts = [0]
      for (let n = source.indexOf('\n'); n >= 0; n = source.indexOf('\n', n + 1)) starts.push(n + 1)
    }
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= i) lo = mid
      else hi = mid - 1
    }
    return [lo + 1, i - starts[lo]! + 1]
  }
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.lastIndexOf(' ', max)
  return `${text.slice(0, cut > max / 2 ? cut : max).replace(/[\s,;:.]+$/, '')}…`
}
