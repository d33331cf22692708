import { type SignpostEvent, validateEvent } from '@signpost/core'
import { expect } from '@open-wc/testing'
import { createTracker, type Tracker } from './index.ts'
import { sessionId } from './session.ts'

interface Received {
  status: number
  contentType: string
  bytes: number
  body: { sentAt: number; events: SignpostEvent[] }
}

let bucketCount = 0
const trackers: Tracker[] = []
const newBucket = () => `tracker-${Date.now()}-${bucketCount++}`
const received = async (bucket: string): Promise<Received[]> => (await fetch(`/__collect/${bucket}`)).json()
const delivered = async (bucket: string) => (await received(bucket)).filter((r) => r.status < 300).flatMap((r) => r.body.events)

function tracker(bucket: string, query = '', options: Partial<Parameters<typeof createTracker>[0]> = {}): Tracker {
  const t = createTracker({ endpoint: `/__collect/${bucket}${query}`, site: 'demo', flushInterval: 60_000, storage: null, consent: 'granted', ...options })
  trackers.push(t)
  return t
}

async function until<T>(check: () => Promise<T | undefined | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

function hideTab(): () => void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
  document.dispatchEvent(new Event('visibilitychange'))
  return () => {
    delete (document as { visibilityState?: string }).visibilityState
  }
}

afterEach(() => {
  for (const t of trackers.splice(0)) t.destroy()
  localStorage.clear()
})

