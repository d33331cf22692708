// Test helper: readable names for session ids the server accepts.
import { createHash } from 'node:crypto'
import { isSessionId } from '@signpost/core'

/**
 * The fixed session id (a UUID, as the tracker makes them; the server refuses anything else) that
 * a test calls `name`: the same name always gives the same id, different names different ids.
 *
 * @example
 * ev(sid('s1'), 0, { type: 'search', query: 'refund', results: 2 })
 */
export function sid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex')
  // Version 7 and the RFC 9562 variant, like `timeOrderedId`.
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
  if (!isSessionId(id)) throw new Error(`sid: ${id} is not a session id`)
  return id
}
