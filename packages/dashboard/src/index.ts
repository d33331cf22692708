/**
 * @signpost/dashboard, the Node side: where the built dashboard page is, and a Hono sub-app that
 * serves it. The page itself (`<signpost-dashboard>`) is built by Vite into dist/.
 *
 * @example
 * import { createDashboardRoutes } from '@signpost/dashboard'
 * app.route('/dashboard', createDashboardRoutes())
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono, type MiddlewareHandler } from 'hono'

/** Absolute path of the built dashboard (packages/dashboard/dist). */
export function dashboardAssetsDir(): string {
  return fileURLToPath(new URL('../dist', import.meta.url))
}

/** Sets Cache-Control on the successful answers of the next handler. */
function cacheFor(value: string): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (c.res.status === 200) c.res.headers.set('Cache-Control', value)
  }
}

/** Options of {@link createDashboardRoutes}. */
export interface DashboardRoutesOptions {
  /** Folder of the built page. Default {@link dashboardAssetsDir}. */
  root?: string
  /** Where the sub-app is mounted; the page is built for `/dashboard`. Default `/dashboard`. */
  mountPath?: string
}

/**
 * A Hono sub-app serving the dashboard page: hashed assets cached for a year, `index.html`
 * revalidated on every load and answered for any other path (the page is a single view). When
 * the page has not been built, every request gets a 503 that says how to build it.
 *
 * @example
 * app.route('/dashboard', createDashboardRoutes())
 */
export function createDashboardRoutes(options: DashboardRoutesOptions = {}): Hono {
  const root = options.root ?? dashboardAssetsDir()
  const mountPath = (options.mountPath ?? '/dashboard').replace(/\/$/, '')
  const app = new Hono()
  const index = join(root, 'index.html')

  app.use('*', async (c, next) => {
    if (existsSync(index)) return next()
    return c.json(
      { error: { code: 'dashboard-not-built', message: `The dashboard is not built (no ${index}): run \`npm run build -w @signpost/dashboard\``, status: 503 } },
      503,
    )
  })
  // `/dashboard` → `/dashboard/`, so the page's relative URLs resolve the same either way.
  app.get('/', (c, next) => (new URL(c.req.url).pathname === mountPath ? c.redirect(`${mountPath}/`, 301) : next()))
  app.use('/assets/*', cacheFor('public, max-age=31536000, immutable'), serveStatic({ root, rewriteRequestPath: (path) => path.slice(mountPath.length) }))
  // A stale asset URL must not get the page as JavaScript.
  app.get('/assets/*', (c) => c.text(`Not found: ${c.req.path}`, 404))
  app.get('*', cacheFor('no-cache'), serveStatic({ path: index }))
  return app
}
