const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

/** Random bytes fetched a few kilobytes at a time: one `getRandomValues` call per id cost more than the rest of it. */
const pool = new Uint8Array(4096)
let used = pool.length

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made later sort
 * later, so the analytics server's event-id and session indexes grow at their ends instead of
 * everywhere at once: its storage writes about a quarter of the pages per event that random ids
 * cost (server bench). Needs only `crypto.getRandomValues`, which plain-http pages have too.
 */
export function timeOrderedId(now = Date.now()): string {
  if (used + 10 > pool.length) {
    crypto.getRandomValues(pool)
    used = 0
  }
  const r = used
  used += 10
  // 48 bits of time: the high 16 above 2^32, the low 32 below (bitwise operators are 32-bit).
  const high = Math.floor(now / 2 ** 32)
  const low = now >>> 0
  return (
    HEX[(high >>> 8) & 0xff]! +
    HEX[high & 0xff]! +
    HEX[low >>> 24]! +
    HEX[(low >>> 16) & 0xff]! +
    '-' +
    HEX[(low >>> 8) & 0xff]! +
    HEX[low & 0xff]! +
    '-' +
    HEX[(pool[r]! & 0x0f) | 0x70]! + // version 7
    HEX[pool[r + 1]!]! +
    '-' +
    HEX[(pool[r + 2]! & 0x3f) | 0x80]! + // RFC 9562 variant
    HEX[pool[r + 3]!]! +
    '-' +
    HEX[pool[r + 4]!]! +
    HEX[pool[r + 5]!]! +
    HEX[pool[r + 6]!]! +
    HEX[pool[r + 7]!]! +
    HEX[pool[r + 8]!]! +
    HEX[pool[r + 9]!]!
  )
}
