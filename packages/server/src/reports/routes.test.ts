import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SignpostEvent } from '@signpost/core'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { parseConfig } from '../config/config.ts'
import { freshSqlite, type TestStore } from '../storage/engines.testkit.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const DEMO = 'report-token-for-demo-0001'
const OTHER = 'report-token-for-other-01'
const config = parseConfig({
  sites: [
    { key: 'demo', origins: ['*'], reportTokens: [DEMO], costPerContact: 8 },
    { key: 'other', origins: ['*'], reportTokens: [OTHER] },
  ],
  // One customer per query here; the k-anonymity floor has its own tests.
  kAnonymity: 1,
})

let t: TestStore
let app: ReturnType<typeof createApp>
beforeEach(async () => {
  t = await freshSqlite()
  app = createApp({ store: t.store, config, now: () => NOW })
  const base = { ts: NOW - 60_000, site: 'demo', locale: 'en', path: '/' }
  await t.store.writeBatches([
    [
      { ...base, id: 'e-00000001', session: 's1', type: 'search', query: 'refund, policy', results: 2 },
      { ...base, id: 'e-00000002', session: 's1', type: 'view', article: 'billing/refunds', source: 'search' },
      { ...base, id: 'e-00000003', session: 's2', type: 'search', query: '=cmd|calc', results: 0 },
    ] as SignpostEvent[],
  ])
})
afterEach(() => t.cleanup())

const get = (path: string, token?: string) => app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {})

