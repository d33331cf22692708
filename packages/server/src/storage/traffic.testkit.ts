// Test traffic: forty sessions over two days across routes and locales, deterministic.
import type { SignpostEvent } from '@signpost/core'
import { DAY_MS } from './rollup.ts'
import type { Store } from './store.ts'

export const T0 = Date.UTC(2026, 10, 19, 21, 0, 0)
export const MINUTE = 60_000

/** A deterministic random stream (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Forty sessions over two days, some crossing midnight, some with a gap of over 30 minutes (two
 * session segments under one id); searches with and without results, clicks, views, votes (some
 * with a reason, spelled differently), contacts, and queries whose stored spelling differs from
 * their normalized one; asked from several routes and locales; some ids writing in again days
 * later (tickets after a view, repeated contacts), once more than 7 days later.
 */
export function traffic(): SignpostEvent[] {
  const r = random(7)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!
  const queries = ['refund', 'refund policy', 'invoice pdf', 'refund for [email]', 'cancel plan', 'vat number']
  const arts = ['billing/refunds', 'billing/invoices', 'account/cancel']
  const reasons = ["Doesn't say how long", "  doesn't say HOW   long", 'no screenshots', 'wrong currency']
  const paths = ['/', '/invoices/1042/edit', '/invoices/77/edit', '/settings']
  const events: SignpostEvent[] = []
  let n = 0
  for (let i = 0; i < 40; i++) {
    const session = `session-${String(i).padStart(3, '0')}`
    const locale = pick(['en', 'en', 'es', 'de'])
    let ts = T0 + Math.floor(r() * 26 * 60) * MINUTE
    const push = (e: Record<string, unknown>) => {
      ts += Math.floor(1 + r() * 8) * MINUTE
      if (r() < 0.08) ts += 45 * MINUTE // a second segment under the same id
      events.push({ id: `evt-${String(++n).padStart(6, '0')}`, ts, session, site: 'demo', locale, path: pick(paths), ...e } as SignpostEvent)
    }
    push({ type: 'open' })
    let searched: string | undefined
    for (let k = Math.floor(r() * 7); k > 0; k--) {
      // Mostly a click on what the customer just searched; now and then on another query.
      const q = searched && r() < 0.8 ? searched : pick(queries)
      const roll = r()
      if (roll < 0.4) {
        searched = pick(queries)
        push({ type: 'search', query: searched, results: r() < 0.3 ? 0 : 3 })
      } else if (roll < 0.6) push({ type: 'click', query: q, article: pick(arts), position: 1 })
      else if (roll < 0.8) push({ type: 'view', article: pick(arts), source: pick(['search', 'link', 'suggestion']) })
      else if (roll < 0.9) push({ type: 'feedback', article: pick(arts), helpful: r() < 0.5, ...(r() < 0.6 ? { reason: pick(reasons) } : {}) })
      else push({ type: 'contact', channel: 'email' })
    }
    // Writing in again: a ticket days later (after a view within 7 days or not), sometimes a repeat.
    const again = r()
    if (again < 0.35) {
      ts += Math.floor(DAY_MS * (again < 0.05 ? 8 : 1 + r() * 3))
      push({ type: 'contact', channel: 'zendesk' })
      if (r() < 0.5) {
        ts += Math.floor(DAY_MS * (1 + r() * 2))
        push({ type: 'contact', channel: 'zendesk' })
      }
    }
  }
  return events.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))
}


/** Every row of each table (name → its key columns, for the order), numbers as JS numbers. */
export async function tableRows(store: Store, tables: Record<string, string>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const [table, keys] of Object.entries(tables)) {
    const rows = await store.db.all<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${keys}`)
    out[table] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])))
  }
  return out
}
