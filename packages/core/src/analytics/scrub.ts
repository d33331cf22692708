import { normalizeQuery } from '../text/normalize.ts'

/**
 * Query scrubbing: customers paste emails, phone and card numbers into search boxes. These never
 * leave the browser (the tracker scrubs) and never reach storage (the server scrubs again).
 */

// The lookbehind starts a match only at the start of a token, so a long run without `@` costs O(n), not O(n²).
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu
/** 13–19 digits, optionally grouped by spaces or dashes: a payment card number. */
const CARD = /(?<![\p{N}])(?:\d[ -]?){12,18}\d(?![\p{N}])/gu
/** A phone number: optional +, then digits with spaces, dots, dashes or brackets, 7+ digits in all. */
const PHONE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{5,}\d(?![\p{N}])/gu
/** Any other run of five or more digits: an account, order or ID number. */
const DIGITS = /\d{5,}/g

export const MAX_QUERY_LENGTH = 200
/** Text beyond this is never a search query; cutting it first bounds the scrubbing work in the browser. */
const MAX_INPUT_LENGTH = 1000
const PLACEHOLDER = /(\[(?:email|card|phone|number)\])/

/**
 * Replaces emails, card numbers, phone numbers and long digit runs with `[email]`, `[card]`,
 * `[phone]` and `[number]`, and normalizes the rest like every query (`normalizeQuery`), so the
 * same question groups together in reports. Cut to 200 characters.
 * `"Refund for Jo.Doe@example.com, card 4111 1111 1111 1111?"` → `"refund for [email] card [card]"`.
 */
export function scrubQuery(query: string): string {
  return cutOutput(mask(query, normalizeQuery))
}

/** An apostrophe inside a word ("doesn't", "customer’s"), which a reason keeps. */
const INNER_APOSTROPHE = /(?<=\p{L})['’](?=\p{L})/u

/**
 * A vote's reason, scrubbed like a query but kept readable for the writer who acts on it:
 * "doesn't" stays "doesn't", not the query's two words "doesn t".
 * `"Doesn’t say how to cancel, call +1 415 555 0100"` → `"doesn't say how to cancel call [phone]"`.
 */
export function scrubReason(reason: string): string {
  return cutOutput(mask(reason, (part) => part.split(INNER_APOSTROPHE).map(normalizeQuery).join("'")))
}

/** Masks emails, card and phone numbers and long digit runs; `normalize` turns the text between them into words. */
function mask(text: string, normalize: (part: string) => string): string {
  const masked = cutInput(text)
    .normalize('NFKC')
    .replace(EMAIL, ' [email] ')
    .replace(CARD, (m) => (luhn(m) ? ' [card] ' : m))
    .replace(PHONE, (m) => (digitCount(m) >= 7 && /[\s().+-]/.test(m) ? ' [phone] ' : m))
    .replace(DIGITS, ' [number] ')
  return masked
    .split(PLACEHOLDER)
    .map((part) => (PLACEHOLDER.test(part) ? part : normalize(part)))
    .filter((part) => part !== '')
    .join(' ')
}

/** Drops what follows the first 1000 characters, and the token cut there: half an email or card number no pattern would recognize. */
function cutInput(query: string): string {
  if (query.length <= MAX_INPUT_LENGTH) return query
  return query.slice(0, MAX_INPUT_LENGTH).replace(/[\d\s().+-]*\S*$/u, '')
}

/** Cuts at a word boundary, so a placeholder is never left half (`[ema`) and scrubbing twice changes nothing. */
function cutOutput(scrubbed: string): string {
  if (scrubbed.length <= MAX_QUERY_LENGTH) return scrubbed
  const cut = scrubbed.slice(0, MAX_QUERY_LENGTH + 1)
  return cut.includes(' ') ? cut.replace(/ \S*$/, '') : cut.slice(0, MAX_QUERY_LENGTH)
}

function digitCount(s: string): number {
  let n = 0
  for (const c of s) if (c >= '0' && c <= '9') n++
  return n
}

/** The Luhn checksum every payment card number passes; other long numbers are phones or ids. */
function luhn(s: string): boolean {
  const digits = s.replace(/\D/g, '')
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** A UUID, as the tracker makes session ids (`timeOrderedId`): nothing else is a session id. */
export const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether `id` has the tracker's session id format (so it cannot carry an email or a name). */
export function isSessionId(id: unknown): id is string {
  return typeof id === 'string' && SESSION_ID.test(id)
}

const UUID_IN_TEXT = /(?<![0-9a-z])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
/** A run of 16+ hex digits with letters and decimal digits both: an API key, a hash, a token. */
const HEX_TOKEN = /(?<![0-9a-z])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9a-z])/gi
/** A phone number written with a `+` country code: `+1-415-555-0123`. */
const INTL_PHONE = /\+\d[\d().-]{5,}\d/g
const NINE_DIGITS = /\d{9,}/g

/**
 * Masks what identifies a person in a host route, keeping its shape so routes still group:
 * `/account/jo.doe@example.com/cards/4111111111111111` → `/account/[email]/cards/[card]`.
 * Emails (also percent-encoded), card numbers, `+` phone numbers, UUIDs and long hex tokens
 * (`[id]`) and runs of five or more digits (`[number]`, as in queries).
 */
export function scrubPath(path: string): string {
  return safeDecode(path)
    .replace(EMAIL, '[email]')
    .replace(UUID_IN_TEXT, '[id]')
    .replace(HEX_TOKEN, '[id]')
    .replace(CARD, (m) => (luhn(m) ? '[card]' : m))
    .replace(INTL_PHONE, (m) => (digitCount(m) >= 7 ? '[phone]' : m))
    .replace(DIGITS, '[number]')
}

/**
 * The same for an article id, which writers name: only emails, card numbers and runs of nine or
 * more digits are masked, so `changelog/2024-05-01` or `errors/e40401` stay as they were built.
 */
export function scrubArticleId(id: string): string {
  return safeDecode(id)
    .replace(EMAIL, '[email]')
    .replace(CARD, (m) => (luhn(m) && /^\d+$/.test(m) ? '[card]' : m))
    .replace(NINE_DIGITS, '[number]')
}

/** `%40` → `@` so an encoded email is found too; text that is not valid percent-encoding stays as is. */
function safeDecode(s: string): string {
  if (!s.includes('%')) return s
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