describe('GET /v1/reports', () => {
  it('answers 401 without a token, with a wrong one, and with another site’s token', async () => {
    for (const token of [undefined, 'wrong-token-wrong-token', OTHER]) {
      const res = await get('/v1/reports/summary?site=demo', token)
      expect(res.status).toBe(401)
      expect((await res.json()).error).toMatchObject({ code: 'unauthorized', status: 401 })
    }
  })

  it('serves the summary with the documented fields', async () => {
    const res = await get('/v1/reports/summary?site=demo&from=2026-11-14&to=2026-11-20', DEMO)
    expect(res.status).toBe(200)
    const s = await res.json()
    expect(s).toMatchObject({
      helpSessions: 2,
      deflected: { explicit: 0, implicit: 1 },
      deflectionRate: 0.5,
      escalationRate: 0,
      contacts: 0,
      selfServiceScore: null,
      searches: 2,
      zeroResultRate: 0.5,
      noClickRate: 0.5,
      costSaved: 8,
      previous: { helpSessions: 0, from: '2026-11-07', to: '2026-11-13' },
    })
  })

  it('serves timeseries, content gaps and articles', async () => {
    const days = (await (await get('/v1/reports/timeseries?site=demo&since=3d', DEMO)).json()).days
    expect(days.map((d: { day: string }) => d.day)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20'])
    const gaps = (await (await get('/v1/reports/content-gaps?site=demo', DEMO)).json()).gaps
    expect(gaps.map((g: { query: string }) => g.query)).toEqual(['cmd calc', 'refund policy'])
    const articles = (await (await get('/v1/reports/articles?site=demo', DEMO)).json()).articles
    expect(articles[0]).toMatchObject({ article: 'billing/refunds', views: 1 })
  })

  it('exports every report as CSV', async () => {
    for (const name of ['summary', 'timeseries', 'content-gaps', 'articles']) {
      const res = await get(`/v1/reports/${name}?site=demo&format=csv`, DEMO)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
      expect((await res.text()).split('\r\n').length).toBeGreaterThan(2)
    }
    const summary = await (await get('/v1/reports/summary?site=demo&format=csv', DEMO)).text()
    expect(summary.split('\r\n')[0]).toContain('deflected.explicit')
    expect(summary.split('\r\n')[0]).toContain('previous.helpSessions')
  })

  it('names a bad parameter', async () => {
    const res = await get('/v1/reports/summary?site=demo&from=last-week', DEMO)
    expect(res.status).toBe(400)
    expect((await res.json()).error.message).toMatch(/^from: expected a date as YYYY-MM-DD/)
    const fmt = await get('/v1/reports/summary?site=demo&format=xml', DEMO)
    expect((await fmt.json()).error.message).toMatch(/^format:/)
  })

  it('answers unknown routes in the same error shape', async () => {
    const res = await app.request('/v2/nothing')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not-found', message: 'no route for GET /v2/nothing', status: 404 } })
  })
})

describe('report fields the dashboard draws', () => {
  it('gives each day its clicks, helpful votes and an escalation rate of help sessions only', async () => {
    const base = { ts: NOW - 30_000, site: 'demo', locale: 'en', path: '/' }
    await t.store.writeBatches([
      [
        { ...base, id: 'e-00000011', session: 's1', type: 'click', article: 'billing/refunds', position: 1, query: 'refund policy' },
        { ...base, id: 'e-00000012', session: 's1', type: 'feedback', article: 'billing/refunds', helpful: true },
        { ...base, id: 'e-00000013', session: 's2', type: 'contact', channel: 'email' },
        { ...base, id: 'e-00000014', session: 'ticket-zendesk-1', type: 'contact', channel: 'zendesk' },
      ] as SignpostEvent[],
    ])
    const days = (await (await get('/v1/reports/timeseries?site=demo&since=1d', DEMO)).json()).days
    expect(days).toEqual([expect.objectContaining({ day: '2026-11-20', helpSessions: 2, contacts: 2, escalationRate: 0.5, clicks: 1, helpful: 1, searches: 2 })])
  })

  it('counts the active days of each period, so a half-tracked previous period is no baseline', async () => {
    const s = await (await get('/v1/reports/summary?site=demo&since=7d', DEMO)).json()
    expect(s.activeDays).toBe(1)
    expect(s.previous.activeDays).toBe(0)
  })
})

describe('article titles from the site’s knowledge base', () => {
  const kbDir = mkdtempSync(join(tmpdir(), 'signpost-kb-'))
  afterAll(() => rmSync(kbDir, { recursive: true, force: true }))
  const withKb = (kb: string) =>
    createApp({ store: t.store, config: parseConfig({ sites: [{ key: 'demo', reportTokens: [DEMO], kb }] }), now: () => NOW })
  const manifest = (title: string) =>
    JSON.stringify({
      format: 1,
      defaultLocale: 'en',
      articles: [
        { id: 'billing/refunds', locale: 'es', title: 'Reembolsos' },
        { id: 'billing/refunds', locale: 'en', title },
      ],
    })

  it('names each article by its title in JSON and CSV, and follows a rebuild', async () => {
    writeFileSync(join(kbDir, 'manifest.json'), manifest('Refunds'))
    const app = withKb(kbDir)
    const req = (q = '') => app.request(`/v1/reports/articles?site=demo${q}`, { headers: { authorization: `Bearer ${DEMO}` } })
    expect((await (await req()).json()).articles[0]).toMatchObject({ article: 'billing/refunds', title: 'Refunds' })
    expect((await (await req('&format=csv')).text()).split('\r\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^article,title,views,/),
      expect.stringMatching(/^billing\/refunds,Refunds,1,/),
    ])
    writeFileSync(join(kbDir, 'manifest.json'), manifest('Getting your money back'))
    utimesSync(join(kbDir, 'manifest.json'), new Date(), new Date(Date.now() + 5000))
    expect((await (await req()).json()).articles[0].title).toBe('Getting your money back')
  })

  it('names the article of each feedback reason too', async () => {
    writeFileSync(join(kbDir, 'manifest.json'), manifest('Refunds'))
    await t.store.writeBatches([
      [{ id: 'e-00000021', ts: NOW - 30_000, site: 'demo', locale: 'en', path: '/', session: 's1', type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'too long' }] as SignpostEvent[],
    ])
    const res = await withKb(kbDir).request('/v1/reports/feedback-reasons?site=demo', { headers: { authorization: `Bearer ${DEMO}` } })
    expect((await res.json()).reasons).toEqual([expect.objectContaining({ article: 'billing/refunds', title: 'Refunds', reason: 'too long' })])
  })

  it('names an article only an audience sees, from that audience’s manifest in the build folder', async () => {
    writeFileSync(join(kbDir, 'manifest.json'), manifest('Refunds'))
    mkdirSync(join(kbDir, 'audiences/pro'), { recursive: true })
    writeFileSync(join(kbDir, 'audiences/pro/manifest.json'), JSON.stringify({ format: 2, defaultLocale: 'en', articles: [{ id: 'billing/seats', locale: 'en', title: 'Seat licenses' }] }))
    await t.store.writeBatches([
      [{ id: 'e-00000022', ts: NOW - 30_000, site: 'demo', locale: 'en', path: '/', session: 's1', type: 'feedback', article: 'billing/seats', helpful: false, reason: 'unclear' }] as SignpostEvent[],
    ])
    const res = await withKb(kbDir).request('/v1/reports/feedback-reasons?site=demo', { headers: { authorization: `Bearer ${DEMO}` } })
    expect((await res.json()).reasons).toEqual(expect.arrayContaining([expect.objectContaining({ article: 'billing/seats', title: 'Seat licenses', reason: 'unclear' })]))
  })

  it('still answers, with ids, when the knowledge base cannot be read', async () => {
    const warn = console.warn
    const warnings: string[] = []
    console.warn = (m: string) => warnings.push(m)
    try {
      const res = await withKb(join(kbDir, 'missing')).request('/v1/reports/articles?site=demo', { headers: { authorization: `Bearer ${DEMO}` } })
      expect(res.status).toBe(200)
      expect((await res.json()).articles[0]).toEqual(expect.objectContaining({ article: 'billing/refunds', title: null }))
      expect(warnings).toEqual([expect.stringContaining('no article titles from')])
    } finally {
      console.warn = warn
    }
  })
})
