import { BlockList, isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { TrustProxy } from '../config/config.ts'

/** `::ffff:203.0.113.9` (an IPv4 client on a dual-stack socket) → `203.0.113.9`. */
function plain(address: string): string {
  const a = address.trim()
  return a.toLowerCase().startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a
}

/** Whether `entry` is an IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function validAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/')
  const family = isIP(address ?? '')
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  const bits = Number(prefix)
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128)
}

/**
 * Resolves the client address of a request from the socket address and `X-Forwarded-For`,
 * believing only the proxies `trust` names. Behind a load balancer the socket address is the
 * balancer's: keyed on it, every customer would share one rate-limit bucket.
 *
 * @example
 * const clientOf = createClientAddress(1) // one load balancer in front
 * clientOf('10.0.0.2', '198.51.100.7') // → '198.51.100.7'
 */
export function createClientAddress(trust: TrustProxy): (socket: string, forwardedFor: string | undefined) => string {
  if (trust === 0 || (Array.isArray(trust) && trust.length === 0)) return (socket) => plain(socket)
  if (typeof trust === 'number') {
    return (socket, forwardedFor) => {
      // The nearest `trust` hops are ours; the address the farthest of them saw is the client.
      const hops = [...forwardedList(forwardedFor), plain(socket)]
      return hops[Math.max(0, hops.length - 1 - trust)]!
    }
  }
  const trusted = new BlockList()
  for (const entry of trust) {
    const [address, prefix] = entry.split('/') as [string, string | undefined]
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) trusted.addAddress(plain(address), type)
    else trusted.addSubnet(address, Number(prefix), type)
  }
  const isTrusted = (a: string) => trusted.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4')
  return (socket, forwardedFor) => {
    const hops = [...forwardedList(forwardedFor), plain(socket)]
    // Walk back from our side; the first address no trusted proxy vouches for is the client.
    for (let i = hops.length - 1; i > 0; i--) if (!isTrusted(hops[i]!)) return hops[i]!
    return hops[0]!
  }
}

/** The valid addresses of `X-Forwarded-For`, in order; junk entries (a client may write any) are skipped. */
function forwardedList(header: string | undefined): string[] {
  if (!header) return []
  return header
    .split(',')
    .slice(-64) // the right end is what our proxies wrote; the left is the client's to fill
    .map(plain)
    .filter((a) => isIP(a) !== 0)
}

/** The socket's peer address, or `unknown` under `app.request()` (tests have no socket). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
