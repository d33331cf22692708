import { describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { ConfigError, parseConfig } from '../config/config.ts'
import { freshSqlite } from '../storage/engines.testkit.ts'
import { createClientAddress } from './client-address.ts'
import { listen } from './listen.ts'

describe('createClientAddress', () => {
  it('keys on the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(createClientAddress(0)('10.0.0.2', '198.51.100.7')).toBe('10.0.0.2')
    expect(createClientAddress([])('::ffff:10.0.0.2', '198.51.100.7')).toBe('10.0.0.2')
  })

  it('believes as many hops as trusted, so a client cannot forge its address by prepending its own', () => {
    const one = createClientAddress(1)
    expect(one('10.0.0.2', '198.51.100.7')).toBe('198.51.100.7')
    expect(one('10.0.0.2', '1.2.3.4, 198.51.100.7')).toBe('198.51.100.7')
    expect(createClientAddress(2)('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.9')).toBe('198.51.100.7')
    // Fewer hops than trusted: the farthest address there is.
    expect(createClientAddress(3)('10.0.0.2', '198.51.100.7')).toBe('198.51.100.7')
  })

  it('walks back past trusted CIDR ranges to the first address no proxy of ours vouches for', () => {
    const lb = createClientAddress(['10.0.0.0/8', 'fd00::/8'])
    expect(lb('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7')
    expect(lb('fd00::5', '2001:db8::1')).toBe('2001:db8::1')
    // A request straight from the internet is keyed on its own address, its header ignored.
    expect(lb('203.0.113.9', '198.51.100.7')).toBe('203.0.113.9')
    // Junk a client wrote is skipped, not used as a key.
    expect(lb('10.0.0.2', 'not-an-ip, 198.51.100.7')).toBe('198.51.100.7')
  })

  it('refuses a trustProxy entry that is no address or range, naming it', () => {
    expect(() => parseConfig({ trustProxy: ['10.0.0.0/33'] })).toThrow(ConfigError)
    expect(() => parseConfig({ trustProxy: ['10.0.0.0/33'] })).toThrow(/trustProxy\[0\]: expected an IP address or CIDR range/)
    expect(() => parseConfig({ trustProxy: 'yes' })).toThrow(/trustProxy: expected a hop count/)
    expect(parseConfig({ trustProxy: 1 }).trustProxy).toBe(1)
  })
})

describe('the per-address rate limit behind a load balancer', () => {
  it('gives each customer its own bucket when the balancer is trusted', async () => {
    const t = await freshSqlite()
    const config = parseConfig({
      sites: [{ key: 'demo', origins: ['*'] }],
      rateLimits: { ipRequestsPerSecond: 1, burstSeconds: 1 },
      trustProxy: ['127.0.0.1'],
    })
    const app = createApp({ store: t.store, config })
    const server = await listen({ fetch: app.fetch, port: 0, host: '127.0.0.1', maxBodyBytes: config.maxBodyBytes })
    try {
      const send = (client: string) =>
        fetch(`${server.url}/v1/events?site=demo`, { method: 'POST', body: '[]', headers: { 'x-forwarded-for': client } }).then((r) => r.status)
      expect(await send('198.51.100.1')).toBe(200)
      expect(await send('198.51.100.1')).toBe(429)
      // Another customer behind the same balancer still gets through.
      expect(await send('198.51.100.2')).toBe(200)
    } finally {
      await server.close()
      await t.cleanup()
    }
  })
})