describe('createTracker', () => {
  it('sends a full batch as text/plain JSON, each event stamped with id, time, session, site and path', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { maxBatch: 3 })
    t.track({ type: 'open', locale: 'en', path: '/invoices?id=7' })
    t.track({ type: 'search', query: 'refund', results: 2, locale: 'en', path: '/invoices' })
    t.track({ type: 'view', article: 'billing/refunds', source: 'search', locale: 'en', path: '/invoices' })
    const [request] = await until(async () => {
      const r = await received(bucket)
      return r.length > 0 && r
    })
    expect(request!.contentType).to.match(/^text\/plain/)
    expect(request!.body.events.map((e) => e.type)).to.deep.equal(['open', 'search', 'view'])
    for (const e of request!.body.events) {
      expect(e).to.include({ session: t.sessionId, site: 'demo', path: '/invoices' })
      expect(e.id).to.match(/^[\w-]{8,64}$/)
    }
    expect(t.sessionId).to.equal(sessionStorage.getItem('signpost:session'))
  })

  it('sends a partial batch when the interval passes', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { flushInterval: 50 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    expect((await until(() => delivered(bucket).then((d) => d.length > 0 && d))).length).to.equal(1)
  })

  it('scrubs emails and card numbers out of queries before they leave the browser', async () => {
    const bucket = newBucket()
    const t = tracker(bucket)
    t.track({ type: 'search', query: 'refund to jo@example.com card 4111 1111 1111 1111', results: 0, locale: 'en', path: '/' })
    await t.flush()
    const [e] = await delivered(bucket)
    expect((e as { query: string }).query).to.equal('refund to [email] card [card]')
  })

  it('hands waiting events to sendBeacon when the tab is hidden', async () => {
    const bucket = newBucket()
    const beacons: number[] = []
    const real = navigator.sendBeacon.bind(navigator)
    navigator.sendBeacon = (url, data) => {
      beacons.push((data as Blob).size)
      return real(url, data)
    }
    try {
      const t = tracker(bucket)
      t.track({ type: 'open', locale: 'en', path: '/' })
      const show = hideTab()
      show()
      expect(beacons.length).to.equal(1)
      expect((await until(() => delivered(bucket).then((d) => d.length > 0 && d))).map((e) => e.type)).to.deep.equal(['open'])
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon
    }
  })

  it('beacons each event once when a page going away fires visibilitychange and then pagehide', async () => {
    const bucket = newBucket()
    const beaconed: string[] = []
    navigator.sendBeacon = (_url, data) => {
      void (data as Blob).text().then((text) => beaconed.push(...JSON.parse(text).events.map((e: { type: string }) => e.type)))
      return true
    }
    try {
      const t = tracker(bucket)
      t.track({ type: 'open', locale: 'en', path: '/' })
      const show = hideTab()
      dispatchEvent(new PageTransitionEvent('pagehide'))
      t.track({ type: 'search', query: 'refund', results: 1, locale: 'en', path: '/' })
      dispatchEvent(new PageTransitionEvent('pagehide'))
      show()
      await until(async () => beaconed.length >= 2)
      await new Promise((r) => setTimeout(r, 50))
      expect(beaconed).to.deep.equal(['open', 'search'])
    } finally {
      delete (navigator as { sendBeacon?: unknown }).sendBeacon
    }
  })

  it('beacons a large queue in pieces under 64 KiB, and what the browser could not take arrives with the next page', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { maxBatch: 10_000, storage: localStorage })
    for (let i = 0; i < 300; i++) {
      t.track({ type: 'feedback', article: `billing/article-${i}`, helpful: false, reason: 'x'.repeat(480), locale: 'en', path: '/' })
    }
    hideTab()()
    const beaconed = await until(async () => {
      const r = await received(bucket)
      return r.length > 0 && r
    })
    for (const r of beaconed) expect(r.bytes).to.be.at.most(64 * 1024)
    t.destroy()
    tracker(bucket, '', { storage: localStorage })
    const ids = await until(async () => {
      const all = new Set((await delivered(bucket)).map((e) => e.id))
      return all.size >= 300 && all
    })
    expect(ids.size).to.equal(300)
  })

  it('retries a failed delivery after Retry-After with the same event ids', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?failTimes=1&status=503&retryAfter=1', { retryDelay: 10 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    const started = Date.now()
    await t.flush()
    const requests = await until(async () => {
      const r = await received(bucket)
      return r.length >= 2 && r
    })
    expect(Date.now() - started).to.be.at.least(900)
    expect(requests.map((r) => r.status)).to.deep.equal([503, 202])
    expect(requests[1]!.body.events[0]!.id).to.equal(requests[0]!.body.events[0]!.id)
    expect(t.pending).to.equal(0)
  })

  it('does not retry a request the server refused for good (400)', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?status=400', { retryDelay: 10 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    await new Promise((r) => setTimeout(r, 200))
    expect((await received(bucket)).length).to.equal(1)
    expect(t.pending).to.equal(0)
  })

  it('keeps undelivered events in localStorage for the next page load', async () => {
    const bucket = newBucket()
    const offline = tracker(bucket, '?status=503', { storage: localStorage, retryDelay: 60_000 })
    offline.track({ type: 'open', locale: 'en', path: '/' })
    offline.track({ type: 'search', query: 'vat', results: 1, locale: 'en', path: '/' })
    await offline.flush()
    offline.destroy()
    expect(JSON.parse(localStorage.getItem('signpost:queue:demo') ?? '[]')).to.have.length(2)

    const nextPage = tracker(bucket, '', { storage: localStorage })
    const events = await until(() => delivered(bucket).then((d) => d.length >= 2 && d))
    expect(events.map((e) => e.type)).to.deep.equal(['open', 'search'])
    expect(nextPage.pending).to.equal(0)
    expect(localStorage.getItem('signpost:queue:demo')).to.equal(null)
  })

  it('never listens to unload or beforeunload', () => {
    const types: string[] = []
    const real = window.addEventListener
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      types.push(type)
      return (real as (...a: unknown[]) => void).call(this, type, ...rest)
    } as typeof window.addEventListener
    try {
      tracker(newBucket())
    } finally {
      window.addEventListener = real
    }
    expect(types).to.include('pagehide')
    expect(types).not.to.include('unload')
    expect(types).not.to.include('beforeunload')
  })

  it('stores and sends nothing without consent', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { consent: () => false, storage: localStorage })
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    expect(t.pending).to.equal(0)
    expect(localStorage.getItem('signpost:queue:demo')).to.equal(null)
    expect(await received(bucket)).to.deep.equal([])
  })
})

