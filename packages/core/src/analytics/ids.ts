/** Random bytes fetched 4 KB at a time: a `getRandomValues` call per id cost more than the rest of it. */
let pool = new Uint8Array(0)
let used = 0

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort
 * later, so the analytics server's event-id and session indexes grow at their ends instead of
 * everywhere at once: its storage writes about a quarter of the pages per event that random ids
 * cost (server bench). Needs only `crypto.getRandomValues`, which plain-http pages have too.
 */
export function timeOrderedId(now = Date.now()): string {
  if (used + 19 > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(4096))
    used = 0
  }
  // 12 hex digits of time, the version, then one random hex digit per pool byte: 74 random bits,
  // two of them in the digit that also holds the RFC 9562 variant (8 to b).
  let hex = `${(now + 2 ** 48).toString(16).slice(1)}7`
  for (let i = 0; i < 19; i++) hex += (i === 3 ? 8 | (pool[used++]! & 3) : pool[used++]! & 15).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
