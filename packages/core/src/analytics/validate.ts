import { EVENT_TYPES, type EventType, type SignpostEvent, VIEW_SOURCES } from './events.ts'
import { isSessionId, scrubArticleId, scrubPath, scrubQuery, scrubReason } from './scrub.ts'

/**
 * The event schema v1 validator, shared by the tracker and the server. It names every bad field
 * (`events[3].query: expected a string of at most 500 characters`), drops unknown fields, and
 * scrubs queries, so what is stored is exactly the documented shape.
 */

export type ValidationResult = { ok: true; event: SignpostEvent } | { ok: false; errors: string[] }

export const LIMITS = { id: 64, session: 64, site: 64, locale: 35, path: 2048, query: 500, article: 300, reason: 500, channel: 40 } as const

/** The latest time a JavaScript Date can hold (year 275760): beyond it no date can be named. */
export const MAX_TS = 8.64e15

const ID = /^[A-Za-z0-9_-]{8,64}$/
/** Session ids travel to support tickets and exports: only the tracker's random format, never a name or an email. */
const SESSION_PATTERN = { test: isSessionId }
const LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/

type Fields = Record<string, unknown>

/** The fields every event has. */
const BASE_FIELDS: readonly string[] = ['id', 'type', 'ts', 'session', 'site', 'locale', 'path']

class Checker {
  readonly errors: string[] = []
  readonly input: Fields
  readonly at: string

  constructor(input: Fields, at: string) {
    this.input = input
    this.at = at
  }

  fail(field: string, expected: string): undefined {
    this.errors.push(`${this.at}${field}: ${expected}`)
    return undefined
  }

  string(field: string, max: number, { optional = false, empty = false } = {}): string | undefined {
    const v = this.input[field]
    if (v === undefined && optional) return undefined
    if (typeof v !== 'string' || (v.length === 0 && !empty) || v.length > max) {
      return this.fail(field, `expected a ${empty ? '' : 'non-empty '}string of at most ${max} characters`)
    }
    return v
  }

  integer(field: string, min: number): number | undefined {
    const v = this.input[field]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) return this.fail(field, `expected a whole number of at least ${min}`)
    return v
  }

  /** An article id, scrubbed: the host may pass ids built from customer data. */
  article({ optional = false } = {}): string | undefined {
    const v = this.string('article', LIMITS.article, { optional })
    return v === undefined ? undefined : scrubArticleId(v)
  }

  /** Names every field outside `allowed` (the newer event types take no field they do not define). */
  only(allowed: readonly string[]): void {
    for (const field of Object.keys(this.input)) if (!BASE_FIELDS.includes(field) && !allowed.includes(field)) this.fail(field, 'unknown field')
  }

  match(field: string, pattern: Pick<RegExp, 'test'>, expected: string, max: number): string | undefined {
    const v = this.input[field]
    if (typeof v !== 'string' || v.length > max || !pattern.test(v)) return this.fail(field, expected)
    return v
  }
}

