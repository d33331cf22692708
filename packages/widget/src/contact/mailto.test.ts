import { describe, expect, it } from 'vitest'
import { mailtoUrl } from './contact-form.ts'

describe('mailtoUrl', () => {
  it('fills in the subject and the message, with the help session for support to join', () => {
    const url = mailtoUrl('mailto:help@example.com', { subject: 'Refund & invoice', message: 'Charged twice?\nPlease check.', sessionId: 'abc-123' })
    expect(url).toBe('mailto:help@example.com?subject=Refund%20%26%20invoice&body=Charged%20twice%3F%0APlease%20check.%0A%0A--%0AHelp%20session%3A%20abc-123')
  })

  it('keeps what the address already asks for, and a literal plus', () => {
    const url = mailtoUrl('mailto:help@example.com?cc=ops@example.com', { subject: '', message: 'C++ question', sessionId: 's' })
    expect(new URL(url).searchParams.get('cc')).toBe('ops@example.com')
    expect(decodeURIComponent(url.split('body=')[1]!)).toBe('C++ question\n\n--\nHelp session: s')
  })
})
