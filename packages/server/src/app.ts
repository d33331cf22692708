import { createDashboardRoutes } from '@signpost/dashboard'
import { Hono } from 'hono'
import type { ServerConfig } from './config/config.ts'
import { ApiError, errorResponse } from './http/errors.ts'
import { createAuthFailureLimit } from './http/auth-failures.ts'
import { createFailureLog } from './http/failure-log.ts'
import { baseHeaders, dashboardHeaders, noStore } from './http/security-headers.ts'
import { createEventsRoute } from './ingest/events.ts'
import { createGroupCommit, type GroupCommit } from './ingest/group-commit.ts'
import { createReportsRoute } from './reports/routes.ts'
import { createSessionsRoute } from './sessions/routes.ts'
import type { Store } from './storage/store.ts'
import { createWebhooksRoute } from './webhooks/routes.ts'

export interface CreateAppOptions {
  store: Store
  config: ServerConfig
  /** Server clock; tests pass a fixed one. */
  now?: () => number
}

export interface SignpostApp extends Hono {
  /** The group-commit writer behind `POST /v1/events`. */
  writer: GroupCommit
}

/**
 * The Signpost analytics server as a Hono app: `POST /v1/events`, `GET /v1/reports/*`, and one
 * person's data on request (`GET /v1/sessions/:id/export`, `DELETE /v1/sessions/:id`).
 * Starting a socket is the caller's business (`signpost-server serve`, or `app.request()` in tests).
 *
 * @example
 * const store = await openStore('./signpost.db')
 * const app = createApp({ store, config: defaultConfig() })
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(options: CreateAppOptions): SignpostApp {
  const writer = createGroupCommit(options.store)
  const failures = createFailureLog()
  // One allowance of failed token checks per client, whichever protected route it guesses at.
  const authFailures = createAuthFailureLimit(options.config)
  const app = new Hono() as SignpostApp
  app.writer = writer
  app.use('*', baseHeaders())
  app.use('/v1/reports/*', noStore())
  app.use('/dashboard', dashboardHeaders())
  app.use('/dashboard/*', dashboardHeaders())
  app.get('/health', (c) => c.json({ ok: true }))
  app.route('/v1/events', createEventsRoute({ config: options.config, writer, failures, ...(options.now ? { now: options.now } : {}) }))
  app.route('/v1/webhooks', createWebhooksRoute({ config: options.config, writer, authFailures, ...(options.now ? { now: options.now } : {}) }))
  app.route('/v1/sessions', createSessionsRoute({ store: options.store, config: options.config, failures, authFailures }))
  app.route('/v1/reports', createReportsRoute({ store: options.store, config: options.config, failures, authFailures, ...(options.now ? { now: options.now } : {}) }))
  // The ops dashboard: a static page on the same origin as the reports API it reads.
  app.route('/dashboard', createDashboardRoutes())
  app.notFound((c) => errorResponse(c, new ApiError(404, 'not-found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)))
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    failures.report('request', error)
    return errorResponse(c, new ApiError(500, 'internal', 'internal error'))
  })
  return app
}
