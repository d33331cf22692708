import { LIMITS } from '@signpost/core'
import { Hono } from 'hono'
import type { ServerConfig } from '../config/config.ts'
import { type AuthFailureLimit, createAuthFailureLimit } from '../http/auth-failures.ts'
import { ApiError, errorResponse } from '../http/errors.ts'
import { createFailureLog, type FailureLog } from '../http/failure-log.ts'
import { type SiteAuthEnv, siteAuth } from '../http/site-auth.ts'
import type { Store } from '../storage/store.ts'

/**
 * One person's data, on request (GDPR articles 15 and 17): the session id travels to support
 * tickets, so support can act on it. Both need a report token of the site.
 *
 * - `GET /v1/sessions/:id/export?site=` — every raw event and session segment stored under the id.
 * - `DELETE /v1/sessions/:id?site=` — erases them and subtracts them from every rollup; answers
 *   what was erased (zeros when nothing was stored: erasing twice is not an error).
 *
 * @example
 * app.route('/v1/sessions', createSessionsRoute({ store, config }))
 */
export function createSessionsRoute(options: { store: Store; config: ServerConfig; failures?: FailureLog; authFailures?: AuthFailureLimit }): Hono<SiteAuthEnv> {
  const { store, config } = options
  const failures = options.failures ?? createFailureLog()
  const app = new Hono<SiteAuthEnv>()
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    failures.report('session request', error)
    return errorResponse(c, new ApiError(500, 'storage-failed', 'the session could not be read or erased; retry later'))
  })
  app.use('*', async (c, next) => {
    await next()
    c.res.headers.set('Cache-Control', 'no-store')
  })
  app.use('*', siteAuth(config, options.authFailures ?? createAuthFailureLimit(config)))

  const sessionParam = (id: string): string => {
    if (id.length === 0 || id.length > LIMITS.session) throw new ApiError(400, 'bad-request', `session: expected a session id of 1 to ${LIMITS.session} characters`)
    return id
  }

  app.get('/:id/export', async (c) => {
    const session = sessionParam(c.req.param('id'))
    const data = await store.exportSession(c.get('site').key, session)
    c.header('Content-Disposition', `attachment; filename="signpost-session-${session.replace(/[^A-Za-z0-9_-]/g, '_')}.json"`)
    return c.json(data)
  })
  app.delete('/:id', async (c) => {
    const session = sessionParam(c.req.param('id'))
    const erased = await store.eraseSession(c.get('site').key, session)
    return c.json({ site: c.get('site').key, session, erased })
  })
  return app
}
