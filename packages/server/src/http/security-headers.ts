import type { MiddlewareHandler } from 'hono'

/**
 * The dashboard page's policy: its own scripts only, its API on the same origin, never framed
 * (clickjacking an ops page that shows customer queries). Inline styles stay allowed: the page's
 * one `<style>` and the charts' canvas sizing set them; no script can be injected through them.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/**
 * Headers every answer carries: no MIME sniffing (a JSON error or CSV must never run as a page)
 * and no referrer leaking report URLs.
 */
export function baseHeaders(): MiddlewareHandler {
  // Set before the handler answers, so its response is built with them: changing a built
  // response's headers would cost every ingest request @hono/node-server's fast path.
  return async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'no-referrer')
    await next()
  }
}

/** The dashboard's Content-Security-Policy and its legacy anti-framing twin. */
export function dashboardHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    c.res.headers.set('Content-Security-Policy', DASHBOARD_CSP)
    c.res.headers.set('X-Frame-Options', 'DENY')
  }
}

/** Reports hold customer queries: no browser or proxy cache keeps a copy. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store')
    await next()
  }
}
