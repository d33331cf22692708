import { type AnalyticsSink, type EventInput, type SignpostEvent, scrubQuery } from '@signpost/core'
import { encodeBatch, splitBySize } from './batches.ts'
import { backoffDelay, isRetryable, retryAfterMs } from './backoff.ts'
import { PersistentQueue } from './queue.ts'
import { sessionId } from './session.ts'

export interface TrackerOptions {
  /** The server's ingest URL, e.g. `https://help-analytics.example.com/v1/events`. */
  endpoint: string
  /** Public site key. */
  site: string
  /** Locale for events that carry none. Default: `<html lang>`, else `en`. */
  locale?: string
  /** Asked on every event: return false (no consent) and nothing is stored or sent. */
  consent?: () => boolean
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
}

export interface Tracker extends AnalyticsSink {
  /** The tab's session id, the same as `<signpost-help>`'s `sessionId`. */
  readonly sessionId: string
  /** Events waiting for delivery. */
  readonly pending: number
  /** Sends what waits now; resolves when this attempt has settled (delivered, dropped or scheduled for retry). */
  flush(): Promise<void>
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
  const { endpoint, site, consent, flushInterval = 5000, maxBatch = 20, maxQueue = 1000, retryDelay = 1000, maxRetryDelay = 60_000 } = options
  const storage = options.storage === undefined ? safeLocalStorage() : options.storage
  const queue = new PersistentQueue(`signpost:queue:${site}`, storage, maxQueue)
  let enabled = true
  let timer: ReturnType<typeof setTimeout> | undefined
  let sending: Promise<void> | undefined
  let attempt = 0
  let retryAt = 0

  const schedule = (delay: number) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      void flush()
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
      retryAfter = retryAfterMs(response.headers.get('retry-after'))
    } catch {
      status = undefined
    }
    if (status !== undefined && status < 300) {
      queue.remove(batch.map((e) => e.id))
      attempt = 0
      retryAt = 0
      if (queue.length > 0) return sendOnce()
      return
    }
    if (!isRetryable(status)) {
      // The server refused these for good (a bad site key, say): retrying would fail forever.
      queue.remove(batch.map((e) => e.id))
      if (queue.length > 0) return sendOnce()
      return
    }
    const delay = Math.max(backoffDelay(attempt, retryDelay, maxRetryDelay), retryAfter ?? 0)
    attempt++
    retryAt = Date.now() + delay
    schedule(delay)
  }

  function flush(): Promise<void> {
    if (!enabled || queue.length === 0) return sending ?? Promise.resolve()
    if (sending) return sending
    if (Date.now() < retryAt) return Promise.resolve()
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    sending = sendOnce().finally(() => {
      sending = undefined
    })
    return sending
  }

  /**
   * The page may be going away: hand the queue to the browser, which sends it even after the page
   * is gone. Browsers allow 64 KiB of such requests in flight; what does not fit stays queued
   * (and stored) for the next flush or page load.
   */
  function beacon(): void {
    if (!enabled || queue.length === 0) return
    for (const batch of splitBySize(queue.peek())) {
      const body = encodeBatch(batch)
      if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }))) continue
      void fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, credentials: 'omit', keepalive: true }).catch(() => {})
      break
    }
    // Beaconed events stay queued until a fetch confirms them: if this page lives on (the tab was
    // only hidden) or a beacon was lost, they are sent again and the server drops duplicates.
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') beacon()
  }
  const onOnline = () => {
    retryAt = 0
    void flush()
  }
  addEventListener('pagehide', beacon)
  document.addEventListener('visibilitychange', onHidden)
  addEventListener('online', onOnline)
  if (queue.length > 0) schedule(0)

  const locale = () => options.locale ?? (document.documentElement.lang || 'en')

  return {
    get sessionId() {
      return sessionId()
    },
    get pending() {
      return queue.length
    },
    track(input: EventInput) {
      if (!enabled || (consent && !consent())) return
      const event = {
        ...input,
        id: input.id ?? crypto.randomUUID(),
        ts: input.ts ?? Date.now(),
        session: input.session ?? sessionId(),
        site: input.site ?? site,
        locale: input.locale || locale(),
        path: (input.path || location.pathname).split(/[?#]/, 1)[0],
      } as SignpostEvent
      if ('query' in event && typeof event.query === 'string') event.query = scrubQuery(event.query)
      queue.push(event)
      if (queue.length >= maxBatch) void flush()
      else if (timer === undefined && Date.now() >= retryAt) schedule(flushInterval)
    },
    flush,
    disable() {
      enabled = false
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      queue.remove(queue.peek().map((e) => e.id))
    },
    enable() {
      enabled = true
    },
    destroy() {
      if (timer !== undefined) clearTimeout(timer)
      removeEventListener('pagehide', beacon)
      document.removeEventListener('visibilitychange', onHidden)
      removeEventListener('online', onOnline)
    },
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return localStorage
  } catch {
    return null
  }
}
