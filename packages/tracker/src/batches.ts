import type { SignpostEvent } from '@signpost/core'

/** A beacon's body may not exceed 64 KiB; stay under it with room for the envelope. */
export const BEACON_LIMIT = 64 * 1024 - 512

export function encodeBatch(events: SignpostEvent[], sentAt = Date.now()): string {
  return JSON.stringify({ sentAt, events })
}

/** Splits events into batches whose encoded bodies stay under `limit` bytes (an oversized single event goes alone). */
export function splitBySize(events: SignpostEvent[], limit = BEACON_LIMIT): SignpostEvent[][] {
  const batches: SignpostEvent[][] = []
  let current: SignpostEvent[] = []
  let size = 40
  for (const e of events) {
    const bytes = new TextEncoder().encode(JSON.stringify(e)).length + 1
    if (current.length > 0 && size + bytes > limit) {
      batches.push(current)
      current = []
      size = 40
    }
    current.push(e)
    size += bytes
  }
  if (current.length > 0) batches.push(current)
  return batches
}
