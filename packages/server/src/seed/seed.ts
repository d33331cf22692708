import { createHash } from 'node:crypto'
import type { SignpostEvent } from '@signpost/core'
import { DAY_MS } from '../storage/rollup.ts'
import type { Store } from '../storage/store.ts'

export interface SeedOptions {
  site: string
  /** Days of traffic ending now. Default 30. */
  days?: number
  /** Help-widget sessions per day. Default 200. */
  sessionsPerDay?: number
  /** Articles customers view; default a small billing/account set. */
  articles?: { id: string; title?: string }[]
  /** Queries that find something (each leads to one of `articles`). */
  queries?: string[]
  /** Queries that find nothing: the content gaps the demo shows. */
  missingQueries?: string[]
  /** The article each query leads to (query → article id); others lead to one picked by hash. */
  answers?: Record<string, string>
  /** Random seed, for the same data on every run. Default 1. */
  seed?: number
  now?: number
}

/** Every seeded event's id starts with this, so demo data can be told apart (and deleted). */
export const SEED_PREFIX = 'seed-'

/**
 * A seeded session's id: a UUID (the tracker's format, the only one the server accepts from a
 * ticket webhook, an erasure or an export) derived from its name, so the same on every run.
 */
function seedSessionId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * Inserts synthetic but plausible traffic (searches, clicks, views, votes, contacts) through the
 * normal write path, so rollups and reports look like production. Event ids start with `seed-`.
 *
 * @example
 * await seed(store, { site: 'demo', days: 30, sessionsPerDay: 300, articles: [{ id: 'billing/refunds' }] })
 */
export async function seed(store: Store, options: SeedOptions): Promise<{ events: number; sessions: number }> {
  const days = options.days ?? 30
  const perDay = options.sessionsPerDay ?? 200
  const articles = options.articles?.length ? options.articles : DEFAULT_ARTICLES
  const queries = options.queries?.length ? options.queries : DEFAULT_QUERIES
  const missing = options.missingQueries?.length ? options.missingQueries : DEFAULT_MISSING
  const now = options.now ?? Date.now()
  const random = mulberry32(options.seed ?? 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  let batch: SignpostEvent[] = []
  let events = 0
  let sessions = 0
  const flush = async () => {
    if (batch.length === 0) return
    await store.writeBatches([batch])
    events += batch.length
    batch = []
  }
  for (let d = days - 1; d >= 0; d--) {
    // A gentle upward trend, so the dashboard's lines have a direction.
    const count = Math.round(perDay * (0.8 + (0.4 * (days - d)) / days) * (0.9 + random() * 0.2))
    for (let i = 0; i < count; i++) {
      const name = `${SEED_PREFIX}${options.seed ?? 1}-${d}-${i}`
      const sid = seedSessionId(name)
      let ts = now - d * DAY_MS - Math.floor(random() * (d === 0 ? 6 : 20) * 3600_000) - 60_000
      let n = 0
      // Pages of the host app, by the session's number (no extra random draws: the same traffic as before).
      const path = ROUTES[i % ROUTES.length]!.replace(':n', String(1000 + (i % 97)))
      const push = (e: Record<string, unknown>) => {
        ts += 5_000 + Math.floor(random() * 60_000)
        batch.push({ id: `${name}-${n++}`, ts: Math.min(ts, now), session: sid, site: options.site, locale: 'en', path, ...e } as SignpostEvent)
      }
      sessions++
      push({ type: 'open' })
      const r = random()
      let viewed: string | undefined
      if (r < 0.15) {
        const q = pick(missing)
        push({ type: 'search', query: q, results: 0 })
      } else if (r < 0.75) {
        const q = pick(queries)
        const article = options.answers?.[q] ?? articles[Math.abs(hash(q)) % articles.length]!.id
        push({ type: 'search', query: q, results: 1 + Math.floor(random() * 6) })
        if (random() < 0.8) {
          push({ type: 'click', article, position: 1 + Math.floor(random() * 3), query: q })
          push({ type: 'view', article, source: 'search' })
          viewed = article
        }
      } else if (r < 0.9) {
        viewed = pick(articles).id
        push({ type: 'view', article: viewed, source: 'suggestion' })
      }
      if (viewed && random() < 0.3) {
        const helpful = random() < 0.75
        push({ type: 'feedback', article: viewed, helpful, ...(!helpful && i % 2 === 0 ? { reason: REASONS[i % REASONS.length] } : {}) })
      }
      if (random() < (viewed ? 0.08 : 0.35)) push({ type: 'contact', channel: pick(['email', 'chat', 'form']) })
      if (batch.length >= 2000) await flush()
    }
  }
  await flush()
  return { events, sessions }
}

const ROUTES = ['/app', '/invoices/:n/edit', '/settings/billing', '/app', '/reports/profit-and-loss', '/invoices/:n/edit']
const REASONS = ['it does not say how long it takes', 'the screenshots are out of date', 'nothing about my country', 'too long']

const DEFAULT_ARTICLES = [
  { id: 'billing/refunds' },
  { id: 'billing/invoices' },
  { id: 'account/reset-password' },
  { id: 'account/two-factor' },
  { id: 'getting-started/install' },
]
const DEFAULT_QUERIES = ['refund', 'invoice', 'reset password', 'two factor', 'install', 'change plan', 'cancel subscription']
const DEFAULT_MISSING = ['export to excel', 'dark mode', 'delete account', 'invoice in euros', 'api rate limit']

function mulberry32(a: number): () => number {
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0
  return h
}
