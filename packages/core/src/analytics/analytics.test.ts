import { describe, expect, it } from 'vitest'
import { isSessionId, scrubArticleId, scrubPath, scrubQuery, scrubReason, timeOrderedId, validateBatch, validateEvent } from '../index.ts'

const base = { id: 'evt_12345678', ts: 1_790_000_000_000, session: '0193a5e0-0000-7000-8000-00000000abcd', site: 'demo', locale: 'en', path: '/settings/billing' }

describe('scrubQuery', () => {
  it('masks emails, card numbers, phone numbers and long digit runs', () => {
    expect(scrubQuery('Refund for Jo.Doe@example.com, card 4111 1111 1111 1111?')).toBe('refund for [email] card [card]')
    expect(scrubQuery('call me on +44 20 7946 0958 please')).toBe('call me on [phone] please')
    expect(scrubQuery('order 1234567 missing')).toBe('order [number] missing')
  })

  it('leaves short numbers and ordinary words alone, normalized', () => {
    expect(scrubQuery('  Plan  2024 — Résumé ')).toBe('plan 2024 resume')
    expect(scrubQuery('2FA code')).toBe('2fa code')
  })

  it('keeps placeholders readable through normalization', () => {
    expect(scrubQuery('Email me at Jo.Doe@x.com')).toBe('email me at [email]')
    expect(scrubQuery('ACCOUNT #98765432: locked')).toBe('account [number] locked')
  })

  it('masks a 16-digit number that fails the card checksum without calling it a card', () => {
    expect(scrubQuery('ref 1234 5678 9012 3456')).toMatch(/^ref \[(phone|number)\]$/)
  })

  it('cuts long queries to 200 characters at a word boundary', () => {
    expect(scrubQuery('word '.repeat(100)).length).toBeLessThanOrEqual(200)
    const cut = scrubQuery(`${'word '.repeat(39)}xy jo@example.com`)
    expect(cut.endsWith(' xy')).toBe(true)
  })

  it('gives the same answer when the server scrubs a query the browser already scrubbed', () => {
    for (const q of ['Refund for Jo.Doe@example.com, card 4111 1111 1111 1111?', `${'word '.repeat(38)}abc me@x.io tail`, 'call +1 (555) 010-9999']) {
      expect(scrubQuery(scrubQuery(q))).toBe(scrubQuery(q))
    }
  })

  it('scrubs a pasted wall of text without stalling the page', () => {
    // These took tens of seconds before the email pattern was anchored to token starts.
    expect(scrubQuery(`${'x'.repeat(100_000)}@`)).toBe('')
    expect(scrubQuery('1-'.repeat(50_000))).toBe('')
    expect(scrubQuery(`${'a '.repeat(499)}jo.doe@exam${'x'.repeat(500)}`)).not.toMatch(/jo|doe|exam/)
  })
})

describe('validateEvent', () => {
  it('accepts each event type of schema v1 and drops unknown fields', () => {
    for (const e of [
      { type: 'open' },
      { type: 'search', query: 'refund', results: 3 },
      { type: 'click', article: 'billing/refunds', position: 1, query: 'refund' },
      { type: 'view', article: 'billing/refunds', source: 'search' },
      { type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'outdated' },
      { type: 'contact', channel: 'email', article: 'billing/refunds' },
    ]) {
      const r = validateEvent({ ...base, ...e, extra: 'x' })
      expect(r.ok).toBe(true)
      if (r.ok) expect(r.event).not.toHaveProperty('extra')
    }
  })

  it('names every bad field with its index in the batch', () => {
    const r = validateEvent({ ...base, type: 'search', query: 5, results: -1, path: 'settings' }, 3)
    expect(r).toEqual({
      ok: false,
      errors: [
        'events[3].path: expected a path starting with "/"',
        'events[3].query: expected a non-empty string of at most 500 characters',
        'events[3].results: expected a whole number of at least 0',
      ],
    })
  })

  it('refuses unknown types and non-objects', () => {
    expect(validateEvent({ ...base, type: 'purchase' })).toEqual({ ok: false, errors: ['type: expected one of open, search, click, view, feedback, contact, contact-suggestions-shown, contact-deflected, got "purchase"'] })
    expect(validateEvent('x', 0)).toEqual({ ok: false, errors: ['events[0]: expected an object'] })
  })

  it('refuses a field the contact-form events do not define, naming it, and scrubs their article ids', () => {
    expect(validateEvent({ ...base, type: 'contact-deflected', article: 'billing/refunds', email: 'jo@example.com' }, 2)).toEqual({
      ok: false,
      errors: ['events[2].email: unknown field'],
    })
    const shown = validateEvent({ ...base, type: 'contact-suggestions-shown', articles: ['billing/refunds', 'account/jo.doe@example.com'], query: 'refund' })
    expect(shown.ok && shown.event).toMatchObject({ articles: ['billing/refunds', 'account/[email]'] })
    const deflected = validateEvent({ ...base, type: 'contact-deflected', article: 'account/jo.doe@example.com' })
    expect(deflected.ok && deflected.event).toMatchObject({ article: 'account/[email]' })
  })

  it('scrubs queries and strips the query string from paths', () => {
    const r = validateEvent({ ...base, type: 'search', query: 'reset for me@x.io', results: 0, path: '/login?email=me@x.io' })
    expect(r.ok && r.event).toMatchObject({ query: 'reset for [email]', path: '/login' })
  })

  it('keeps the apostrophes of a reason, so the writer reads the customer’s words', () => {
    const r = validateEvent({ ...base, type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'Doesn’t say what the customer\'s card shows. Call 555-0100-222' })
    expect(r.ok && r.event).toMatchObject({ reason: "doesn't say what the customer's card shows call [phone]" })
    // The tracker scrubs first and the server again: a second pass changes nothing.
    expect(scrubReason("doesn't say what the customer's card shows call [phone]")).toBe("doesn't say what the customer's card shows call [phone]")
    // A quote around a word is punctuation, not part of it.
    expect(scrubReason("the 'refund' button")).toBe('the refund button')
  })

  it('scrubs the free-text reason of a vote like a query', () => {
    const r = validateEvent({ ...base, type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'Call me on +1 415 555 0100' })
    expect(r.ok && r.event).toMatchObject({ reason: 'call me on [phone]' })
  })

  it('refuses a one-megabyte string', () => {
    const r = validateEvent({ ...base, type: 'search', query: 'x'.repeat(1_000_000), results: 1 })
    expect(r.ok).toBe(false)
  })
})

