import { createDashboardRoutes } from '@signpost/dashboard'
import { Hono } from 'hono'
import type { ServerConfig } from './config/config.ts'
import { ApiError, errorResponse } from './http/errors.ts'
import { createEventsRoute } from './ingest/events.ts'
import { createGroupCommit, type GroupCommit } from './ingest/group-commit.ts'
import { createReportsRoute } from './reports/routes.ts'
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
 * The Signpost analytics server as a Hono app: `POST /v1/events` and `GET /v1/reports/*`.
 * Starting a socket is the caller's business (`signpost-server serve`, or `app.request()` in tests).
 *
 * @example
 * const store = await openStore('./signpost.db')
 * const app = createApp({ store, config: defaultConfig() })
 * serve({ fetch: app.fetch, port: 8787 })
 */
export function createApp(options: CreateAppOptions): SignpostApp {
  const writer = createGroupCommit(options.store)
  const app = new Hono() as SignpostApp
  app.writer = writer
  app.get('/health', (c) => c.json({ ok: true }))
  app.route('/v1/events', createEventsRoute({ config: options.config, writer, ...(options.now ? { now: options.now } : {}) }))
  app.route('/v1/webhooks', createWebhooksRoute({ config: options.config, writer, ...(options.now ? { now: options.now } : {}) }))
  app.route('/v1/reports', createReportsRoute({ store: options.store, config: options.config, ...(options.now ? { now: options.now } : {}) }))
  // The ops dashboard: a static page on the same origin as the reports API it reads.
  app.route('/dashboard', createDashboardRoutes())
  app.notFound((c) => errorResponse(c, new ApiError(404, 'not-found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)))
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    console.error('signpost server:', error)
    return errorResponse(c, new ApiError(500, 'internal', 'internal error'))
  })
  return app
}
