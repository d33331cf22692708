import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { validAddressOrCidr } from '../http/client-address.ts'
import { VENDORS, type Vendor } from '../webhooks/signatures.ts'

/** One site: a public key the tracker sends, where its events may come from, who may read its reports. */
export interface SiteConfig {
  /** Public site key, sent by the tracker with every event (`demo`). */
  key: string
  /**
   * Origins allowed to send events (`https://app.example.com`). `*` allows any; an entry
   * `http://localhost:*` allows any port. Requests without an `Origin` header (server-side
   * reporters, curl) are accepted: browsers always send one on cross-origin POSTs.
   */
  origins: string[]
  /** Bearer tokens that may read this site's reports, and only this site's. */
  reportTokens: string[]
  /** What one support contact costs, for `costSaved`. Default 0. */
  costPerContact: number
  /**
   * Secrets of the ticket-system webhooks (`POST /v1/webhooks/<vendor>?site=`): Zendesk's signing
   * secret, Help Scout's secret key, Intercom's client secret, the token Freshdesk sends. A vendor
   * without one is refused. The built-in `demo` site takes `SIGNPOST_WEBHOOK_SECRET` for all four.
   */
  webhooks?: Partial<Record<Vendor, string>>
  /**
   * The site's built knowledge base (folder, manifest.json, or its URL), for article titles in
   * reports. The built-in `demo` site takes `SIGNPOST_KB`.
   */
  kb?: string
}

export interface RateLimitConfig {
  /** Events accepted per site per second (sustained). Default 20,000. */
  siteEventsPerSecond: number
  /** Requests accepted per client IP per second (sustained). Default 50. */
  ipRequestsPerSecond: number
  /** Burst allowance, in seconds of the sustained rate. Default 10. */
  burstSeconds: number
  /** Failed report authentications allowed per client IP per minute (guessing tokens). Default 10. */
  reportAuthFailuresPerMinute: number
}

/** A hop count, or proxy addresses and CIDR ranges (see `ServerConfig.trustProxy`). */
export type TrustProxy = number | string[]

/** The shortest report token accepted, from the config file or the environment. */
export const MIN_TOKEN_LENGTH = 16

export interface ServerConfig {
  sites: SiteConfig[]
  /** SQLite path or `postgres://` URL. Default `./signpost.db`. */
  db: string
  /** Raw events, and the query texts in aggregates, older than this many days are purged; counts are kept. Default 90. */
  retentionDays: number
  /** Largest accepted request body, in bytes. Default 262,144 (256 KiB). */
  maxBodyBytes: number
  rateLimits: RateLimitConfig
  /** Most events in one `POST /v1/events` batch; a longer batch is refused whole (413). Default 1000. */
  maxEventsPerBatch: number
  /**
   * Which proxies in front of the server to believe about the client address (the rate-limit key):
   * `0` none (the socket address, the default), a hop count (`1`: one load balancer appends to
   * `X-Forwarded-For`), or a list of proxy addresses and CIDR ranges (`["10.0.0.0/8"]`).
   */
  trustProxy: TrustProxy
  /** How long a stopping server waits for requests in flight before closing their sockets. Default 10,000 ms. */
  shutdownTimeoutMs: number
  /**
   * A query's text appears in a report (content gaps, articles' top queries) only once at least
   * this many sessions searched it in the report's range: customers type names and addresses into
   * search boxes, and a query only one person typed may identify them. Default 3.
   */
  kAnonymity: number
  port: number
  host: string
}

/** Bad configuration; the message names the file and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  siteEventsPerSecond: 20_000,
  ipRequestsPerSecond: 50,
  burstSeconds: 10,
  reportAuthFailuresPerMinute: 10,
}

export interface DefaultConfigOptions {
  env?: Record<string, string | undefined>
  /** Called when a report token had to be generated, so the CLI can print it. */
  onGeneratedToken?: (token: string) => void
}

