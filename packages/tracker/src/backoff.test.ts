import { describe, expect, it } from 'vitest'
import { backoffDelay, isRetryable, retryAfterMs } from './backoff.ts'
import { splitBySize } from './batches.ts'

describe('backoff', () => {
  it('doubles the ceiling each attempt up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000, 60_000])
    expect(backoffDelay(5, 1000, 60_000, () => 0)).toBe(0)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(retryAfterMs(null)).toBeUndefined()
    expect(retryAfterMs('soon')).toBeUndefined()
  })

  it('retries network errors, 408, 429 and 5xx, and nothing else', () => {
    expect([undefined, 408, 429, 500, 503].map(isRetryable)).toEqual([true, true, true, true, true])
    expect([400, 401, 403, 404, 413].map(isRetryable)).toEqual([false, false, false, false, false])
  })
})

describe('splitBySize', () => {
  it('keeps every batch under the limit and every event in order', () => {
    const events = Array.from({ length: 50 }, (_, i) => ({ id: `evt_${i}_000000`, type: 'open', ts: 1, session: 's', site: 'demo', locale: 'en', path: `/${'x'.repeat(900)}` }) as const)
    const batches = splitBySize(events, 8 * 1024)
    expect(batches.length).toBeGreaterThan(5)
    for (const b of batches) expect(JSON.stringify({ sentAt: 0, events: b }).length).toBeLessThanOrEqual(8 * 1024)
    expect(batches.flat().map((e) => e.id)).toEqual(events.map((e) => e.id))
  })
})
