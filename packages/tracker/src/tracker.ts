import { type AnalyticsSink, type EventInput, isSessionId, type SignpostEvent, scrubArticleId, scrubPath, scrubQuery, scrubReason, timeOrderedId } from '@signpost/core'
import { encodeBatch, splitBySize } from './batches.ts'
import { backoffDelay, isRetryable, retryAfterMs } from './backoff.ts'
import { PersistentQueue } from './queue.ts'
import { SESSION_TIMEOUT, sessionId } from './session.ts'

export interface TrackerOptions {
  /** The server's ingest URL, e.g. `https://help-analytics.example.com/v1/events`. */
  endpoint: string
  /** Public site key. */
  site: string
  /** Locale for events that carry none. Default: `<html lang>`, else `en`. */
  locale?: string
  /**
   * Whether tracking waits for the customer's consent.
   *
   * - `'required'` (the default): nothing is stored on the device or sent (events tracked before
   *   are dropped, not kept) until `grantConsent()`. The default because storing and reading an
   *   analytics id on a visitor's device needs consent in the EU (ePrivacy Directive art. 5(3),
   *   GDPR) unless the host has another basis, and only the host can know that it has.
   * - `'granted'`: the host already has consent, or tracking is exempt where it runs.
   * - a function: asked on every event and before every send, e.g. a consent manager's state.
   *
   * `revokeConsent()` stops tracking in every mode and forgets what waits.
   */
  consent?: 'required' | 'granted' | (() => boolean)
  /** Send after this long even when the batch is not full. Default 5000 ms. */
  flushInterval?: number
  /** Send as soon as this many events wait. Default 20. */
  maxBatch?: number
  /** Most events kept while delivery fails; the oldest go first. Default 1000. */
  maxQueue?: number
  /** First retry delay; doubles each failure (with jitter) up to `maxRetryDelay`. Default 1000 ms. */
  retryDelay?: number
  /** Default 60000 ms. */
  maxRetryDelay?: number
  /** Where the queue survives a page load. Default `localStorage`; `null` keeps it in memory only. */
  storage?: Storage | null
  /** Inactivity after which a new session begins. Default 30 minutes (DESIGN.md). */
  sessionTimeout?: number
}

export interface Tracker extends AnalyticsSink {
  /** The tab's session id, the same as `<signpost-help>`'s `sessionId`. */
  readonly sessionId: string
  /** Events waiting for delivery. */
  readonly pending: number
  /**
   * Sends what waits now, without waiting out a backoff (a server's Retry-After is still honoured);
   * resolves when this attempt has settled (delivered, dropped or scheduled for retry). Never rejects.
   */
  flush(): Promise<void>
  /** The customer agreed: tracking starts (with `consent: 'required'`) or may resume after `revokeConsent()`. */
  grantConsent(): void
  /** The customer withdrew consent: nothing more is stored or sent, and what waits is forgotten. */
  revokeConsent(): void
  /** Stops tracking: nothing more is stored or sent, and what waits is forgotten. */
  disable(): void
  enable(): void
  /** Removes listeners and timers (for SPAs that unmount the help center). */
  destroy(): void
}

/**
 * The browser tracker: give it to `<signpost-help>`'s `analytics` property.
 *
 * Batches events; sends them on size and time with `fetch`, and on `pagehide` or a hidden tab
 * with `navigator.sendBeacon` (text/plain JSON, so no CORS preflight; split under 64 KiB).
 * Undelivered events wait in localStorage and are retried with exponential backoff and jitter,
 * honouring `Retry-After`; a retry reuses the events' ids so the server drops duplicates.
 * Never listens to `unload`.
 *
 * @example
 * const help = document.querySelector('signpost-help')
 * help.analytics = createTracker({ endpoint: 'https://analytics.example.com/v1/events', site: 'pk_live_tidewater' })
 */
