import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig, type ServerConfig } from '../config/config.ts'
import { listen, type Listening } from '../http/listen.ts'
import { summary } from '../reports/queries.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'
import { dayOf } from '../storage/rollup.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const config: ServerConfig = parseConfig({
  sites: [
    { key: 'demo', origins: ['https://app.example.com', 'http://localhost:*'], reportTokens: [TOKEN] },
    { key: 'other', origins: ['https://other.example.com'], reportTokens: ['report-token-for-other-01'] },
  ],
  rateLimits: { ipRequestsPerSecond: 100_000, siteEventsPerSecond: 1_000_000 },
})

let n = 0
const event = (over: Record<string, unknown> = {}) => ({
  id: `evt-${String(++n).padStart(8, '0')}`,
  type: 'search',
  ts: NOW - 1000,
  session: '0193a5e0-0000-7000-8000-000000000001',
  site: 'demo',
  locale: 'en',
  path: '/billing',
  query: 'refund',
  results: 2,
  ...over,
})

let t: TestStore
let app: SignpostApp
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config, now: () => NOW })
})
afterEach(() => t.cleanup())

const post = (body: unknown, headers: Record<string, string> = {}, query = '') =>
  app.request(`/v1/events${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('POST /v1/events', () => {
  it('stores a text/plain batch and answers with the counts', async () => {
    const res = await post({ sentAt: NOW, events: [event(), event({ type: 'open' })] })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ accepted: 2, stored: 2, duplicates: 0, rejected: [] })
    expect(await t.store.countEvents('demo')).toBe(2)
  })

  it('accepts application/json and a bare array', async () => {
    const res = await post([event()], { 'content-type': 'application/json' })
    expect(res.status).toBe(200)
  })

  it('drops an event it has already stored', async () => {
    const e = event()
    await post([e])
    const res = await post([e])
    expect(await res.json()).toMatchObject({ accepted: 1, stored: 0, duplicates: 1 })
    expect(await t.store.countEvents('demo')).toBe(1)
  })

  it('counts every event once when each is replayed three times, also concurrently', async () => {
    const sessions = ['a', 'b', 'c', 'd'].map((x) => `0193a5e0-0000-7000-8000-00000000000${x}`)
    const events = Array.from({ length: 60 }, (_, i) =>
      event({ session: sessions[i % 4], type: i % 3 === 0 ? 'view' : 'search', article: 'billing/refunds', source: 'search', results: i % 5 }),
    )
    const batches = Array.from({ length: 12 }, (_, i) => events.slice(i * 5, i * 5 + 5))
    await Promise.all(batches.map((b) => post(b)))
    const once = await summary(t.store.db, 'demo', { from: dayOf(NOW), to: dayOf(NOW) }, 0)
    // Replay: twice more, concurrently, in a different grouping.
    const regrouped = Array.from({ length: 20 }, (_, i) => events.slice(i * 3, i * 3 + 3))
    const responses = await Promise.all([...regrouped, ...regrouped.toReversed()].map((b) => post(b)))
    expect(responses.every((r) => r.status === 200)).toBe(true)
    expect(await t.store.countEvents('demo')).toBe(60)
    expect(await summary(t.store.db, 'demo', { from: dayOf(NOW), to: dayOf(NOW) }, 0)).toEqual(once)
  })

  it('rejects malformed JSON with a clear 400', async () => {
    const res = await post('[{"id": "abc"')
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error).toMatchObject({ code: 'bad-json', status: 400 })
    expect(body.error.message).toMatch(/^body: not valid JSON/)
  })

  it('keeps the valid events of a batch and names what is wrong with the others', async () => {
    const good = [event(), event({ type: 'view', article: 'billing/refunds', source: 'search' })]
    const res = await post([
      good[0],
      { ...event(), results: 'many' },
      { ...event(), type: 'teleport' },
      { ...event(), query: 'x'.repeat(1024 * 200) },
      good[1],
      42,
    ])
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body).toMatchObject({ accepted: 2, stored: 2 })
    expect(body.error.code).toBe('invalid-events')
    expect(body.error.details.map((d: { index: number }) => d.index)).toEqual([1, 2, 3, 5])
    expect(body.error.details[0].errors[0]).toMatch(/events\[1\]\.results/)
    expect(body.error.details[1].errors[0]).toMatch(/events\[2\]\.type: expected one of/)
    expect(body.error.details[2].errors[0]).toMatch(/events\[3\]\.query/)
    expect(await t.store.countEvents('demo')).toBe(2)
  })

  it('rejects a 1 MB string by field and keeps the rest of the batch, when the body limit allows it', async () => {
    const roomy = createApp({ store: t.store, config: { ...config, maxBodyBytes: 4 * 1024 * 1024 }, now: () => NOW })
    const good = event()
    const res = await roomy.request('/v1/events', {
      method: 'POST',
      body: JSON.stringify([{ ...event(), path: '/' + 'p'.repeat(1024 * 1024) }, good, { ...event(), session: 's'.repeat(1024 * 1024) }]),
    })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.details.map((d: { errors: string[] }) => d.errors[0])).toEqual([
      expect.stringMatching(/^events\[0\]\.path: expected a non-empty string of at most 2048 characters/),
      expect.stringMatching(/^events\[2\]\.session: expected/),
    ])
    expect(body.stored).toBe(1)
  })

  it('answers 403 to an unknown site key', async () => {
    const res = await post([event({ site: 'nope' })])
    expect(res.status).toBe(403)
    expect((await res.json()).error).toMatchObject({ code: 'unknown-site', message: 'unknown site key "nope"' })
  })

  it('rejects events for another site than the batch', async () => {
    const res = await post([event(), event({ site: 'other' })])
    const body = await res.json()
    expect(body.error.details[0].errors[0]).toMatch(/events\[1\]\.site: expected "demo"/)
    expect(body.stored).toBe(1)
  })

  it('answers 403 with no CORS grant to an origin not on the allow-list', async () => {
    const res = await post([event()], { origin: 'https://evil.example.com' })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(await t.store.countEvents('demo')).toBe(0)
  })

  it('grants CORS to an allowed origin, and answers its preflight', async () => {
    const res = await post([event()], { origin: 'http://localhost:5173' })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    // Cross-origin trackers read Retry-After to back off as asked.
    expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After')
    const pre = await app.request('/v1/events?site=demo', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST')
    const bad = await app.request('/v1/events?site=demo', { method: 'OPTIONS', headers: { origin: 'https://other.example.com' } })
    expect(bad.status).toBe(403)
    expect(bad.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('corrects the client clock by sentAt and clamps to server time', async () => {
    // The client's clock runs an hour behind.
    const res = await post({ sentAt: NOW - 3600_000, events: [event({ ts: NOW - 3600_000 - 5000 }), event({ ts: NOW - 3600_000 + 60_000 })] })
    expect(res.status).toBe(200)
    const rows = await t.store.db.all<{ ts: number }>('SELECT ts FROM events ORDER BY ts')
    expect(rows.map((r) => Number(r.ts))).toEqual([NOW - 5000, NOW])
  })

  it('refuses events more than 24 hours old or in the future, with reasons', async () => {
    const res = await post([event({ ts: NOW - 25 * 3600_000 }), event({ ts: NOW + 3600_000 }), event()])
    const body = await res.json()
    expect(res.status).toBe(400)
    expect(body.error.details[0].errors[0]).toMatch(/events\[0\]\.ts: .* more than 24 hours old/)
    expect(body.error.details[1].errors[0]).toMatch(/events\[1\]\.ts: .* in the future/)
    expect(body.stored).toBe(1)
  })

  it('scrubs queries again on the server', async () => {
    await post([event({ query: 'refund for jane@example.com card 4111 1111 1111 1111' })])
    const [row] = await t.store.db.all<{ data: string }>('SELECT data FROM events')
    expect(row!.data).not.toContain('jane@example.com')
    expect(row!.data).not.toContain('4111')
  })

  it('limits each client address and each site with 429 and Retry-After', async () => {
    const tight = parseConfig({
      sites: [{ key: 'demo', origins: ['*'] }],
      rateLimits: { ipRequestsPerSecond: 1, siteEventsPerSecond: 1_000, burstSeconds: 2 },
    })
    const limited = createApp({ store: t.store, config: tight, now: () => NOW })
    const send = () => limited.request('/v1/events', { method: 'POST', body: JSON.stringify([event()]) })
    const statuses = [(await send()).status, (await send()).status]
    const third = await send()
    expect(statuses).toEqual([200, 200])
    expect(third.status).toBe(429)
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect((await third.json()).error.code).toBe('rate-limited')

    const perSite = createApp({ store: t.store, config: parseConfig({ sites: [{ key: 'demo', origins: ['*'] }], rateLimits: { siteEventsPerSecond: 5, burstSeconds: 1 } }), now: () => NOW })
    const big = await perSite.request('/v1/events', { method: 'POST', body: JSON.stringify(Array.from({ length: 10 }, () => event())) })
    expect(big.status).toBe(429)
    expect(big.headers.get('retry-after')).toBe('1')
  })
})

describe('POST /v1/events over a real socket', () => {
  let server: Listening
  let store: TestStore
  beforeAll(async () => {
    store = await freshSqlite()
    const a = createApp({ store: store.store, config, now: () => NOW })
    server = await listen({ fetch: a.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes })
  })
  afterAll(async () => {
    await server.close()
    await store.cleanup()
  })

  const raw = (head: string, body: Buffer): Promise<string> =>
    new Promise((resolve, reject) => {
      const { port } = new URL(server.url)
      const socket = connect(Number(port), '127.0.0.1')
      let data = ''
      socket.on('data', (d) => {
        data += d.toString('latin1')
      })
      socket.on('error', () => resolve(data))
      socket.on('close', () => resolve(data))
      socket.on('connect', () => {
        socket.write(head)
        socket.write(body, () => {})
      })
      setTimeout(() => reject(new Error('no answer')), 10_000).unref()
    })
  const huge = Buffer.alloc(300 * 1024, 'x')
  const chunked = Buffer.concat([Buffer.from(huge.length.toString(16) + '\r\n'), huge, Buffer.from('\r\n0\r\n\r\n')])

  it('answers 413 to a body over the limit sent with Content-Length', async () => {
    const res = await raw(`POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${huge.length}\r\n\r\n`, huge)
    expect(res).toMatch(/^HTTP\/1\.1 413/)
    expect(res).toContain('"code":"payload-too-large"')
  })

  it('answers 413 to a body over the limit sent chunked', async () => {
    const res = await raw('POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n', chunked)
    expect(res).toMatch(/^HTTP\/1\.1 413/)
    expect(res).toContain('"code":"payload-too-large"')
  })

  it('answers 413 to a body over the limit sent with both Content-Length and chunked', async () => {
    const res = await raw(
      `POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${huge.length}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      chunked,
    )
    expect(res).toMatch(/^HTTP\/1\.1 413/)
    expect(res).toContain('"code":"payload-too-large"')
  })

  it('stores a beacon-sized batch sent over the socket', async () => {
    const body = JSON.stringify({ sentAt: NOW, events: [event()] })
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/v1/events`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end(body)
    })
    expect(status).toBe(200)
  })
})
