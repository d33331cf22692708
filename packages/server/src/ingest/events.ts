import { type SignpostEvent, validateBatch } from '@signpost/core'
import { Hono } from 'hono'
import { originAllowed, type ServerConfig, type SiteConfig } from '../config/config.ts'
import { createClientAddress, socketAddress } from '../http/client-address.ts'
import { ApiError, errorResponse } from '../http/errors.ts'
import { createFailureLog, type FailureLog } from '../http/failure-log.ts'
import { exceedsEvents } from './batch-size.ts'
import { header, readBody } from './body.ts'
import type { GroupCommit } from './group-commit.ts'
import { createRateLimiter } from './rate-limit.ts'

export const MAX_AGE_MS = 24 * 60 * 60 * 1000
/** Clocks a little ahead of ours (after `sentAt` correction) are clamped; further ahead is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000
/**
 * Rejected events whose reasons a 400 answer lists; the rest are counted and their indexes listed.
 * A hostile batch of thousands of bad events then costs a few kilobytes to answer, not megabytes.
 */
export const MAX_REPORTED_REJECTIONS = 50

export interface EventsRouteOptions {
  config: ServerConfig
  writer: GroupCommit
  /** Server clock; tests pass a fixed one. */
  now?: () => number
  /** Where storage failures are logged, once per interval. */
  failures?: FailureLog
}

export interface Rejection {
  index: number
  errors: string[]
}

/**
 * `POST /v1/events`: a batch as `text/plain` or `application/json` JSON (`[...]` or
 * `{ sentAt, events }`). Answers 200 when every event was stored or already known, 400 with the
 * reasons when some were rejected (the valid ones are stored all the same), and only after commit.
 *
 * @example
 * app.route('/v1/events', createEventsRoute({ config, writer: createGroupCommit(store) }))
 */
export function createEventsRoute(options: EventsRouteOptions): Hono {
  const { config, writer } = options
  const now = options.now ?? Date.now
  const sites = new Map(config.sites.map((s) => [s.key, s]))
  const allOrigins = config.sites.flatMap((s) => s.origins)
  const failures = options.failures ?? createFailureLog()
  const clientOf = createClientAddress(config.trustProxy)
  const rl = config.rateLimits
  const perIp = createRateLimiter({ rate: rl.ipRequestsPerSecond, burst: rl.ipRequestsPerSecond * rl.burstSeconds })
  const perSite = createRateLimiter({ rate: rl.siteEventsPerSecond, burst: rl.siteEventsPerSecond * rl.burstSeconds })
  const app = new Hono()

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    failures.report('ingest', error)
    return errorResponse(c, new ApiError(500, 'storage-failed', 'the events could not be stored; retry later'))
  })

  app.options('/', (c) => {
    const origin = c.req.header('origin')
    const site = c.req.query('site')
    const allowed = site ? (sites.get(site)?.origins ?? []) : allOrigins
    if (!origin || !originAllowed(origin, allowed)) {
      return errorResponse(c, new ApiError(403, 'origin-not-allowed', `origin ${JSON.stringify(origin ?? null)} may not send events here`))
    }
    corsHeaders(c.header.bind(c), origin)
    c.header('Access-Control-Allow-Methods', 'POST, OPTIONS')
    c.header('Access-Control-Allow-Headers', 'Content-Type')
    c.header('Access-Control-Max-Age', '86400')
    return c.body(null, 204)
  })

  app.post('/', async (c) => {
    const ip = clientOf(socketAddress(c), header(c, 'x-forwarded-for'))
    const ipWait = perIp.take(ip, 1)
    if (ipWait > 0)
      throw new ApiError(429, 'rate-limited', 'too many requests from this address', { headers: { 'Retry-After': String(ipWait) } })

    const text = await readBody(c, config.maxBodyBytes)
    // Counted on the text: parsing a hostile batch only to refuse it would cost more than the refusal.
    if (exceedsEvents(text, config.maxEventsPerBatch) > 0) throw tooManyEvents(config.maxEventsPerBatch)
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch (error) {
      throw new ApiError(400, 'bad-json', `body: not valid JSON (${(error as Error).message})`)
    }
    const site = resolveSite(c.req.query('site'), body, sites)
    const origin = header(c, 'origin')
    if (origin !== undefined) {
      if (!originAllowed(origin, site.origins))
        throw new ApiError(403, 'origin-not-allowed', `origin ${JSON.stringify(origin)} is not on the allow-list of site "${site.key}"`)
      corsHeaders(c.header.bind(c), origin)
    }
    const batch = validateBatch(body)
    const rejected: Rejection[] = [...batch.rejected]
    const t = now()
    const offset = batch.sentAt !== undefined ? t - batch.sentAt : 0
    const events: SignpostEvent[] = []
    const indexOf = eventIndexes(body, batch.rejected)
    batch.events.forEach((e, i) => {
      const index = indexOf[i] ?? i
      if (e.site !== site.key) {
        rejected.push({ index, errors: [`events[${index}].site: expected "${site.key}", the batch's site, got ${JSON.stringify(e.site)}`] })
        return
      }
      const ts = Math.round(e.ts + offset)
      if (ts > t + FUTURE_TOLERANCE_MS) {
        rejected.push({ index, errors: [`events[${index}].ts: ${timeText(ts)} is in the future (after correcting the client clock by sentAt)`] })
        return
      }
      if (ts < t - MAX_AGE_MS) {
        rejected.push({ index, errors: [`events[${index}].ts: ${timeText(ts)} is more than 24 hours old (after correcting the client clock by sentAt)`] })
        return
      }
      events.push({ ...e, ts: Math.min(ts, t) })
    })
    rejected.sort((a, b) => a.index - b.index)

    const siteWait = perSite.take(site.key, Math.max(1, events.length))
    if (siteWait > 0)
      throw new ApiError(429, 'rate-limited', `site "${site.key}" is sending events faster than its limit`, {
        headers: { 'Retry-After': String(siteWait) },
      })

    const result = await writer.write(events)
    const counts = { accepted: result.stored.length + result.duplicates.length, stored: result.stored.length, duplicates: result.duplicates.length }
    if (rejected.length > 0) {
      const reported = rejected.slice(0, MAX_REPORTED_REJECTIONS)
      const more = rejected.length > reported.length ? `; reasons for the first ${reported.length} in details` : ''
      const message = `${rejected.length} of ${rejected.length + events.length} events rejected; ${counts.accepted} accepted${more}`
      // Reasons once, in details; `rejected` lists every rejected index, which stays small.
      const indexes = rejected.map((r) => r.index)
      return c.json({ error: { code: 'invalid-events', message, status: 400, details: reported }, ...counts, rejected: indexes }, 400)
    }
    return c.json({ ...counts, rejected: [] }, 200)
  })
  return app
}