export function createTracker(options: TrackerOptions): Tracker {
  const { endpoint, site, flushInterval = 5000, maxBatch = 20, maxQueue = 1000, retryDelay = 1000, maxRetryDelay = 60_000 } = options
  if (typeof endpoint !== 'string' || endpoint === '') throw new TypeError('signpost tracker: `endpoint` must be the ingest URL')
  if (typeof site !== 'string' || site === '') throw new TypeError('signpost tracker: `site` must be the public site key')
  const consent = options.consent ?? 'required'
  if (consent !== 'required' && consent !== 'granted' && typeof consent !== 'function')
    throw new TypeError(`signpost tracker: \`consent\` must be 'required', 'granted' or a function, got ${JSON.stringify(consent)}`)
  const sessionTimeout = options.sessionTimeout ?? SESSION_TIMEOUT
  const storage = options.storage === undefined ? safeLocalStorage() : options.storage
  const queue = new PersistentQueue(`signpost:queue:${site}`, storage, maxQueue)
  let enabled = true
  let timer: ReturnType<typeof setTimeout> | undefined
  let sending: Promise<void> | undefined
  let attempt = 0
  /** No automatic attempt before this time (backoff or Retry-After). */
  let retryAt = 0
  /** No attempt at all before this time: the server's Retry-After. */
  let holdUntil = 0

  /** Set by grantConsent() / revokeConsent(); until then the `consent` option decides. */
  let decided: boolean | undefined
  const consented = (): boolean => {
    if (decided === false) return false
    if (typeof consent !== 'function') return decided === true || consent === 'granted'
    try {
      return consent() !== false
    } catch {
      return false
    }
  }

  const schedule = (delay: number) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void attemptNow(false)
    }, delay)
  }

  async function sendOnce(): Promise<void> {
    const batch = queue.peek(maxBatch)
    if (batch.length === 0) return
    let status: number | undefined
    let retryAfter: number | undefined
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        body: encodeBatch(batch),
        headers: { 'content-type': 'text/plain' },
        credentials: 'omit',
        keepalive: false,
      })
      status = response.status
      retryAfter = isRetryable(status) ? retryAfterMs(response.headers.get('retry-after')) : undefined
    } catch {
      status = undefined
    }
    if (status !== undefined && status < 300) {
      queue.remove(batch.map((e) => e.id))
      attempt = 0
      retryAt = 0
      holdUntil = 0
      if (queue.length > 0) return sendOnce()
      return
    }
    if (!isRetryable(status)) {
      // The server refused these for good (a bad site key, say): retrying would fail forever.
      console.warn(`signpost tracker: ${endpoint} refused ${batch.length} events with HTTP ${status}; they are dropped`)
      queue.remove(batch.map((e) => e.id))
      if (queue.length > 0) return sendOnce()
      return
    }
    const delay = Math.max(backoffDelay(attempt, retryDelay, maxRetryDelay), retryAfter ?? 0)
    attempt++
    retryAt = Date.now() + delay
    if (retryAfter !== undefined) holdUntil = Date.now() + retryAfter
    schedule(Math.min(delay, MAX_TIMER))
  }

  /** `explicit`: a caller asked (flush(), back online), so a backoff wait is skipped. */
  function attemptNow(explicit: boolean): Promise<void> {
    if (!enabled || queue.length === 0 || !consented()) return sending ?? Promise.resolve()
    if (sending) return sending
    const wait = (explicit ? holdUntil : retryAt) - Date.now()
    if (wait > 0) {
      // A timer may fire a millisecond early; never leave the queue without one.
      if (timer === undefined) schedule(Math.min(wait, MAX_TIMER))
      return Promise.resolve()
    }
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    sending = sendOnce().finally(() => {
      sending = undefined
    })
    return sending
  }

  /** Ids of queued events already handed to the browser by `beacon`. */
  const beaconed = new Set<string>()
  /**
   * The page may be going away: hand the queue to the browser, which sends it even after the page
   * is gone. Browsers allow 64 KiB of such requests in flight; what does not fit stays queued
   * (and stored) for the next flush or page load.
   */
  function beacon(): void {
    if (!enabled || queue.length === 0 || !consented()) return
    const waiting = queue.peek()
    // A page going away fires visibilitychange and then pagehide: each event is handed over once.
    const ids = new Set(waiting.map((e) => e.id))
    for (const id of beaconed) if (!ids.has(id)) beaconed.delete(id)
    for (const batch of splitBySize(waiting.filter((e) => !beaconed.has(e.id)))) {
      const body = encodeBatch(batch)
      const sent = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }))
      if (!sent) void fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, credentials: 'omit', keepalive: true }).catch(() => {})
      for (const e of batch) beaconed.add(e.id)
      if (!sent) break
    }
    // Beaconed events stay queued until a fetch confirms them: if this page lives on (the tab was
    // only hidden) or a beacon was lost, they are sent again and the server drops duplicates.
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') beacon()
  }
  const onOnline = () => {
    retryAt = 0
    void attemptNow(true)
  }
  addEventListener('pagehide', beacon)
  document.addEventListener('visibilitychange', onHidden)
  addEventListener('online', onOnline)
  if (queue.length > 0) schedule(0)

  const locale = () => options.locale || document.documentElement.lang || navigator.language || 'en'
  const flush = () => attemptNow(true)

  return {
    get sessionId() {
      // Before consent the id lives in this page only: reading it must not store it.
      return sessionId(false, Date.now(), sessionTimeout, consented())
    },
    get pending() {
      return queue.length
    },
    track(input: EventInput) {
      if (!enabled || !consented()) return
      if (input.session !== undefined && !isSessionId(input.session)) {
        console.warn('signpost tracker: an event with a session id the tracker did not make (a UUID) is dropped')
        return
      }
      const now = Date.now()
      const event = scrubbed({
        ...input,
        id: input.id ?? timeOrderedId(),
        ts: input.ts ?? now,
        session: input.session ?? sessionId(true, now, sessionTimeout),
        site: input.site ?? site,
        locale: input.locale || locale(),
        path: cleanPath(input.path || location.pathname),
      } as SignpostEvent)
      queue.push(event)
      if (queue.length >= maxBatch) void attemptNow(false)
      else if (timer === undefined && Date.now() >= retryAt) schedule(flushInterval)
    },
    flush,
    grantConsent() {
      decided = true
      if (queue.length > 0) schedule(0)
    },
    revokeConsent() {
      decided = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      queue.clear()
    },
    disable() {
      enabled = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      queue.clear()
    },
    enable() {
      enabled = true
    },
    destroy() {
      enabled = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      removeEventListener('pagehide', beacon)
      document.removeEventListener('visibilitychange', onHidden)
      removeEventListener('online', onOnline)
    },
  }
}

/** setTimeout fires at once past 2^31 - 1 ms; a far Retry-After is still honoured by `holdUntil`. */
const MAX_TIMER = 2 ** 31 - 1

/**
 * Every free-text field scrubbed before the event is queued (so before it touches localStorage),
 * with the same functions the server applies again: routes, article ids, queries and vote reasons.
 */
function scrubbed(event: SignpostEvent): SignpostEvent {
  const e = event as SignpostEvent & { query?: unknown; article?: unknown; reason?: unknown }
  e.path = scrubPath(e.path)
  if (typeof e.query === 'string') e.query = scrubQuery(e.query)
  if (typeof e.article === 'string') e.article = scrubArticleId(e.article)
  if (typeof e.reason === 'string') e.reason = scrubReason(e.reason)
  return e
}

/** A host route as schema v1 stores it: no query string or fragment (they carry tokens and emails). */
function cleanPath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? ''
  return (bare.startsWith('/') ? bare : `/${bare}`).slice(0, 2048)
}

function safeLocalStorage(): Storage | null {
  try {
    return localStorage
  } catch {
    return null
  }
}
