import type { ArticleHeading } from '../kb/manifest.ts'
import { words } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'
import { parseQuery } from './query.ts'

/** A heading's own words count this much more than the same words in the text under it. */
const HEADING_WEIGHT = 2

/**
 * The section of an article that answers a query best, to open the article there: the heading
 * (an index into `headings`) under which most of the customer's words gather, a word in the
 * heading itself counting double. Undefined when the introduction (under the article's `title`)
 * answers as well or nothing does, so the article opens at its top. Works on the article's shard
 * (its HTML and headings), which the widget has in hand when the customer opens a result: the
 * search index stays per article.
 */
export function bestSection(html: string, headings: readonly ArticleHeading[], query: string, locale: string, title = ''): number | undefined {
  const groups = parseQuery(query, locale)
  if (groups.length === 0 || headings.length === 0) return undefined
  const stem = stemmerFor(locale)
  // Each customer word as the stems that satisfy it (its own, its stem, synonyms' and joined words').
  const wanted = groups.map((g) => new Set(g.alternatives.flatMap((alt) => alt.map((t) => stem(t.term)))))
  const matches = (text: string) => {
    const stems = new Set(words(text).map(stem))
    return wanted.map((alternatives) => [...alternatives].some((s) => stems.has(s)))
  }
  const sections = sectionTexts(html, headings)
  let best: number | undefined
  let bestScore = 0
  for (const [k, text] of sections.entries()) {
    const inText = matches(text)
    const inHeading = matches(k === 0 ? title : headings[k - 1]!.text)
    const score = inText.reduce((sum, hit, g) => sum + (inHeading[g] ? HEADING_WEIGHT : hit ? 1 : 0), 0)
    if (score > bestScore) {
      bestScore = score
      best = k
    }
  }
  return best === undefined || best === 0 ? undefined : best - 1
}

/**
 * The article's text cut at its headings as the build renders them (`<h2 id="…">`): [0] what comes
 * before the first, [k] what follows heading k − 1 up to the next. A heading not found in the HTML
 * gets an empty section.
 */
export function sectionTexts(html: string, headings: readonly ArticleHeading[]): string[] {
  const sections: string[] = new Array(headings.length + 1).fill('')
  let from = 0
  let previous = 0
  for (const [k, h] of headings.entries()) {
    const start = html.indexOf(`<h${h.depth} id="${h.id.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`, from)
    if (start < 0) continue
    sections[previous] = html.slice(from, start)
    const close = html.indexOf(`</h${h.depth}>`, start)
    from = close < 0 ? start : close + 5
    previous = k + 1
  }
  sections[previous] = html.slice(from)
  return sections.map((s) => s.replace(/<[^>]+>/g, ' '))
}
