import { isSessionId } from '@signpost/core'
import type { Vendor } from './signatures.ts'

/** What Signpost needs of a new ticket: its id, when it was opened, and the help session, if any. */
export interface Ticket {
  id: string
  /** Ms since epoch; undefined when the payload carries no time of day (then: when it arrived). */
  createdAt: number | undefined
  /** The widget's `help.sessionId` the ticket form carried; undefined when it came another way. */
  session: string | undefined
  /**
   * Set when the session field held text that is not a session id (say, an email an agent typed):
   * the ticket still counts, as a contact outside help, and this names the field for the answer.
   */
  ignoredSession?: string
}

/** A payload without what we need; `field` is its path in the body. */
export class TicketError extends Error {
  override name = 'TicketError'
}

/** The custom field name integrators give the session, in any case, with `_`, `-` or space. */
const SESSION_FIELD = /^signpost[ _-]?session(?:[ _-]?id)?$/i

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

function object(v: unknown, field: string): Json {
  if (!isObject(v)) throw new TicketError(`${field}: expected an object`)
  return v
}

function id(v: unknown, field: string): string {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : ''
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(s)) throw new TicketError(`${field}: expected the ticket id (a number or up to 40 letters and digits), got ${JSON.stringify(v)?.slice(0, 60)}`)
  return s
}

/**
 * A creation time: ISO 8601, a date string with a time of day, or Unix seconds (Intercom).
 * A date alone (Zendesk's `{{ticket.created_at}}` in some account formats) says too little to
 * join a session, so it counts as "now".
 */
function time(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.round(v < 1e11 ? v * 1000 : v)
  if (typeof v === 'string') {
    if (!/\d:\d\d/.test(v)) return undefined
    const ms = Date.parse(v)
    if (!Number.isNaN(ms)) return ms
  }
  throw new TicketError(`${field}: expected a date and time such as 2026-11-20T12:00:00Z, got ${JSON.stringify(v)?.slice(0, 60)}`)
}

/**
 * The session id, or none when the field is missing or empty (the ticket did not come through
 * help). A string that is not a session id as the tracker makes it (a UUID) is never stored — the
 * field may hold anything an agent or customer typed, an email as easily as a name — and the
 * ticket still counts, as a contact outside help: refusing it would lose a real ticket and make
 * the desk retry it (and maybe switch the webhook off). The answer names the field instead.
 */
function session(v: unknown, field: string): Pick<Ticket, 'session' | 'ignoredSession'> {
  if (v === undefined || v === null) return { session: undefined }
  if (typeof v !== 'string') throw new TicketError(`${field}: expected the help session id as a string, got ${JSON.stringify(v)?.slice(0, 60)}`)
  const s = v.trim()
  // An unfilled template placeholder is "no session", not an error: forms without the widget send it.
  if (s === '' || /^\{\{.*\}\}$/.test(s)) return { session: undefined }
  if (!isSessionId(s))
    return { session: undefined, ignoredSession: `${field}: not a help session id (a UUID, as help.sessionId gives it); counted as a contact outside help` }
  return { session: s }
}

/** The value of the first key of `o` that names the session field. */
function sessionKey(o: Json): string | undefined {
  return Object.keys(o).find((k) => SESSION_FIELD.test(k) || SESSION_FIELD.test(k.replace(/^(ticket_)?cf_/, '')))
}

/** Reads each vendor's payload; `null` for a notification that is not a new ticket (Intercom's ping). */
export const PARSERS: Record<Vendor, (body: unknown) => Ticket | null> = {
  // The trigger's JSON body: {"ticket": {"id", "created_at", "signpost_session"}}.
  zendesk(body) {
    const ticket = object(object(body, '(body)')['ticket'], 'ticket')
    const key = sessionKey(ticket) ?? 'signpost_session'
    return {
      id: id(ticket['id'], 'ticket.id'),
      createdAt: time(ticket['created_at_with_timestamp'] ?? ticket['created_at'], 'ticket.created_at'),
      ...session(ticket[key], `ticket.${key}`),
    }
  },
  // The automation's JSON: simple mode wraps fields in "freshdesk_webhook"; advanced is as written.
  freshdesk(body) {
    const root = object(body, '(body)')
    const wrapped = root['freshdesk_webhook'] !== undefined
    const o = wrapped ? object(root['freshdesk_webhook'], 'freshdesk_webhook') : root
    const at = (k: string) => (wrapped ? `freshdesk_webhook.${k}` : k)
    const idKey = o['ticket_id'] !== undefined ? 'ticket_id' : 'id'
    const createdKey = ['ticket_created_at', 'created_at'].find((k) => o[k] !== undefined) ?? 'created_at'
    const key = sessionKey(o) ?? 'signpost_session'
    return { id: id(o[idKey], at(idKey)), createdAt: time(o[createdKey], at(createdKey)), ...session(o[key], at(key)) }
  },
  // A conversation (convo.created): the session is a custom field named "Signpost session".
  helpscout(body) {
    const convo = object(body, '(body)')
    let value: unknown
    let field = 'customFields'
    const fields = convo['customFields'] ?? convo['fields']
    if (fields !== undefined && !Array.isArray(fields)) throw new TicketError('customFields: expected an array')
    for (const [i, f] of ((fields as unknown[]) ?? []).entries()) {
      if (isObject(f) && typeof f['name'] === 'string' && SESSION_FIELD.test(f['name'].trim())) {
        value = f['value']
        field = `customFields[${i}].value`
      }
    }
    return { id: id(convo['id'], 'id'), createdAt: time(convo['createdAt'], 'createdAt'), ...session(value, field) }
  },
  // A notification_event whose item is the new conversation or ticket.
  intercom(body) {
    const root = object(body, '(body)')
    if (root['topic'] === 'ping') return null
    const item = object(object(root['data'], 'data')['item'], 'data.item')
    let field = 'data.item.custom_attributes.signpost_session'
    let value: unknown
    for (const attrs of ['custom_attributes', 'ticket_attributes']) {
      const o = item[attrs]
      if (!isObject(o)) continue
      const key = sessionKey(o)
      if (key) {
        value = o[key]
        field = `data.item.${attrs}.${key}`
      }
    }
    return { id: id(item['id'], 'data.item.id'), createdAt: time(item['created_at'], 'data.item.created_at'), ...session(value, field) }
  },
}
