import { connect } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig, type ServerConfig } from '../config/config.ts'
import { listen } from '../http/listen.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const config: ServerConfig = parseConfig({
  sites: [{ key: 'demo', origins: ['*'], reportTokens: ['report-token-for-demo-0001'] }],
  rateLimits: { ipRequestsPerSecond: 100_000, siteEventsPerSecond: 1_000_000 },
})

let n = 0
const event = (over: Record<string, unknown> = {}) => ({
  id: `hostile-${String(++n).padStart(8, '0')}`,
  type: 'search',
  ts: NOW - 1000,
  session: '0193a5e0-0000-7000-8000-00000000beef',
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

const post = (body: unknown, query = '?site=demo') =>
  app.request(`/v1/events${query}`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) })

/** Runs `send` and reports the longest the event loop was blocked meanwhile. */
async function measured(send: () => Promise<Response>): Promise<{ res: Response; blockedMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  const res = await send()
  delay.disable()
  return { res, blockedMs: delay.max / 1e6 }
}

describe('POST /v1/events against hostile batches', () => {
  it('answers a 240 KB batch of 80,000 empty events in a few bytes, without blocking the loop', async () => {
    const body = `[${Array(80_000).fill('{}').join(',')}]`
    expect(body.length).toBeGreaterThan(235_000)
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes })
    try {
      // Warm the route once so the measurement is the request, not module loading.
      await fetch(`${server.url}/v1/events?site=demo`, { method: 'POST', body: '[]' }).then((r) => r.arrayBuffer())
      const blocked: number[] = []
      for (let i = 0; i < 3; i++) {
        const { res, blockedMs } = await measured(() => fetch(`${server.url}/v1/events?site=demo`, { method: 'POST', body }))
        const text = await res.text()
        expect(res.status).toBe(413)
        expect(JSON.parse(text).error).toMatchObject({ code: 'too-many-events' })
        expect(text.length).toBeLessThan(64 * 1024)
        blocked.push(blockedMs)
      }
      // Two cores shared with other work: the quietest of three runs is the request's own cost.
      expect(Math.min(...blocked)).toBeLessThan(50)
    } finally {
      await server.close()
    }
  })

  it('scrubs a full body of worst-case paths without blocking the loop', async () => {
    const nasty = ['1-', 'a1', 'a@', '+1.'].map((unit) => `/${unit.repeat(Math.floor(2040 / unit.length))}`)
    const events = Array.from({ length: 110 }, (_, i) => event({ type: 'open', path: nasty[i % nasty.length] }))
    const body = JSON.stringify(events)
    expect(body.length).toBeGreaterThan(240_000)
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes })
    try {
      await fetch(`${server.url}/v1/events?site=demo`, { method: 'POST', body: '[]' }).then((r) => r.arrayBuffer())
      const blocked: number[] = []
      for (let i = 0; i < 3; i++) {
        const { res, blockedMs } = await measured(() => fetch(`${server.url}/v1/events?site=demo`, { method: 'POST', body }))
        await res.arrayBuffer()
        expect(res.status).toBe(200)
        blocked.push(blockedMs)
      }
      expect(Math.min(...blocked)).toBeLessThan(50)
    } finally {
      await server.close()
    }
  })

  it('names the reasons for at most 50 rejected events and lists every rejected index once', async () => {
    const res = await post([event(), ...Array(999).fill({})])
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text.length).toBeLessThan(64 * 1024)
    const body = JSON.parse(text)
    expect(body).toMatchObject({ accepted: 1, stored: 1 })
    expect(body.error.details).toHaveLength(50)
    expect(body.error.details[0].errors[0]).toMatch(/^events\[1\]\.type: expected one of/)
    expect(body.rejected).toHaveLength(999)
    expect(body.rejected[998]).toBe(999)
    expect(body.error.message).toBe('999 of 1000 events rejected; 1 accepted; reasons for the first 50 in details')
  })

  it('refuses only the event whose ts no clock can show, and stores the rest of the batch', async () => {
    const res = await post([event({ ts: 1e20 }), event()])
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.details[0].errors[0]).toMatch(/^events\[0\]\.ts: expected a time/)
    expect(body.stored).toBe(1)
    expect(await t.store.countEvents('demo')).toBe(1)
  })

  it('refuses the events an absurd sentAt would move out of range, with reasons and no 500', async () => {
    for (const sentAt of [-1e308, 1e308]) {
      const res = await post({ sentAt, events: [event()] })
      expect(res.status).toBe(400)
      const body = await res.json()
      expect(body.error.details[0].errors[0]).toMatch(/^events\[0\]\.ts: .*(future|old)/)
    }
    expect(await t.store.countEvents('demo')).toBe(0)
  })
})

describe('failure logging', () => {
  it('logs a storage failure once per interval, not a stack per request', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '))
    })
    try {
      await t.store.close() // every write now fails, as on a full disk
      const statuses: number[] = []
      for (let i = 0; i < 20; i++) statuses.push((await post([event()])).status)
      expect(new Set(statuses)).toEqual(new Set([500]))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatch(/^signpost server: ingest failed: /)
      expect(lines[0]!.split('\n')).toHaveLength(1)
    } finally {
      spy.mockRestore()
      t = await freshSqlite() // cleanup closes the store again
    }
  })

  it('does not log a client that hangs up mid-body as a failure', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes })
    try {
      const { port } = new URL(server.url)
      await new Promise<void>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write('POST /v1/events?site=demo HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n[{"id":')
          setTimeout(() => {
            socket.destroy()
            resolve()
          }, 50)
        })
      })
      await new Promise((r) => setTimeout(r, 200))
      expect(spy).not.toHaveBeenCalled()
    } finally {
      spy.mockRestore()
      await server.close()
    }
  })
})
