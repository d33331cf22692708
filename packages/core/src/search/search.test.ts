import { describe, expect, it } from 'vitest'
import { createBodyIndex, createPrimaryIndex, loadSearchIndex, search } from '../index.ts'

function build(locale = 'en', synonyms = {}) {
  const primary = createPrimaryIndex(locale)
  const body = createBodyIndex(locale)
  const docs = [
    { id: 'billing/cancel', title: 'Cancel your subscription', summary: 'End your plan and stop future charges.', body: 'Open Billing and choose Cancel plan. Your data stays until the period ends.' },
    { id: 'billing/refunds', title: 'Refunds', summary: 'When we refund a payment.', body: 'Refunds are returned to the original card within ten days.' },
    { id: 'account/password', title: 'Reset your password', summary: 'Get back into your account.', body: 'Use the forgot password link on the sign in page.' },
    { id: 'data/export', title: 'Export your data', summary: 'Download everything as CSV.', body: 'Exports include invoices and the audit log.' },
  ]
  for (const d of docs) {
    primary.add({ id: d.id, title: d.title, keywords: '', tags: '' })
    body.add({ id: d.id, summary: d.summary, headings: '', body: d.body })
  }
  return loadSearchIndex({ locale, primary: JSON.stringify(primary), body: JSON.stringify(body), synonyms })
}

describe('search', () => {
  it('finds an article by a typo in its title', () => {
    expect(search(build(), 'pasword reset')[0]?.id).toBe('account/password')
  })

  it('matches the word still being typed as a prefix', () => {
    expect(search(build(), 'expo')[0]?.id).toBe('data/export')
  })

  it('finds inflected forms through stemming', () => {
    expect(search(build(), 'refunded')[0]?.id).toBe('billing/refunds')
  })

  it('maps the customer words of the synonyms file to the product words', () => {
    const ids = search(build('en', { 'stop paying': ['cancel subscription'] }), 'how do I stop paying').map((h) => h.id)
    expect(ids[0]).toBe('billing/cancel')
  })

  it('falls back to articles matching some words, after those matching all', () => {
    const hits = search(build(), 'export invoices zebra')
    expect(hits[0]).toMatchObject({ id: 'data/export', complete: false })
  })

  it('ranks a title match above a body-only match', () => {
    const ids = search(build(), 'password').map((h) => h.id)
    expect(ids).toEqual(['account/password'])
  })

  it('returns nothing for a query of punctuation', () => {
    expect(search(build(), '?!')).toEqual([])
  })
})