/** The zero-config setup: site `demo` accepting localhost origins, `./signpost.db`. */
export function defaultConfig(options: DefaultConfigOptions = {}): ServerConfig {
  const env = options.env ?? process.env
  let token = env['SIGNPOST_REPORT_TOKEN']
  if (token && token.length < MIN_TOKEN_LENGTH)
    throw new ConfigError(`SIGNPOST_REPORT_TOKEN: too short: use at least ${MIN_TOKEN_LENGTH} characters (it guards the site's reports)`)
  if (!token) {
    token = randomBytes(24).toString('base64url')
    options.onGeneratedToken?.(token)
  }
  return {
    sites: [
      {
        key: 'demo',
        origins: ['http://localhost:*', 'http://127.0.0.1:*', 'https://localhost:*'],
        reportTokens: [token],
        // A typical fully loaded cost of one support contact, so the demo's "cost saved" means
        // something; a real site sets its own.
        costPerContact: 15,
        ...(env['SIGNPOST_KB'] ? { kb: env['SIGNPOST_KB'] } : {}),
        ...(env['SIGNPOST_WEBHOOK_SECRET'] ? { webhooks: Object.fromEntries(VENDORS.map((v) => [v, env['SIGNPOST_WEBHOOK_SECRET']!])) } : {}),
      },
    ],
    db: './signpost.db',
    retentionDays: 90,
    maxBodyBytes: 256 * 1024,
    rateLimits: { ...DEFAULT_RATE_LIMITS },
    maxEventsPerBatch: 1000,
    trustProxy: 0,
    shutdownTimeoutMs: 10_000,
    kAnonymity: 3,
    port: 8787,
    host: '127.0.0.1',
  }
}

/** Reads and validates `signpost.config.json`. */
export function loadConfigFile(path: string, options: DefaultConfigOptions = {}): ServerConfig {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ConfigError(`${path}: cannot read config (${(error as NodeJS.ErrnoException).code ?? error})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`)
  }
  return parseConfig(json, path, options)
}

/** Validates a config object, filling defaults. `origin` names the source in error messages. */
export function parseConfig(json: unknown, origin = 'config', options: DefaultConfigOptions = {}): ServerConfig {
  const fail = (field: string, message: string): never => {
    throw new ConfigError(`${origin}: ${field}: ${message}`)
  }
  if (!isObject(json)) return fail('(root)', 'expected an object')
  const base = defaultConfig({ ...options, env: { SIGNPOST_REPORT_TOKEN: 'unused-placeholder-token' } })
  const sitesJson = json['sites']
  let sites: SiteConfig[]
  if (sitesJson === undefined) {
    sites = defaultConfig(options).sites
  } else {
    if (!Array.isArray(sitesJson) || sitesJson.length === 0) return fail('sites', 'expected a non-empty array')
    sites = sitesJson.map((s, i) => parseSite(s, `sites[${i}]`, fail))
    const keys = new Set<string>()
    for (const [i, s] of sites.entries()) {
      if (keys.has(s.key)) fail(`sites[${i}].key`, `duplicate site key "${s.key}"`)
      keys.add(s.key)
    }
  }
  const num = (field: string, value: unknown, fallback: number, min: number): number => {
    if (value === undefined) return fallback
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
      return fail(field, `expected a number ≥ ${min}, got ${JSON.stringify(value)}`)
    return value
  }
  const rl = json['rateLimits']
  if (rl !== undefined && !isObject(rl)) fail('rateLimits', 'expected an object')
  const rlo = (rl ?? {}) as Record<string, unknown>
  const db = json['db']
  if (db !== undefined && (typeof db !== 'string' || db === '')) fail('db', 'expected a SQLite path or postgres:// URL')
  const host = json['host']
  if (host !== undefined && typeof host !== 'string') fail('host', 'expected a string')
  return {
    sites,
    db: (db as string | undefined) ?? base.db,
    retentionDays: num('retentionDays', json['retentionDays'], base.retentionDays, 1),
    maxBodyBytes: num('maxBodyBytes', json['maxBodyBytes'], base.maxBodyBytes, 1024),
    rateLimits: {
      siteEventsPerSecond: num('rateLimits.siteEventsPerSecond', rlo['siteEventsPerSecond'], DEFAULT_RATE_LIMITS.siteEventsPerSecond, 1),
      ipRequestsPerSecond: num('rateLimits.ipRequestsPerSecond', rlo['ipRequestsPerSecond'], DEFAULT_RATE_LIMITS.ipRequestsPerSecond, 1),
      burstSeconds: num('rateLimits.burstSeconds', rlo['burstSeconds'], DEFAULT_RATE_LIMITS.burstSeconds, 1),
      reportAuthFailuresPerMinute: num(
        'rateLimits.reportAuthFailuresPerMinute',
        rlo['reportAuthFailuresPerMinute'],
        DEFAULT_RATE_LIMITS.reportAuthFailuresPerMinute,
        1,
      ),
    },
    maxEventsPerBatch: num('maxEventsPerBatch', json['maxEventsPerBatch'], base.maxEventsPerBatch, 1),
    trustProxy: parseTrustProxy(json['trustProxy'], base.trustProxy, fail),
    shutdownTimeoutMs: num('shutdownTimeoutMs', json['shutdownTimeoutMs'], base.shutdownTimeoutMs, 0),
    kAnonymity: num('kAnonymity', json['kAnonymity'], base.kAnonymity, 1),
    port: num('port', json['port'], base.port, 0),
    host: (host as string | undefined) ?? base.host,
  }
}

