import type { SignpostEvent } from '@signpost/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { sid } from '../session-ids.testkit.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }] })

let t: TestStore
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config, now: () => NOW })
})
afterEach(() => t.cleanup())

let seq = 0
const event = (session: string, e: Record<string, unknown>) =>
  ({ ts: NOW - 60_000 + ++seq, site: 'demo', locale: 'en', path: '/', id: `e-${String(seq).padStart(8, '0')}`, session: sid(session), ...e }) as SignpostEvent
const report = async (path: string) => (await app.request(`/v1/reports/${path}?site=demo&from=2026-11-14&to=2026-11-20`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()

describe('contact-form deflection in the reports', () => {
  it('counts sessions that read a suggestion and sent nothing, out of those shown suggestions', async () => {
    const shown = { type: 'contact-suggestions-shown', articles: ['billing/refunds'], query: 'refund' }
    await t.store.writeBatches([
      [
        // s1: shown, opened one, left: deflected.
        event('s1', shown),
        event('s1', { type: 'view', article: 'billing/refunds', source: 'suggestion' }),
        event('s1', { type: 'contact-deflected', article: 'billing/refunds', query: 'refund' }),
        // s2: shown, read one, came back and sent: not deflected.
        event('s2', shown),
        event('s2', { type: 'contact-deflected', article: 'billing/refunds' }),
        event('s2', { type: 'contact', channel: 'form' }),
        // s3: shown, sent without reading.
        event('s3', shown),
        event('s3', { type: 'contact', channel: 'form' }),
      ],
    ])
    const summary = await report('summary')
    expect(summary.contactForm).toEqual({ suggested: 3, deflected: 1, deflectionRate: 1 / 3 })
    expect(summary.previous.contactForm).toEqual({ suggested: 0, deflected: 0, deflectionRate: 0 })
  })

  it('counts a "No" once when its reason follows as a second event', async () => {
    await t.store.writeBatches([
      [
        event('s1', { type: 'view', article: 'billing/refunds', source: 'search' }),
        event('s1', { type: 'feedback', article: 'billing/refunds', helpful: false }),
        event('s1', { type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'outdated', followUp: true }),
        event('s2', { type: 'feedback', article: 'billing/refunds', helpful: true }),
      ],
    ])
    const { articles } = await report('articles')
    expect(articles[0]).toMatchObject({ article: 'billing/refunds', helpfulYes: 1, helpfulNo: 1 })
  })
})

describe('POST /v1/events with the contact-form events', () => {
  it('stores them, and names the field when one is wrong', async () => {
    const post = (events: unknown[]) =>
      app.request('/v1/events', { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'https://app.example.com' }, body: JSON.stringify({ events }) })
    const good = event('s9', { type: 'contact-suggestions-shown', articles: ['billing/refunds'] })
    const bad = event('s9', { type: 'contact-deflected' })
    const res = await post([good, bad])
    const body = await res.json()
    expect(JSON.stringify(body)).toContain('article: expected a non-empty string')
    const stored = await t.store.db.all<{ type: string }>('SELECT type FROM events')
    expect(stored.map((r) => r.type)).toEqual(['contact-suggestions-shown'])
  })
})