describe('createTracker sessions, retries and consent', () => {
  it('starts a new session after 30 minutes without an event, and keeps it while events come', () => {
    sessionStorage.clear()
    const minute = 60_000
    const first = sessionId(true, 0)
    expect(sessionId(true, 20 * minute)).to.equal(first)
    expect(sessionId(false, 45 * minute)).to.equal(first)
    const second = sessionId(true, 51 * minute)
    expect(second).not.to.equal(first)
    expect(sessionStorage.getItem('signpost:session')).to.equal(second)
  })

  it('keeps the events of two tabs of the same site when both are offline', async () => {
    const bucket = newBucket()
    const tabA = tracker(bucket, '?status=503', { storage: localStorage, retryDelay: 60_000 })
    const tabB = tracker(bucket, '?status=503', { storage: localStorage, retryDelay: 60_000 })
    tabA.track({ type: 'open', locale: 'en', path: '/a' })
    tabB.track({ type: 'open', locale: 'en', path: '/b' })
    tabA.track({ type: 'search', query: 'vat', results: 0, locale: 'en', path: '/a' })
    const stored = JSON.parse(localStorage.getItem('signpost:queue:demo') ?? '[]') as SignpostEvent[]
    expect(stored.map((e) => e.path)).to.deep.equal(['/a', '/b', '/a'])
  })

  it('flush() skips the backoff wait and sends the events again with the same ids', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?failTimes=1&status=500', { retryDelay: 60_000 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    expect(t.pending).to.equal(1)
    await t.flush()
    const requests = await received(bucket)
    expect(requests.map((r) => r.status)).to.deep.equal([500, 202])
    expect(requests[1]!.body.events[0]!.id).to.equal(requests[0]!.body.events[0]!.id)
    expect(t.pending).to.equal(0)
  })

  it('retries at once when the browser comes back online', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?failTimes=1', { retryDelay: 60_000 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    window.dispatchEvent(new Event('online'))
    const events = await until(() => delivered(bucket).then((d) => d.length > 0 && d), 2000)
    expect(events).to.have.length(1)
  })

  it('sends nothing once consent is withdrawn, even events queued before', async () => {
    const bucket = newBucket()
    let allowed = true
    const t = tracker(bucket, '', { consent: () => allowed })
    t.track({ type: 'open', locale: 'en', path: '/' })
    allowed = false
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    hideTab()()
    expect(t.pending).to.equal(1)
    expect(await received(bucket)).to.deep.equal([])
  })

  it('disable() forgets the stored queue and drops new events; enable() resumes', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { storage: localStorage })
    t.track({ type: 'open', locale: 'en', path: '/' })
    t.disable()
    t.track({ type: 'open', locale: 'en', path: '/' })
    expect(localStorage.getItem('signpost:queue:demo')).to.equal(null)
    await t.flush()
    expect(await received(bucket)).to.deep.equal([])
    t.enable()
    t.track({ type: 'search', query: 'refund', results: 1, locale: 'en', path: '/' })
    await t.flush()
    expect((await delivered(bucket)).map((e) => e.type)).to.deep.equal(['search'])
  })

  it('sends events of every type that the shared schema v1 validator accepts unchanged', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '', { locale: 'pt-BR' })
    t.track({ type: 'open' } as never)
    t.track({ type: 'search', query: 'Call me on +44 20 7946 0958', results: 0 } as never)
    t.track({ type: 'click', article: 'billing/refunds', position: 1, query: 'refund' } as never)
    t.track({ type: 'view', article: 'billing/refunds', source: 'suggestion' } as never)
    t.track({ type: 'feedback', article: 'billing/refunds', helpful: true } as never)
    t.track({ type: 'contact', channel: 'email', query: 'refund' } as never)
    await t.flush()
    const events = await delivered(bucket)
    expect(events).to.have.length(6)
    for (const e of events) expect(validateEvent(e)).to.deep.equal({ ok: true, event: e })
    expect(events[0]).to.include({ locale: 'pt-BR', path: location.pathname })
    expect((events[1] as { query: string }).query).to.equal('call me on [phone]')
  })

  it('refuses to start without an endpoint or a site key', () => {
    expect(() => createTracker({ endpoint: '', site: 'demo' })).to.throw(/endpoint/)
    expect(() => createTracker({ endpoint: '/x', site: '' })).to.throw(/site/)
  })
})

