/**
 * The tab's session id, shared with `<signpost-help>`'s `sessionId` through sessionStorage (the
 * widget reads the same key, so a contact it reports joins this session). No cookies. After 30
 * minutes without an event a new session begins, as DESIGN.md counts sessions.
 */
import { timeOrderedId } from '@signpost/core'

export const SESSION_KEY = 'signpost:session'
/** When the session last saw an event (ms since the epoch), beside the id so the widget's key stays a plain id. */
export const SEEN_KEY = 'signpost:session:seen'
export const SESSION_TIMEOUT = 30 * 60 * 1000

let fallback: { id: string; seen: number } | undefined

/**
 * The current session id; `touch` records activity (an event), which keeps the session open.
 * `persist: false` (before consent) never writes storage.
 */
export function sessionId(touch = false, now = Date.now(), timeout = SESSION_TIMEOUT, persist = true): string {
  if (!persist) {
    // No consent yet: an id already stored may be read, none is written.
    let stored: string | null = null
    try {
      stored = sessionStorage.getItem(SESSION_KEY)
    } catch {}
    if (stored) return stored
    if (!fallback || now - fallback.seen > timeout) fallback = { id: timeOrderedId(now), seen: now }
    return fallback.id
  }
  try {
    let id = sessionStorage.getItem(SESSION_KEY)
    const seen = Number(sessionStorage.getItem(SEEN_KEY) ?? now)
    if (!id || now - seen > timeout) {
      // The id shown before consent (kept in this page only) becomes the stored one.
      id = fallback && now >= fallback.seen && now - fallback.seen <= timeout ? fallback.id : timeOrderedId(now)
      sessionStorage.setItem(SESSION_KEY, id)
      sessionStorage.setItem(SEEN_KEY, String(now))
    } else if (touch) sessionStorage.setItem(SEEN_KEY, String(now))
    return id
  } catch {
    // Storage blocked (some privacy modes): the session lives in this page.
    if (!fallback || now - fallback.seen > timeout) fallback = { id: timeOrderedId(now), seen: now }
    else if (touch) fallback.seen = now
    return fallback.id
  }
}
