/**
 * Checking and handing over the contact form's message (its chunk): to the host page
 * (`signpost-contact`, cancelable), else to the customer's mail app for a `mailto:` `contact-url`,
 * else as a JSON POST to `contact-url`.
 */
import { type ContactDetail, SignpostContactEvent } from '../events/contact.ts'
import type { SignpostHelp } from '../signpost-help.ts'
import type { SignpostStrings } from '../strings.ts'
import type { Draft } from './draft.ts'

export type Errors = Partial<Record<keyof Draft, string>>

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Which fields are wrong, each with a message naming the field. */
export function validate(draft: Draft, s: SignpostStrings): Errors {
  const errors: Errors = {}
  if (!draft.email.trim()) errors.email = s.required.replace('{field}', s.email)
  else if (!EMAIL.test(draft.email.trim())) errors.email = s.invalidEmail
  if (!draft.message.trim()) errors.message = s.required.replace('{field}', s.message)
  return errors
}

/** A `mailto:` address with the form's subject and message (and the session id, for support to join them). */
export function mailtoUrl(address: string, m: { subject?: string; message?: string; sessionId: string }): string {
  const [to, query] = address.split('?', 2)
  const params = new URLSearchParams(query)
  if (m.subject) params.set('subject', m.subject)
  params.set('body', `${m.message ?? ''}\n\n--\nHelp session: ${m.sessionId}`)
  // mailto wants %20 for spaces, not URLSearchParams' +.
  return `${to}?${params.toString().replace(/\+/g, '%20')}`
}

/**
 * Hands the message over; resolves with the analytics channel it went by (`form`, `email`), or
 * undefined when it could not be sent (nothing took it, or the POST failed: the draft stays).
 */
export async function deliver(host: SignpostHelp, detail: ContactDetail, sending: () => void): Promise<'form' | 'email' | undefined> {
  const event = new SignpostContactEvent(detail)
  host.dispatchEvent(event)
  const url = host.contactUrl
  if (event.defaultPrevented) return 'form'
  if (url.startsWith('mailto:')) {
    // The customer's mail app takes it from here, with the message filled in.
    location.href = mailtoUrl(url, detail)
    return 'email'
  }
  if (!url) return undefined
  sending()
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event.detail) })
    if (response.ok) return 'form'
    console.error(`signpost: POST ${url} answered ${response.status}`)
  } catch (error) {
    console.error(`signpost: POST ${url} failed`, error)
  }
  return undefined
}