describe('validateBatch', () => {
  it('keeps the valid events of a batch and reports the others by index', () => {
    const r = validateBatch({ sentAt: 1_790_000_000_500, events: [{ ...base, type: 'open' }, { type: 'nope' }, { ...base, id: 'evt_87654321', type: 'open' }] })
    expect(r.events.map((e) => e.id)).toEqual(['evt_12345678', 'evt_87654321'])
    expect(r.rejected.map((x) => x.index)).toEqual([1])
    expect(r.sentAt).toBe(1_790_000_000_500)
  })

  it('says what shape it expected for a body that is not a batch', () => {
    expect(validateBatch({ hello: 1 }).rejected[0]?.errors[0]).toMatch(/expected an array of events/)
  })
})

describe('timeOrderedId', () => {
  it('is a version 7 UUID that the event schema accepts', () => {
    const id = timeOrderedId()
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(validateEvent({ ...base, id, session: timeOrderedId(), type: 'open' }).ok).toBe(true)
  })

  it('sorts by creation time, and ids of the same millisecond differ', () => {
    const ids = [timeOrderedId(1_790_000_000_000), timeOrderedId(1_790_000_000_001), timeOrderedId(1_790_000_060_000), timeOrderedId(1_800_000_000_000)]
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedId(1_790_000_000_000))).size).toBe(1000)
  })

  it('holds the time in its first 48 bits, big-endian', () => {
    expect(timeOrderedId(0x0123_4567_89ab).slice(0, 15)).toBe('01234567-89ab-7')
    expect(timeOrderedId(0xffff_ffff_ffff).slice(0, 15)).toBe('ffffffff-ffff-7')
  })
})

describe('scrubPath and scrubArticleId', () => {
  it('mask emails, card numbers, ids and long numbers in a route, keeping its shape', () => {
    expect(scrubPath('/account/jo.doe@example.com/cards/4111111111111111')).toBe('/account/[email]/cards/[card]')
    expect(scrubPath('/account/jo.doe%40example.com/orders/1234567')).toBe('/account/[email]/orders/[number]')
    expect(scrubPath('/users/0193a5e0-1234-7abc-8def-0123456789ab/settings')).toBe('/users/[id]/settings')
    expect(scrubPath('/reset/9f86d081884c7d659a2feaa0c55ad015')).toBe('/reset/[id]')
    expect(scrubPath('/call/+1-415-555-0123')).toBe('/call/[phone]')
    expect(scrubPath('/settings/billing/2024-05-01')).toBe('/settings/billing/2024-05-01')
    expect(scrubPath('/bad/%E0%A4%A')).toBe('/bad/%E0%A4%A')
  })

  it('leave article ids a writer could have named alone', () => {
    expect(scrubArticleId('changelog/2024-05-01')).toBe('changelog/2024-05-01')
    expect(scrubArticleId('errors/e40401')).toBe('errors/e40401')
    expect(scrubArticleId('users/jo.doe@example.com')).toBe('users/[email]')
    expect(scrubArticleId('cards/4111111111111111')).toBe('cards/[card]')
  })

  it('give the same answer twice', () => {
    for (const p of ['/account/jo.doe@example.com/cards/4111111111111111', '/x/0193a5e0-1234-7abc-8def-0123456789ab']) expect(scrubPath(scrubPath(p))).toBe(scrubPath(p))
  })
})

describe('session ids', () => {
  it('are the tracker\'s UUIDs; anything else is refused by name', () => {
    expect(isSessionId(timeOrderedId())).toBe(true)
    for (const bad of ['jo.doe@example.com', 's1', '4111111111111111', 'John Smith']) {
      const r = validateEvent({ ...base, session: bad, type: 'open' })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.errors).toEqual(['session: expected a session id as the tracker makes it (a UUID)'])
    }
  })

  it('are validated with every free-text field scrubbed', () => {
    const r = validateEvent({ ...base, path: '/account/jo.doe@example.com/cards/4111111111111111?x=1', type: 'feedback', article: 'users/jo@x.io', helpful: false, reason: 'mail me jo@x.io' })
    expect(r.ok && r.event).toMatchObject({ path: '/account/[email]/cards/[card]', article: 'users/[email]', reason: 'mail me [email]' })
  })
})
