import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite } from '../storage/engines.testkit.ts'
import { listen } from './listen.ts'

const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'] }], rateLimits: { ipRequestsPerSecond: 1_000_000, siteEventsPerSecond: 10_000_000 } })

let n = 0
const batch = () =>
  Array.from({ length: 5 }, () => ({
    id: `shutdown-${String(++n).padStart(8, '0')}`,
    type: 'open',
    ts: Date.now(),
    session: '0193a5e0-0000-7000-8000-00000000cafe',
    site: 'demo',
    locale: 'en',
    path: '/',
  }))

/** One POST over `agent`; resolves to the status, or undefined when the connection failed. */
const post = (url: string, agent: Agent, body: string): Promise<number | undefined> =>
  new Promise((resolve) => {
    const req = request(`${url}/v1/events`, { method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
      res.on('error', () => resolve(undefined))
    })
    req.on('error', () => resolve(undefined))
    req.end(body)
  })

describe('listen().close()', () => {
  it('stops within a bounded time while keep-alive clients keep sending, losing no acknowledged event', async () => {
    const t = await freshSqlite()
    const app = createApp({ store: t.store, config })
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes, shutdownTimeoutMs: 1_000 })
    const acknowledged: string[] = []
    let stop = false
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      // A client that keeps sending and retries on failure, as the tracker does, until told to stop.
      while (!stop) {
        const events = batch()
        const status = await post(server.url, agent, JSON.stringify(events))
        if (status === 200) acknowledged.push(...events.map((e) => e.id))
        else await new Promise((r) => setTimeout(r, 5))
      }
      agent.destroy()
    }
    const clients = Array.from({ length: 4 }, client)
    // And one that trickles a body a byte at a time: its request never ends by itself.
    const { port } = new URL(server.url)
    const slow = connect(Number(port), '127.0.0.1', () => slow.write('POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n['))
    slow.on('error', () => {})
    const trickle = setInterval(() => slow.writable && slow.write(' '), 50)
    try {
      await new Promise((r) => setTimeout(r, 300))
      const started = performance.now()
      await Promise.race([server.close(), new Promise((r) => setTimeout(r, 4_000))])
      const took = performance.now() - started
      clearInterval(trickle)
      stop = true
      await Promise.all(clients)
      await app.writer.drain()
      // The trickling request is cut at the 1 s timeout; the keep-alive clients are let go at once.
      expect(took).toBeGreaterThanOrEqual(900)
      expect(took).toBeLessThan(3_000)
      expect(acknowledged.length).toBeGreaterThan(0)
      const rows = await t.store.db.all<{ id: string }>('SELECT id FROM events')
      const stored = new Set(rows.map((r) => r.id))
      expect(acknowledged.filter((id) => !stored.has(id))).toEqual([])
    } finally {
      stop = true
      clearInterval(trickle)
      slow.destroy()
      await t.cleanup()
    }
  })
})