describe('createTracker consent', () => {
  it('stores and sends nothing, not even a session id, until consent is granted when left to its default', async () => {
    sessionStorage.clear()
    const bucket = newBucket()
    const t = createTracker({ endpoint: `/__collect/${bucket}`, site: 'demo', flushInterval: 60_000 })
    trackers.push(t)
    t.track({ type: 'search', query: 'refund', results: 1, locale: 'en', path: '/' })
    const shown = t.sessionId
    expect(shown).to.match(/^[0-9a-f-]{36}$/)
    hideTab()()
    await t.flush()
    expect(t.pending).to.equal(0)
    expect(localStorage.length).to.equal(0)
    expect(sessionStorage.length).to.equal(0)
    expect(await received(bucket)).to.deep.equal([])

    t.grantConsent()
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    // Only what was tracked after consent: the search before it was never kept.
    const events = await delivered(bucket)
    expect(events.map((e) => e.type)).to.deep.equal(['open'])
    // The id shown before consent (on a support form, say) is the session the events carry.
    expect(events[0]!.session).to.equal(shown)
  })

  it("sends at once with consent: 'granted', and revokeConsent() forgets what waits", async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?status=503', { storage: localStorage, retryDelay: 60_000 })
    t.track({ type: 'open', locale: 'en', path: '/' })
    await t.flush()
    expect(t.pending).to.equal(1)
    t.revokeConsent()
    t.track({ type: 'open', locale: 'en', path: '/' })
    expect(t.pending).to.equal(0)
    expect(localStorage.getItem('signpost:queue:demo')).to.equal(null)
  })

  it('refuses a consent setting it does not know, naming it', () => {
    expect(() => createTracker({ endpoint: '/x', site: 'demo', consent: 'yes' as 'granted' })).to.throw(/`consent` must be 'required', 'granted' or a function, got "yes"/)
  })
})

describe('createTracker scrubbing', () => {
  it('scrubs routes, article ids, queries and vote reasons before anything is stored or sent', async () => {
    const bucket = newBucket()
    const t = tracker(bucket, '?status=503', { storage: localStorage, retryDelay: 60_000 })
    t.track({ type: 'open', locale: 'en', path: '/account/jo.doe@example.com/cards/4111111111111111' })
    t.track({ type: 'view', article: 'users/jo.doe@example.com', source: 'link', locale: 'en', path: '/' })
    t.track({ type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'mail jo.doe@example.com', locale: 'en', path: '/' })
    t.track({ type: 'search', query: 'card 4111 1111 1111 1111', results: 0, locale: 'en', path: '/' })
    const stored = localStorage.getItem('signpost:queue:demo') ?? ''
    expect(stored).to.contain('/account/[email]/cards/[card]')
    expect(stored).not.to.contain('jo.doe')
    expect(stored).not.to.contain('4111')
    await t.flush()
    const sent = JSON.stringify(await received(bucket))
    expect(sent).to.contain('[email]')
    expect(sent).not.to.contain('jo.doe')
    expect(sent).not.to.contain('4111')
  })

  it('drops an event carrying a session id it did not make', async () => {
    const bucket = newBucket()
    const t = tracker(bucket)
    t.track({ type: 'contact', channel: 'email', session: 'jo.doe@example.com', locale: 'en', path: '/' })
    expect(t.pending).to.equal(0)
  })
})
