/**
 * Token buckets kept only in memory: per site (events) and per client IP (requests). IPs are used
 * as map keys for a few seconds and never written anywhere.
 *
 * @example
 * const limiter = createRateLimiter({ rate: 50, burst: 500 })
 * const wait = limiter.take('203.0.113.9', 1) // 0 when allowed, else seconds to wait
 */
export interface RateLimiter {
  /** Takes `cost` tokens for `key`: 0 when allowed, otherwise whole seconds until it would be. */
  take(key: string, cost: number, now?: number): number
  /** What `take` would answer, without taking anything. */
  check(key: string, cost: number, now?: number): number
}

export function createRateLimiter(options: { rate: number; burst: number; maxKeys?: number }): RateLimiter {
  const { rate, burst } = options
  const maxKeys = options.maxKeys ?? 100_000
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    check(key, cost, now = Date.now()) {
      const b = buckets.get(key)
      if (!b) return 0
      const tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate)
      return tokens >= cost ? 0 : Math.max(1, Math.ceil((cost - tokens) / rate))
    },
    take(key, cost, now = Date.now()) {
      let b = buckets.get(key)
      if (!b) {
        if (buckets.size >= maxKeys) {
          // Forget full buckets first: they hold no state worth keeping.
          for (const [k, v] of buckets) if (v.tokens + ((now - v.at) / 1000) * rate >= burst) buckets.delete(k)
          if (buckets.size >= maxKeys) buckets.clear()
        }
        b = { tokens: burst, at: now }
        buckets.set(key, b)
      }
      b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * rate)
      b.at = now
      if (b.tokens >= cost) {
        b.tokens -= cost
        return 0
      }
      return Math.max(1, Math.ceil((cost - b.tokens) / rate))
    },
  }
}
