import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const PRIVATE = 'i am john smith living at 42 baker street london'

let n = 0
const sessionId = (i: number) => `0193a5e0-0000-7000-8000-${String(i).padStart(12, '0')}`
const event = (session: number, over: Record<string, unknown>) => ({
  id: `kanon-${String(++n).padStart(6, '0')}`,
  ts: NOW - 60_000 + n,
  session: sessionId(session),
  site: 'demo',
  locale: 'en',
  path: '/',
  ...over,
})

let t: TestStore
let app: SignpostApp
const open = (kAnonymity?: number) => {
  const config = parseConfig({ sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }], ...(kAnonymity ? { kAnonymity } : {}) })
  app = createApp({ store: t.store, config, now: () => NOW })
}
beforeEach(async () => {
  t = await freshSqlite()
  open()
})
afterEach(() => t.cleanup())

/** `count` sessions each search `query` with no result, then click nothing (or click `article`). */
async function searches(query: string, sessions: number[], article?: string) {
  const events = sessions.flatMap((s) => [
    event(s, { type: 'search', query, results: article ? 2 : 0 }),
    ...(article ? [event(s, { type: 'click', query, article, position: 1 }), event(s, { type: 'view', article, source: 'search' })] : []),
  ])
  const res = await app.request('/v1/events', { method: 'POST', body: JSON.stringify(events) })
  expect(res.status).toBe(200)
}

const report = async (name: string) => (await app.request(`/v1/reports/${name}?site=demo`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()

describe('the k-anonymity floor on query texts', () => {
  it('keeps a query out of content gaps until three sessions searched it', async () => {
    await searches(PRIVATE, [1, 2])
    await searches('vat number', [3, 4, 5])
    expect((await report('content-gaps')).gaps.map((g: { query: string }) => g.query)).toEqual(['vat number'])
    await searches(PRIVATE, [6])
    expect((await report('content-gaps')).gaps.map((g: { query: string }) => g.query)).toContain(PRIVATE)
  })

  it("keeps a query out of an article's top queries until three sessions searched it", async () => {
    await searches(PRIVATE, [1], 'billing/refunds')
    await searches('refund', [2, 3, 4], 'billing/refunds')
    const [refunds] = (await report('articles')).articles
    expect(refunds.views).toBe(4)
    expect(refunds.topQueries).toEqual([{ query: 'refund', clicks: 3 }])
  })

  it('follows the configured floor', async () => {
    open(1)
    await searches(PRIVATE, [1])
    expect((await report('content-gaps')).gaps.map((g: { query: string }) => g.query)).toEqual([PRIVATE])
    expect(() => parseConfig({ kAnonymity: 0 })).toThrow(/kAnonymity: expected a number ≥ 1/)
  })
})
