import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { comparable, ReportsApiError, ReportsClient, toFunnel } from './api.ts'

const query = { site: 'demo', from: '2026-11-01', to: '2026-11-07' }

/** A stand-in reports API in Hono, answered in-process through app.request. */
function server(): Hono {
  const app = new Hono()
  app.use('/v1/reports/*', async (c, next) => {
    if (c.req.header('authorization') !== 'Bearer good') return c.json({ error: { code: 'unauthorized', message: 'bad token', status: 401 } }, 401)
    return next()
  })
  app.get('/v1/reports/summary', (c) =>
    c.json({ helpSessions: 10, deflected: { explicit: 2, implicit: 5 }, deflectionRate: 0.7, escalationRate: 0.2, contacts: 2, selfServiceScore: 5, searches: 20, zeroResultRate: 0.1, noClickRate: 0.25, costSaved: 70, previous: { helpSessions: 8 } }),
  )
  app.get('/v1/reports/content-gaps', (c) =>
    c.req.query('format') === 'csv' ? c.body('query,searches\nrefund,3\n', 200, { 'content-type': 'text/csv' }) : c.json({ gaps: [{ query: 'refund', searches: 3, sessions: 2, zeroResults: 1, noClicks: 2, contacts: 1, lastSeen: '2026-11-05T00:00:00Z' }] }),
  )
  app.get('/v1/reports/timeseries', (c) => c.json({ site: 'demo', days: [{ date: '2026-11-01', helpSessions: 1, deflectionRate: 1, escalationRate: 0, searches: 2 }] }))
  return app
}

const client = (token: string) => {
  const app = server()
  return new ReportsClient({ token, fetch: (input, init) => Promise.resolve(app.request(String(input), init)) })
}

describe('ReportsClient', () => {
  it('reads the summary and fills what the previous period lacks with zeros', async () => {
    const s = await client('good').summary(query)
    expect(s.deflected).toEqual({ explicit: 2, implicit: 5 })
    expect(s.previous.helpSessions).toBe(8)
    expect(s.previous.contacts).toBe(0)
    expect(s.previous.selfServiceScore).toBeNull()
  })

  it('reads the list reports from the keys the server wraps them in', async () => {
    expect((await client('good').contentGaps(query))[0]).toMatchObject({ query: 'refund', zeroResults: 1, noClicks: 2 })
    expect((await client('good').timeseries(query))[0]).toMatchObject({ date: '2026-11-01', searches: 2, clicks: undefined })
  })

  it("derives a day's escalation rate from an older server's daily rollup, and leaves its clicks unknown", async () => {
    const app = new Hono().get('/v1/reports/timeseries', (c) =>
      c.json({ site: 'demo', days: [{ day: '2026-11-02', helpSessions: 8, contacts: 2, deflectionRate: 0.5, searches: 20, zeroResultRate: 0.1, noClickRate: 0.25, views: 9 }] }),
    )
    const api = new ReportsClient({ token: 't', fetch: (input, init) => Promise.resolve(app.request(String(input), init)) })
    expect(await api.timeseries(query)).toEqual([
      { date: '2026-11-02', helpSessions: 8, deflectionRate: 0.5, escalationRate: 0.25, searches: 20, clicks: undefined, views: 9, helpful: undefined, contacts: 2 },
    ])
  })

  it("takes today's server's daily escalation rate, clicks and helpful votes as they are", async () => {
    const app = new Hono().get('/v1/reports/timeseries', (c) =>
      c.json({ site: 'demo', days: [{ day: '2026-11-02', helpSessions: 8, contacts: 3, escalationRate: 0.125, deflectionRate: 0.5, searches: 20, clicks: 11, views: 9, helpful: 4 }] }),
    )
    const api = new ReportsClient({ token: 't', fetch: (input, init) => Promise.resolve(app.request(String(input), init)) })
    expect(await api.timeseries(query)).toEqual([
      { date: '2026-11-02', helpSessions: 8, deflectionRate: 0.5, escalationRate: 0.125, searches: 20, clicks: 11, views: 9, helpful: 4, contacts: 3 },
    ])
  })

  it('fetches CSV with the token', async () => {
    const blob = await client('good').csv('content-gaps', query)
    expect(await blob.text()).toBe('query,searches\nrefund,3\n')
  })

  it('turns a refused token into a 401 error carrying the server message', async () => {
    const error = await client('wrong').summary(query).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ReportsApiError)
    expect(error).toMatchObject({ status: 401, message: 'The summary report failed: 401 — bad token' })
  })

  it('names the report whose shape it does not know', async () => {
    await expect(client('good').articles(query)).rejects.toThrow('The articles report failed: 404')
  })

  it('builds report URLs with the site and period', () => {
    expect(new ReportsClient({ token: 't', baseUrl: 'https://x.test/' }).url('articles', query, 'csv')).toBe('https://x.test/v1/reports/articles?site=demo&from=2026-11-01&to=2026-11-07&format=csv')
  })
})

describe('toFunnel', () => {
  const totals = { helpSessions: 10, deflected: { explicit: 2, implicit: 5 }, deflectionRate: 0.7, escalationRate: 0.2, contacts: 2, selfServiceScore: 5, searches: 20, zeroResultRate: 0.1, noClickRate: 0.25, costSaved: 70 }

  it('sums daily clicks, views and votes when the series has them', () => {
    const days = [
      { date: '2026-11-01', helpSessions: 5, deflectionRate: 0, escalationRate: 0, searches: 10, clicks: 6, views: 7, helpful: 1 },
      { date: '2026-11-02', helpSessions: 5, deflectionRate: 0, escalationRate: 0, searches: 10, clicks: 4, views: 5, helpful: 2 },
    ]
    expect(toFunnel(totals, days)).toEqual({ searches: 20, clicked: 10, viewed: 12, helpful: 3, contacted: 2, estimated: [] })
  })

  it('estimates from the summary rates otherwise, and says which steps it estimated', () => {
    expect(toFunnel(totals, [])).toEqual({ searches: 20, clicked: 13, viewed: 7, helpful: 2, contacted: 2, estimated: ['clicked', 'viewed', 'helpful'] })
  })
})

describe('comparable', () => {
  const totals = { helpSessions: 10, deflected: { explicit: 2, implicit: 5 }, deflectionRate: 0.7, escalationRate: 0.2, contacts: 2, selfServiceScore: 5, searches: 20, zeroResultRate: 0.1, noClickRate: 0.25, costSaved: 70 }
  const period = (helpSessions: number, activeDays?: number) => ({ ...totals, helpSessions, ...(activeDays === undefined ? {} : { activeDays }) })
  it('compares with a previous period tracked on most of as many days', () => {
    expect(comparable({ ...period(100, 30), previous: period(90, 28) })).toBe(true)
    expect(comparable({ ...period(100), previous: period(90) })).toBe(true)
  })
  it('refuses a previous period with no help activity or tracked on a few days only', () => {
    expect(comparable({ ...period(100, 30), previous: period(0, 0) })).toBe(false)
    // Six seeded weeks seen 30 days at a time: the previous 30 days hold 12 days of traffic.
    expect(comparable({ ...period(100, 30), previous: period(35, 12) })).toBe(false)
  })
})