function parseSite(s: unknown, field: string, fail: (field: string, message: string) => never): SiteConfig {
  if (!isObject(s)) return fail(field, 'expected an object')
  const key = s['key']
  if (typeof key !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(key))
    fail(`${field}.key`, 'expected 1–64 letters, digits, "_", "-" or "."')
  const strings = (name: string): string[] => {
    const v = s[name]
    if (v === undefined) return []
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && x !== ''))
      return fail(`${field}.${name}`, 'expected an array of non-empty strings')
    return v as string[]
  }
  const tokens = strings('reportTokens')
  for (const [i, t] of tokens.entries())
    if (t.length < MIN_TOKEN_LENGTH) fail(`${field}.reportTokens[${i}]`, `too short: use at least ${MIN_TOKEN_LENGTH} characters`)
  const cost = s['costPerContact']
  if (cost !== undefined && (typeof cost !== 'number' || !(cost >= 0))) fail(`${field}.costPerContact`, 'expected a number ≥ 0')
  const site: SiteConfig = { key: key as string, origins: strings('origins'), reportTokens: tokens, costPerContact: (cost as number | undefined) ?? 0 }
  const hooks = s['webhooks']
  if (hooks !== undefined) {
    if (!isObject(hooks)) fail(`${field}.webhooks`, `expected an object with secrets for ${VENDORS.join(', ')}`)
    const webhooks: Partial<Record<Vendor, string>> = {}
    for (const [vendor, secret] of Object.entries(hooks as Record<string, unknown>)) {
      if (!(VENDORS as readonly string[]).includes(vendor)) fail(`${field}.webhooks.${vendor}`, `unknown ticket system: expected one of ${VENDORS.join(', ')}`)
      if (typeof secret !== 'string' || secret.length < 8) fail(`${field}.webhooks.${vendor}`, 'expected the secret, at least 8 characters')
      webhooks[vendor as Vendor] = secret as string
    }
    site.webhooks = webhooks
  }
  const kb = s['kb']
  if (kb !== undefined) {
    if (typeof kb !== 'string' || kb === '') fail(`${field}.kb`, 'expected the knowledge base folder, its manifest.json, or its URL')
    site.kb = kb as string
  }
  return site
}

function parseTrustProxy(v: unknown, fallback: TrustProxy, fail: (field: string, message: string) => never): TrustProxy {
  if (v === undefined) return fallback
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 10) return v
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    for (const [i, entry] of (v as string[]).entries()) {
      if (!validAddressOrCidr(entry)) fail(`trustProxy[${i}]`, `expected an IP address or CIDR range such as "10.0.0.0/8", got ${JSON.stringify(entry)}`)
    }
    return v as string[]
  }
  return fail('trustProxy', `expected a hop count from 0 to 10 or a list of proxy addresses / CIDR ranges, got ${JSON.stringify(v)}`)
}

/** Whether `origin` matches one of the allow-list entries (`*`, exact, or `scheme://host:*`). */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  for (const entry of allowed) {
    if (entry === '*' || entry === origin) return true
    if (entry.endsWith(':*')) {
      const prefix = entry.slice(0, -2)
      if (origin === prefix || (origin.startsWith(prefix + ':') && /^\d+$/.test(origin.slice(prefix.length + 1)))) return true
    }
  }
  return false
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
