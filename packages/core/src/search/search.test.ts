import { describe, expect, it } from 'vitest'
import { createBodyIndex, createPrimaryIndex, loadSearchIndex, parseQuery, search } from '../index.ts'

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

function buildFrom(docs: { id: string; title: string; body: string }[]) {
  const primary = createPrimaryIndex('en')
  const body = createBodyIndex('en')
  for (const d of docs) {
    primary.add({ id: d.id, title: d.title, keywords: '', tags: '' })
    body.add({ id: d.id, summary: '', headings: '', body: d.body })
  }
  return loadSearchIndex({ locale: 'en', primary: JSON.stringify(primary), body: JSON.stringify(body) })
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

  it('lets an article that lacks only a common word rank above weak matches that have every word', () => {
    const common = Array.from({ length: 8 }, (_, i) => ({ id: `misc/${i}`, title: `Topic ${i}`, body: 'Get started with the settings page.' }))
    const index = buildFrom([
      ...common,
      { id: 'vendors/pay', title: 'Pay your vendors', body: 'Create a payment journal for vendor invoices.' },
      { id: 'misc/vendors', title: 'Lists', body: 'Get the vendors list from settings; the payment totals are below.' },
    ])
    // "get" is in most articles: missing it costs vendors/pay little; "vendor" and "payment" are rare.
    expect(search(index, 'get vendor payment')[0]?.id).toBe('vendors/pay')
  })

  it('counts a swap of two letters as one slip', () => {
    expect(search(build(), 'refnud?')[0]?.id).toBe('billing/refunds')
    expect(search(build(), 'cancle plan?')[0]?.id).toBe('billing/cancel')
  })

  it('ignores the stray pieces of contractions', () => {
    expect(parseQuery("can't sign in, it doesn't work and I haven't got the customer's invoice", 'en').map((g) => g.text)).toEqual([
      'sign',
      'work',
      'got',
      'customer',
      'invoice',
    ])
    const index = buildFrom([
      { id: 'billing/charges', title: 'Charges', body: 'See each charge on your card.' },
      { id: 'misc/faq', title: 'Questions', body: "It wasn't there, it wasn't working. Don't worry: it wasn't you, and it didn't charge twice." },
    ])
    expect(search(index, "wasn't charged")[0]?.id).toBe('billing/charges')
  })

  it('matches two words a customer splits to the one word the writer joined', () => {
    const index = buildFrom([
      { id: 'settings/timezone', title: 'Change the timezone of reports', body: 'Reports use the timezone you pick.' },
      { id: 'settings/zones', title: 'Delivery zones', body: 'Zones group the places you ship to.' },
    ])
    expect(search(index, 'time zone?')[0]?.id).toBe('settings/timezone')
  })

  it("counts an article's learned queries only where they share two of the customer's words", () => {
    const primary = createPrimaryIndex('en')
    const body = createBodyIndex('en')
    const docs = [
      { id: 'billing/declined', title: 'Payment failed', learned: 'card declined at checkout \n bank refused my card' },
      { id: 'store/checkout', title: 'Customize the checkout page', learned: '' },
    ]
    for (const d of docs) {
      primary.add({ id: d.id, title: d.title, keywords: '', tags: '', learned: d.learned })
      body.add({ id: d.id, summary: '', headings: '', body: '' })
    }
    const index = loadSearchIndex({ locale: 'en', primary: JSON.stringify(primary), body: JSON.stringify(body) })
    expect(search(index, 'my card got declined')[0]?.id).toBe('billing/declined')
    // One shared word ("checkout") with a past query is no evidence: only the article about it answers.
    expect(search(index, 'checkout colors').map((h) => h.id)).toEqual(['store/checkout'])
  })

  it('returns nothing for a query of punctuation', () => {
    expect(search(build(), '?!')).toEqual([])
  })
})