/** Validates one event of schema v1; `index` names it in messages (`events[3].type: …`). */
export function validateEvent(input: unknown, index?: number): ValidationResult {
  const at = index === undefined ? '' : `events[${index}].`
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [`${at.replace(/\.$/, '') || 'event'}: expected an object`] }
  const c = new Checker(input as Fields, at)
  const type = (input as Fields).type
  if (!EVENT_TYPES.includes(type as EventType)) {
    return { ok: false, errors: [`${at}type: expected one of ${EVENT_TYPES.join(', ')}, got ${JSON.stringify(type)?.slice(0, 40)}`] }
  }
  const id = c.match('id', ID, 'expected 8 to 64 characters of A-Z, a-z, 0-9, _ or -', LIMITS.id)
  const ts = (input as Fields).ts
  if (typeof ts !== 'number' || !Number.isFinite(ts) || ts <= 0 || ts > MAX_TS) c.fail('ts', 'expected a time in milliseconds since 1970')
  const session = c.match('session', SESSION_PATTERN, 'expected a session id as the tracker makes it (a UUID)', LIMITS.session)
  const site = c.string('site', LIMITS.site)
  const locale = c.match('locale', LOCALE, 'expected a locale such as "en" or "pt-BR"', LIMITS.locale)
  const rawPath = c.string('path', LIMITS.path)
  if (rawPath !== undefined && !rawPath.startsWith('/')) c.fail('path', 'expected a path starting with "/"')
  // Every free-text field is scrubbed like a query: routes and article ids carry emails and card numbers too.
  const path = rawPath === undefined ? '/' : scrubPath(rawPath.split(/[?#]/, 1)[0]!).slice(0, LIMITS.path)
  const base = { id: id!, ts: ts as number, session: session!, site: site!, locale: locale!, path }

  let event: SignpostEvent | undefined
  switch (type as EventType) {
    case 'open':
      event = { ...base, type: 'open' }
      break
    case 'search': {
      const query = c.string('query', LIMITS.query)
      const results = c.integer('results', 0)
      event = { ...base, type: 'search', query: scrubQuery(query ?? ''), results: results! }
      break
    }
    case 'click': {
      const article = c.article()
      const position = c.integer('position', 1)
      const query = c.string('query', LIMITS.query, { empty: true })
      event = { ...base, type: 'click', article: article!, position: position!, query: scrubQuery(query ?? '') }
      break
    }
    case 'view': {
      const article = c.article()
      const source = (input as Fields).source
      if (!VIEW_SOURCES.includes(source as (typeof VIEW_SOURCES)[number])) c.fail('source', `expected one of ${VIEW_SOURCES.join(', ')}`)
      event = { ...base, type: 'view', article: article!, source: source as (typeof VIEW_SOURCES)[number] }
      break
    }
    case 'feedback': {
      const article = c.article()
      const helpful = (input as Fields).helpful
      if (typeof helpful !== 'boolean') c.fail('helpful', 'expected true or false')
      const reason = c.string('reason', LIMITS.reason, { optional: true, empty: true })
      // A reason is free text like a query: customers paste emails and numbers into it too.
      const scrubbed = reason ? scrubReason(reason) : ''
      const followUp = (input as Fields).followUp
      if (followUp !== undefined && typeof followUp !== 'boolean') c.fail('followUp', 'expected true or false')
      event = { ...base, type: 'feedback', article: article!, helpful: helpful as boolean, ...(scrubbed ? { reason: scrubbed } : {}), ...(followUp === true ? { followUp: true } : {}) }
      break
    }
    case 'contact-suggestions-shown': {
      c.only(['articles', 'query'])
      const articles = (input as Fields).articles
      if (!Array.isArray(articles) || articles.length === 0 || articles.length > 10 || articles.some((a) => typeof a !== 'string' || a.length === 0 || a.length > LIMITS.article)) {
        c.fail('articles', `expected 1 to 10 article ids, each a non-empty string of at most ${LIMITS.article} characters`)
      }
      const query = c.string('query', LIMITS.query, { optional: true, empty: true })
      event = { ...base, type: 'contact-suggestions-shown', articles: (articles as string[]).map?.(scrubArticleId), ...(query ? { query: scrubQuery(query) } : {}) }
      break
    }
    case 'contact-deflected': {
      c.only(['article', 'query'])
      const article = c.article()
      const query = c.string('query', LIMITS.query, { optional: true, empty: true })
      event = { ...base, type: 'contact-deflected', article: article!, ...(query ? { query: scrubQuery(query) } : {}) }
      break
    }
    case 'contact': {
      const channel = c.string('channel', LIMITS.channel)
      const article = c.article({ optional: true })
      const query = c.string('query', LIMITS.query, { optional: true, empty: true })
      event = { ...base, type: 'contact', channel: channel!, ...(article ? { article } : {}), ...(query ? { query: scrubQuery(query) } : {}) }
      break
    }
  }
  return c.errors.length > 0 || !event ? { ok: false, errors: c.errors } : { ok: true, event }
}

export interface BatchResult {
  events: SignpostEvent[]
  rejected: { index: number; errors: string[] }[]
  /** The client's clock when it sent the batch, to correct each event's `ts` for clock skew. */
  sentAt?: number
}

/**
 * Validates a batch: an array of events, or `{ sentAt, events: [...] }` as the tracker sends it.
 * Valid events are kept even when others in the same batch are rejected.
 */
export function validateBatch(input: unknown): BatchResult {
  const envelope = Array.isArray(input) ? { events: input } : (input as { sentAt?: unknown; events?: unknown } | null)
  if (!envelope || typeof envelope !== 'object' || !Array.isArray(envelope.events)) {
    return { events: [], rejected: [{ index: -1, errors: ['body: expected an array of events or { "sentAt": …, "events": [...] }'] }] }
  }
  const sentAt = typeof envelope.sentAt === 'number' && Number.isFinite(envelope.sentAt) ? envelope.sentAt : undefined
  const events: SignpostEvent[] = []
  const rejected: BatchResult['rejected'] = []
  envelope.events.forEach((e, i) => {
    const r = validateEvent(e, i)
    if (r.ok) events.push(r.event)
    else rejected.push({ index: i, errors: r.errors })
  })
  return { events, rejected, ...(sentAt !== undefined ? { sentAt } : {}) }
}