function corsHeaders(set: (name: string, value: string) => void, origin: string): void {
  set('Access-Control-Allow-Origin', origin)
  // The tracker reads Retry-After on 429/503 to back off as asked; cross-origin it must be exposed.
  set('Access-Control-Expose-Headers', 'Retry-After')
  set('Vary', 'Origin')
}

function resolveSite(fromQuery: string | undefined, body: unknown, sites: Map<string, SiteConfig>): SiteConfig {
  let key = fromQuery
  if (key === undefined) {
    const list = Array.isArray(body) ? body : (body as { events?: unknown } | null)?.events
    if (Array.isArray(list)) {
      for (const e of list) {
        const s = (e as { site?: unknown } | null)?.site
        if (typeof s === 'string') {
          key = s
          break
        }
      }
    }
  }
  if (key === undefined) throw new ApiError(400, 'missing-site', 'no site key: pass ?site=<key> or a "site" on the events')
  const site = sites.get(key)
  if (!site) throw new ApiError(403, 'unknown-site', `unknown site key ${JSON.stringify(key.slice(0, 64))}`)
  return site
}

/** Maps the i-th valid event back to its index in the request, for messages. */
function eventIndexes(body: unknown, rejected: readonly Rejection[]): number[] {
  const list = Array.isArray(body) ? body : (body as { events?: unknown[] } | null)?.events
  if (!Array.isArray(list)) return []
  const bad = new Set(rejected.map((r) => r.index))
  const out: number[] = []
  for (let i = 0; i < list.length; i++) if (!bad.has(i)) out.push(i)
  return out
}

const tooManyEvents = (max: number) =>
  new ApiError(413, 'too-many-events', `body: more than ${max} events in one batch; send several batches`)

/** An ISO time, or the raw number when no Date can hold it (`toISOString` would throw). */
function timeText(ts: number): string {
  return Number.isFinite(ts) && Math.abs(ts) <= 8.64e15 ? new Date(ts).toISOString() : String(ts)
}
