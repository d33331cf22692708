import type { MiddlewareHandler } from 'hono'
import type { ServerConfig, SiteConfig } from '../config/config.ts'
import { tokenAllowed } from '../reports/routes.ts'
import type { AuthFailureLimit } from './auth-failures.ts'
import { ApiError } from './errors.ts'

export type SiteAuthEnv = { Variables: { site: SiteConfig } }

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
