import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { ServerConfig, SiteConfig } from '../config/config.ts'
import type { AuthFailureLimit } from './auth-failures.ts'
import { ApiError } from './errors.ts'

export type SiteAuthEnv = { Variables: { site: SiteConfig } }

const digest = (s: string): Buffer => createHash('sha256').update(s).digest()

/** Whether `token` is one of the site's report tokens; compares digests in constant time. */
export function tokenAllowed(token: string, site: SiteConfig): boolean {
  const given = digest(token)
  let ok = false
  for (const t of site.reportTokens) if (timingSafeEqual(given, digest(t))) ok = true
  return ok
}

/**
 * Requires `?site=<key>` and `Authorization: Bearer <token>` with one of that site's report tokens,
 * as the reports API does: one 401 for a missing, wrong or other site's token, so site keys cannot
 * be probed; each failure counts against the client's allowance.
 *
 * @example
 * app.use('*', siteAuth(config, createAuthFailureLimit(config)))
 */
export function siteAuth(config: ServerConfig, failures: AuthFailureLimit): MiddlewareHandler<SiteAuthEnv> {
  const sites = new Map(config.sites.map((s) => [s.key, s]))
  return async (c, next) => {
    await failures.guard(c, async () => {})
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')
    const key = c.req.query('site')
    const site = key === undefined ? undefined : sites.get(key)
    // One answer for a missing token, a wrong one, one for another site and an unknown site, so
    // a caller cannot probe which site keys exist.
    if (!m || !site || !tokenAllowed(m[1]!, site)) {
      c.header('WWW-Authenticate', 'Bearer realm="signpost reports"')
      if (key === undefined) throw new ApiError(400, 'missing-site', 'site: required, e.g. ?site=demo')
      failures.failed(c)
      throw new ApiError(401, 'unauthorized', `a valid report token for site ${JSON.stringify(key.slice(0, 64))} is required (Authorization: Bearer <token>)`)
    }
    c.set('site', site)
    await next()
  }
}
