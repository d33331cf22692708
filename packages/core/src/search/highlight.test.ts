import { describe, expect, it } from 'vitest'
import { highlight, snippet } from './highlight.ts'

const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')

describe('highlight', () => {
  it('marks the words a hit matched, as written or by stem', () => {
    const marked = highlight('Refunds are issued within 5 days.', ['refund'], 'en')
    expect(marked.filter((s) => s.match).map((s) => s.text)).toEqual(['Refunds'])
    expect(marked.map((s) => s.text).join('')).toBe('Refunds are issued within 5 days.')
  })
})

describe('snippet', () => {
  it('keeps a short text whole', () => {
    expect(snippet('Refunds take five days.', ['refund'], 'en')).toBe('Refunds take five days.')
  })

  it('shows the passage with the most matched words, with an ellipsis where it was cut', () => {
    const text = `${filler(40)} To cancel a plan, open billing and cancel it there. ${filler(40)}`
    const s = snippet(text, ['cancel', 'plan', 'billing'], 'en', 80)
    expect(s).toMatch(/^…/)
    expect(s).toMatch(/…$/)
    expect(s).toContain('To cancel a plan, open billing and cancel it there.')
    expect(s.length).toBeLessThanOrEqual(82)
  })

  it('leaves no punctuation dangling beside an ellipsis', () => {
    const text = `${filler(30)}, refund policy: refunds are made to the card used , ${filler(30)}`
    for (const length of [40, 50, 60, 70, 80]) {
      const s = snippet(text, ['refund'], 'en', length)
      expect(s).not.toMatch(/[\s,;:]…$/)
      expect(s).not.toMatch(/^…[\s,;:.]/)
    }
  })
})
