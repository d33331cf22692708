/**
 * "Draft article" for a content gap: a markdown stub a writer drops into content/, with the
 * frontmatter of the content contract prefilled and the evidence from the reports as a comment.
 */
import type { ContentGap } from './api.ts'
import { formatDay, isoDay } from './format.ts'

/** How many queries go into `keywords:`. */
const MAX_KEYWORDS = 8

/** A draft's file name and text. */
export interface Draft {
  filename: string
  markdown: string
}

/** `how do i reset 2FA?` → `how-do-i-reset-2fa`; never empty. */
export function slugify(query: string): string {
  const slug = query
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || 'untitled'
}

/** A title from a normalized query: first letter upper-case, the rest as the customer typed it. */
export function titleFromQuery(query: string): string {
  const q = query.trim().replace(/\s+/g, ' ')
  return q ? q[0]!.toLocaleUpperCase('en') + q.slice(1) : 'Untitled'
}

/** Words too common to make two queries related. */
const STOPWORDS = new Set(['how', 'what', 'when', 'where', 'why', 'can', 'cant', 'does', 'the', 'and', 'for', 'with', 'from', 'into', 'my', 'your', 'our', 'to', 'do', 'is', 'not', 'a', 'an', 'of', 'in', 'on', 'i'])
const words = (q: string): string[] => q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !STOPWORDS.has(w))

/**
 * Other gap queries that share a meaningful word with `gap`'s, most sessions first: the customers'
 * other phrasings of the same question, for `keywords`. Used when the server names none.
 */
export function relatedQueries(gap: ContentGap, gaps: readonly ContentGap[], limit = 5): string[] {
  const own = new Set(words(gap.query))
  return gaps
    .filter((g) => g.query !== gap.query && words(g.query).some((w) => own.has(w)))
    .sort((a, b) => b.sessions - a.sessions || b.searches - a.searches)
    .slice(0, limit)
    .map((g) => g.query)
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (s: string): string => JSON.stringify(s)

/**
 * The markdown stub for `gap`: `title` from the query, `keywords` with the query and its top
 * related queries (the server's, or else those of `allGaps` sharing a word with it), `summary: TODO`, `draft: true`, `updated` today.
 */
export function draftArticle(gap: ContentGap, today: Date = new Date(), allGaps: readonly ContentGap[] = []): Draft {
  const related = gap.relatedQueries ?? relatedQueries(gap, allGaps)
  const keywords = [...new Set([gap.query, ...related].map((q) => q.trim()).filter(Boolean))].slice(0, MAX_KEYWORDS)
  const evidence = [
    `Content gap "${gap.query}": ${gap.searches} searches in ${gap.sessions} sessions, ${gap.sessionsAffected} of them left without an answer`,
    `(${gap.zeroResults} with no results, ${gap.noClicks} with no click), ${gap.contacts} contacts followed;`,
    `last seen ${formatDay(gap.lastSeen)}. Drafted from the Signpost dashboard on ${isoDay(today)}.`,
  ]
  const markdown = [
    '---',
    `title: ${yamlString(titleFromQuery(gap.query))}`,
    'summary: TODO',
    `keywords: [${keywords.map(yamlString).join(', ')}]`,
    'tags: []',
    'draft: true',
    `updated: ${isoDay(today)}`,
    '---',
    '',
    `<!-- ${evidence.join('\n     ').replace(/--/g, '- -')} -->`,
    '',
    'TODO: answer the question customers asked in their own words, then link the articles they need next.',
    '',
  ].join('\n')
  return { filename: `${slugify(gap.query)}.md`, markdown }
}
