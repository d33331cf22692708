// A stand-in for the server's /v1/reports/* for the dashboard's browser tests, as a
// @web/test-runner (Koa) middleware. The real server is exercised end to end in test/ at the root.
// The bearer token picks the scenario: good-token (a busy month), empty-token (no traffic),
// slow-token (a busy month, answered after 500 ms), fresh-token (a first month, nothing before),
// seeded-token (a previous period tracked on 12 days of 30), older-token (no daily clicks or votes),
// wide-token (long queries and titles), broken-token (the server fails); any other token is refused with 401. route= and
// locale= narrow the summary of the busiest route and refuse a value the breakdowns do not list. The shapes are the
// server's (packages/server/src/reports/queries.ts).

const totals = (scale) => ({
  helpSessions: Math.round(120 * scale),
  deflected: { explicit: Math.round(24 * scale), implicit: Math.round(60 * scale) },
  deflectionRate: scale === 1 ? 0.7 : 0.6,
  escalationRate: scale === 1 ? 0.15 : 0.1,
  contacts: Math.round(18 * scale),
  selfServiceScore: 120 / 18,
  searches: Math.round(300 * scale),
  zeroResultRate: 0.1,
  noClickRate: 0.2,
  costSaved: Math.round(84 * 6 * scale),
  activeDays: scale === 0 ? 0 : 30,
  repeatContacts: Math.round(3 * scale),
  firstContactResolution: scale === 0 ? null : 15 / 18,
  contactForm: { suggested: Math.round(20 * scale), deflected: Math.round(5 * scale), deflectionRate: scale === 0 ? 0 : 0.25 },
})

const full = {
  summary: { site: 'demo', from: '2026-10-24', to: '2026-11-22', costPerContact: 6, sessions: 400, ...totals(1), previous: { ...totals(100 / 120), selfServiceScore: 5 } },
  timeseries: {
    days: Array.from({ length: 7 }, (_, i) => ({
      day: `2026-11-${String(16 + i).padStart(2, '0')}`,
      sessions: 30 + i,
      helpSessions: 15 + i,
      deflected: 9 + i,
      contacts: 2,
      deflectionRate: (9 + i) / (15 + i),
      escalationRate: 1 / (15 + i),
      searches: 40 + i,
      zeroResultRate: 0.1,
      noClickRate: 0.2,
      clicks: 28 + i,
      views: 30 + i,
      helpful: 3,
    })),
  },
  'content-gaps': {
    gaps: [
      { query: 'export to quickbooks', searches: 42, sessions: 30, sessionsAffected: 30, zeroResults: 30, noClicks: 12, contacts: 6, lastSeen: '2026-11-21T10:00:00Z', relatedQueries: ['quickbooks sync', 'accounting export'] },
      { query: 'late fee', searches: 12, sessions: 11, sessionsAffected: 9, zeroResults: 0, noClicks: 12, contacts: 9, lastSeen: '2026-11-22T08:00:00Z' },
      { query: 'dark mode', searches: 25, sessions: 20, sessionsAffected: 20, zeroResults: 25, noClicks: 0, contacts: 0, lastSeen: '2026-11-19T17:00:00Z' },
    ],
  },
  articles: {
    articles: [
      { article: 'billing/refunds', title: 'Refunds', views: 80, helpfulRate: 0.9, contactAfterViewRate: 0.05, ticketAfterViewRate: 0.1, topQueries: [{ query: 'refund', clicks: 30 }] },
      { article: 'account/cant-log-in', title: "I can't log in", views: 50, helpfulRate: 0.4, contactAfterViewRate: 0.3, ticketAfterViewRate: 0.42, topQueries: [{ query: 'login', clicks: 12 }, { query: 'locked out', clicks: 4 }] },
      { article: 'invoices/send', title: 'Send an invoice', views: 20, helpfulRate: null, contactAfterViewRate: 0.1, ticketAfterViewRate: 0.15 },
    ],
  },
  'feedback-reasons': {
    reasons: [
      { article: 'account/cant-log-in', reason: 'no word on two factor codes', votes: 7, helpful: 0, notHelpful: 7, lastSeen: '2026-11-21T10:00:00Z' },
      { article: 'billing/refunds', reason: 'doesn t say how long it takes', votes: 3, helpful: 1, notHelpful: 2, lastSeen: '2026-11-20T10:00:00Z' },
    ],
  },
  'breakdown-route': {
    by: 'route',
    rows: [
      { value: '/invoices/:id/edit', helpSessions: 70, deflected: 35, deflectionRate: 0.5, escalationRate: 0.3, contacts: 21, zeroResultSessionRate: 0.2 },
      { value: '/settings/billing', helpSessions: 50, deflected: 45, deflectionRate: 0.9, escalationRate: 0.04, contacts: 2, zeroResultSessionRate: 0.02 },
    ],
  },
  'breakdown-locale': {
    by: 'locale',
    rows: [
      { value: 'en', helpSessions: 100, deflected: 72, deflectionRate: 0.72, escalationRate: 0.14, contacts: 14, zeroResultSessionRate: 0.1 },
      { value: 'es', helpSessions: 20, deflected: 12, deflectionRate: 0.6, escalationRate: 0.2, contacts: 4, zeroResultSessionRate: 0.15 },
    ],
  },
}

