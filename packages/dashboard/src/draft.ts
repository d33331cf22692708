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

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const yamlString = (s: string): string => JSON.stringify(s)

/**
 * The markdown stub for `gap`: `title` from the query, `keywords` with the query and the related
 * queries the server names for it, `summary: TODO`, `draft: true`, `updated` today. No guessing
 * from shared words: "invoice in arabic" is not a phrasing of "multi currency invoice", and a
 * published keyword would take its searches away from the article that answers them.
 */
export function draftArticle(gap: ContentGap, today: Date = new Date()): Draft {
  const related = gap.relatedQueries ?? []
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
