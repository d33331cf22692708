import type { Context, MiddlewareHandler } from 'hono'
import type { ServerConfig } from '../config/config.ts'
import { createRateLimiter } from '../ingest/rate-limit.ts'
import { header } from '../ingest/body.ts'
import { createClientAddress, socketAddress } from './client-address.ts'
import { ApiError } from './errors.ts'

export interface AuthFailureLimit {
  /** Refuses, with 429 and Retry-After, a client that has failed too often lately. */
  guard: MiddlewareHandler
  /** Records one failed authentication of this request's client. */
  failed(c: Context): void
}

/**
 * Limits failed token checks per client address (`rateLimits.reportAuthFailuresPerMinute`), so a
 * report token cannot be guessed at the speed of the network. Successful requests cost nothing.
 *
 * @example
 * const limit = createAuthFailureLimit(config)
 * app.use('*', limit.guard) // then call limit.failed(c) where a token is refused
 */
export function createAuthFailureLimit(config: ServerConfig): AuthFailureLimit {
  const perMinute = config.rateLimits.reportAuthFailuresPerMinute
  const limiter = createRateLimiter({ rate: perMinute / 60, burst: perMinute })
  const clientOf = createClientAddress(config.trustProxy)
  const client = (c: Context) => clientOf(socketAddress(c), header(c, 'x-forwarded-for'))
  return {
    async guard(c, next) {
      const wait = limiter.check(client(c), 1)
      if (wait > 0)
        throw new ApiError(429, 'rate-limited', 'too many failed authentications from this address; retry later', {
          headers: { 'Retry-After': String(wait) },
        })
      await next()
    },
    failed(c) {
      limiter.take(client(c), 1)
    },
  }
}
