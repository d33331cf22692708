import { describe, expect, it } from 'vitest'
import { es } from '../strings-es.ts'
import { type SignpostStrings, en } from '../strings.ts'
import { enViews } from '../views/strings-en.ts'
import { mailtoUrl, validate } from './deliver.ts'

const english = { ...en, ...enViews } as SignpostStrings

describe('validate', () => {
  it('names each missing field, in the customer’s language', () => {
    expect(validate({ email: ' ', subject: '', message: '' }, english)).toEqual({ email: 'Your email is required.', message: 'Your message is required.' })
    expect(validate({ email: '', subject: '', message: 'Hola' }, es)).toEqual({ email: 'El campo «Tu correo electrónico» es obligatorio.' })
  })

  it('refuses an address without a domain, and accepts a complete message', () => {
    expect(validate({ email: 'ana@example', subject: '', message: 'Hi' }, english)).toEqual({ email: 'Enter an email address like name@example.com.' })
    expect(validate({ email: ' ana@example.com ', subject: '', message: 'Hi' }, english)).toEqual({})
  })
})

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