const empty = {
  summary: { ...totals(0), selfServiceScore: null, deflectionRate: 0, escalationRate: 0, zeroResultRate: 0, noClickRate: 0, previous: { ...totals(0), selfServiceScore: null } },
  timeseries: { days: [] },
  'content-gaps': { gaps: [] },
  articles: { articles: [] },
  'feedback-reasons': { reasons: [] },
  'breakdown-route': { by: 'route', rows: [] },
  'breakdown-locale': { by: 'locale', rows: [] },
}

// The site's first tracked period: nothing to compare with.
const fresh = { ...full, summary: { ...full.summary, previous: empty.summary.previous } }
// Six seeded weeks seen 30 days at a time: the previous period holds 12 days of traffic.
const seeded = { ...full, summary: { ...full.summary, previous: { ...full.summary.previous, helpSessions: 42, activeDays: 12 } } }
// A server from before the daily clicks and votes: the funnel estimates them.
const older = {
  summary: { ...full.summary, firstContactResolution: undefined, repeatContacts: undefined, contactForm: undefined },
  timeseries: { days: full.timeseries.days.map(({ clicks, helpful, escalationRate, ...day }) => day) },
  'content-gaps': full['content-gaps'],
  articles: { articles: full.articles.articles.map(({ ticketAfterViewRate, ...a }) => a) },
}
// Long queries and titles, as real traffic has them, for the layout tests.
const wide = {
  ...full,
  'content-gaps': {
    gaps: [
      ...full['content-gaps'].gaps,
      { query: 'how do i export all of my invoices to quickbooks online at the end of the month', searches: 3, sessions: 3, sessionsAffected: 3, zeroResults: 3, noClicks: 0, contacts: 1, lastSeen: '2026-11-20T10:00:00Z' },
    ],
  },
  articles: {
    articles: [
      ...full.articles.articles,
      { article: 'integrations/accounting/quickbooks-online-two-way-sync', title: 'Keep QuickBooks Online and Tidewater in sync both ways', views: 12, helpfulRate: 0.5, contactAfterViewRate: 0.2, topQueries: [{ query: 'quickbooks online sync both ways', clicks: 5 }, { query: 'qbo', clicks: 2 }] },
    ],
  },
}

const csv = {
  summary: 'metric,value\nhelpSessions,120\n',
  timeseries: 'date,helpSessions\n2026-11-16,15\n',
  'content-gaps': 'query,searches,sessions\nexport to quickbooks,42,30\n',
  articles: 'article,views\nbilling/refunds,80\n',
  'feedback-reasons': 'article,reason,votes\naccount/cant-log-in,no word on two factor codes,7\n',
  'breakdown-route': 'route,helpSessions\n/invoices/:id/edit,70\n',
  'breakdown-locale': 'locale,helpSessions\nen,100\n',
}

const json = (ctx, status, body) => {
  ctx.status = status
  ctx.type = 'application/json'
  ctx.body = JSON.stringify(body)
}

/** @type {import('@web/dev-server-core').Middleware} */
export async function fakeReportsApi(ctx, next) {
  const match = /^\/v1\/reports\/(summary|timeseries|content-gaps|articles|feedback-reasons|breakdown)$/.exec(ctx.path)
  if (!match) return next()
  const report = match[1] === 'breakdown' ? `breakdown-${ctx.query.by}` : match[1]
  const token = (ctx.get('authorization') || '').replace(/^Bearer /, '')
  if (token === 'slow-token') await new Promise((resolve) => setTimeout(resolve, 500))
  const data = { 'good-token': full, 'slow-token': full, 'fresh-token': fresh, 'empty-token': empty, 'seeded-token': seeded, 'older-token': older, 'wide-token': wide }[token] ?? null
  if (token === 'broken-token') return json(ctx, 500, { error: { code: 'internal', message: 'database is locked', status: 500 } })
  if (!data || ctx.query.site !== 'demo') return json(ctx, 401, { error: { code: 'unauthorized', message: 'missing or wrong report token', status: 401 } })
  if (!ctx.query.from || !ctx.query.to) return json(ctx, 400, { error: { code: 'bad-request', message: 'from and to are required', status: 400 } })
  // A server from before these reports answers them 404, as any unknown route.
  if (!data[report]) return json(ctx, 404, { error: { code: 'not-found', message: `no route for GET ${ctx.path}`, status: 404 } })
  // route= and locale= as the server takes them: a value no session had is refused, naming it.
  for (const by of ['route', 'locale']) {
    const value = ctx.query[by]
    if (value === undefined) continue
    const known = (full[`breakdown-${by}`].rows ?? []).map((r) => r.value)
    if (!known.includes(value))
      return json(ctx, 400, { error: { code: 'bad-request', message: `${by}: no help session of this site began on ${JSON.stringify(value)}`, status: 400, details: [{ parameter: by, value }] } })
  }
  // The busiest route, alone: 70 of the 120 help sessions.
  if (report === 'summary' && ctx.query.route === '/invoices/:id/edit') return json(ctx, 200, { ...data.summary, ...totals(70 / 120), slice: { route: ctx.query.route } })
  if (ctx.query.format === 'csv') {
    ctx.status = 200
    ctx.type = 'text/csv'
    ctx.body = csv[report]
    return
  }
  return json(ctx, 200, data[report])
}
