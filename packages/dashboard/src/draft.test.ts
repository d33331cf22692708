import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import type { ContentGap } from './api.ts'
import { draftArticle, slugify, titleFromQuery } from './draft.ts'

const gap: ContentGap = {
  query: 'export invoices to "quickbooks"',
  searches: 42,
  sessions: 30,
  sessionsAffected: 28,
  zeroResults: 12,
  noClicks: 30,
  contacts: 5,
  lastSeen: '2026-11-20T10:00:00Z',
  relatedQueries: ['quickbooks sync', 'export invoices to "quickbooks"', 'accounting export'],
}

function frontmatter(markdown: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
  expect(m, 'frontmatter block').not.toBeNull()
  return parse(m![1]!) as Record<string, unknown>
}

describe('draftArticle', () => {
  it('prefills the frontmatter a writer needs, as a draft', () => {
    const draft = draftArticle(gap, new Date('2026-11-22T09:00:00Z'))
    expect(draft.filename).toBe('export-invoices-to-quickbooks.md')
    expect(frontmatter(draft.markdown)).toEqual({
      title: 'Export invoices to "quickbooks"',
      summary: 'TODO',
      keywords: ['export invoices to "quickbooks"', 'quickbooks sync', 'accounting export'],
      tags: [],
      draft: true,
      updated: '2026-11-22',
    })
  })

  it('keeps the evidence in a comment the build drops', () => {
    const { markdown } = draftArticle(gap, new Date('2026-11-22T09:00:00Z'))
    expect(markdown).toContain('42 searches in 30 sessions, 28 of them left without an answer')
    expect(markdown).toContain('(12 with no results, 30 with no click), 5 contacts followed')
    expect(markdown).toContain('last seen Nov 20, 2026')
    expect(markdown.indexOf('<!--')).toBeGreaterThan(markdown.indexOf('\n---\n'))
  })

  it('uses the query alone as keywords when nothing relates to it', () => {
    const { relatedQueries: _, ...bare } = gap
    expect(frontmatter(draftArticle({ ...bare, query: 'refund' }).markdown).keywords).toEqual(['refund'])
  })

  it('never takes another gap as a keyword for sharing a word with it', () => {
    const row = (query: string): ContentGap => ({ query, searches: 9, sessions: 9, sessionsAffected: 9, zeroResults: 0, noClicks: 9, contacts: 0, lastSeen: '' })
    // Publishing "invoice in arabic" as a keyword of a multi-currency article would take its searches.
    expect(frontmatter(draftArticle(row('multi currency invoice')).markdown).keywords).toEqual(['multi currency invoice'])
  })
})

describe('file names and titles', () => {
  it('makes a safe file name from any query', () => {
    expect(slugify('¿Cómo cambio mi contraseña?')).toBe('como-cambio-mi-contrasena')
    expect(slugify('../../etc/passwd')).toBe('etc-passwd')
    expect(slugify('???')).toBe('untitled')
  })

  it('capitalizes the first letter only', () => {
    expect(titleFromQuery('  reset  2FA code ')).toBe('Reset 2FA code')
  })
})
