/**
 * The reports API as the dashboard sees it: the response shapes and one client that fetches them
 * with the bearer token. The server's shapes are mapped here and only here, so a change on the
 * server is a change to this file.
 */

/** The figures of one period (`GET /v1/reports/summary`). */
export interface Totals {
  helpSessions: number
  deflected: { explicit: number; implicit: number }
  /** Deflected help sessions / help sessions, 0..1. */
  deflectionRate: number
  /** Help sessions with a contact / help sessions, 0..1. */
  escalationRate: number
  contacts: number
  /** Help sessions per contact; null when there were no contacts. */
  selfServiceScore: number | null
  searches: number
  zeroResultRate: number
  noClickRate: number
  costSaved: number
  /** Days of the period with any session, when the server says. */
  activeDays?: number
  /** Contacts not followed by another from the same session id within 7 days / contacts; null without contacts. Absent from older servers. */
  firstContactResolution?: number | null
  /** Deflection at the point of contact: sessions the built-in contact form suggested articles to, and those that opened one and sent nothing. Absent from older servers. */
  contactForm?: { suggested: number; deflected: number; deflectionRate: number }
}

/** The summary of a period and of the period of equal length just before it. */
export interface Summary extends Totals {
  previous: Totals
  /** ISO currency of `costSaved`, when the server says. */
  currency?: string
  /** The configured cost of one contact that `costSaved` is computed with. */
  costPerContact?: number
}

/** One day of `GET /v1/reports/timeseries`. */
export interface Day {
  /** `YYYY-MM-DD` */
  date: string
  helpSessions: number
  deflectionRate: number
  escalationRate: number
  searches: number
  /** Searches followed by a result click. */
  clicks?: number
  /** Article views. */
  views?: number
  /** "Helpful: yes" votes. */
  helpful?: number
  contacts?: number
}

/** One row of `GET /v1/reports/content-gaps`: a normalized query that failed customers. */
export interface ContentGap {
  query: string
  searches: number
  sessions: number
  /** Sessions where it failed: nothing found, or its last search got no click. */
  sessionsAffected: number
  /** Searches for it that returned nothing. */
  zeroResults: number
  /** Searches for it with results but no click. */
  noClicks: number
  /** Contacts that followed in the same session. */
  contacts: number
  /** ISO timestamp of the latest search. */
  lastSeen: string
  /** Other queries of the same sessions, most frequent first, when the server gives them. */
  relatedQueries?: string[]
}

/** One row of `GET /v1/reports/articles`. */
export interface ArticleStats {
  /** Article id (its path in content/, `billing/refunds`). */
  article: string
  title?: string
  views: number
  /** Helpful votes / all votes, 0..1; null without votes. */
  helpfulRate: number | null
  /** Views followed by a contact in the same session / views, 0..1. */
  contactAfterViewRate: number
  /** Sessions that contacted support within 7 days of reading it, even later / sessions that viewed it. */
  ticketAfterViewRate?: number
  topQueries?: string[]
}

/** One row of `GET /v1/reports/feedback-reasons`. */
export interface FeedbackReason {
  article: string
  /** The article's title, when the server knows it. */
  title?: string
  reason: string
  votes: number
  notHelpful: number
  lastSeen: string
}

/** One row of `GET /v1/reports/breakdown?by=route|locale`. */
export interface BreakdownRow {
  /** The route (`/invoices/:id/edit`) or locale where help was asked for. */
  value: string
  helpSessions: number
  deflectionRate: number
  escalationRate: number
  zeroResultSessionRate: number
}

/** The reports a newer server adds; null when the server does not have them (404). */
export interface OpsReports {
  reasons: FeedbackReason[] | null
  routes: BreakdownRow[] | null
  locales: BreakdownRow[] | null
}

/** The four reports, in the names the routes use. */
export type ReportName = 'summary' | 'timeseries' | 'content-gaps' | 'articles' | 'feedback-reasons' | 'breakdown-route' | 'breakdown-locale'

/** What the reports are asked for. */
export interface ReportQuery {
  site: string
  /** First day, `YYYY-MM-DD`, inclusive. */
  from: string
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string
  /** Only the sessions that first asked for help on this route (`/invoices/:id/edit`). */
  route?: string
  /** Only the sessions that first asked for help in this locale. */
  locale?: string
}

/** An API answer other than 2xx; `status` 401 means the token is missing, wrong or for another site. */
export class ReportsApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ReportsApiError'
    this.status = status
  }
}

/** The searches → clicked → viewed → helpful / contacted funnel. */
export interface Funnel {
  searches: number
  clicked: number
  viewed: number
  helpful: number
  contacted: number
  /** Steps estimated from other figures because the server did not report them. */
  estimated: FunnelStep[]
}

export type FunnelStep = Exclude<keyof Funnel, 'estimated'>

/**
 * Client for `/v1/reports/*`.
 *
 * @example
 * const api = new ReportsClient({ token })
 * const summary = await api.summary({ site: 'demo', from: '2026-11-01', to: '2026-11-30' })
 */
export class ReportsClient {
  readonly #base: string
  readonly #token: string
  readonly #fetch: typeof fetch

  constructor(options: { token: string; baseUrl?: string; fetch?: typeof fetch }) {
    this.#token = options.token
    this.#base = (options.baseUrl ?? '').replace(/\/$/, '')
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  }

  summary(q: ReportQuery): Promise<Summary> {
    return this.#json('summary', q).then(toSummary)
  }

  timeseries(q: ReportQuery): Promise<Day[]> {
    return this.#json('timeseries', q).then((body) => rowsOf(body, 'days').map(toDay))
  }

  contentGaps(q: ReportQuery): Promise<ContentGap[]> {
    return this.#json('content-gaps', q).then((body) => rowsOf(body, 'gaps').map(toGap))
  }

  articles(q: ReportQuery): Promise<ArticleStats[]> {
    return this.#json('articles', q).then((body) => rowsOf(body, 'articles').map(toArticle))
  }

  /** Feedback reasons, the route and locale breakdowns; each null if the server predates it. */
  async ops(q: ReportQuery): Promise<OpsReports> {
    const optional = async <T>(report: ReportName, key: string, map: (r: Record<string, unknown>) => T): Promise<T[] | null> => {
      try {
        return rowsOf(await this.#json(report, q), key).map(map)
      } catch (error) {
        if (error instanceof ReportsApiError && error.status === 404) return null
        throw error
      }
    }
    const [reasons, routes, locales] = await Promise.all([
      optional('feedback-reasons', 'reasons', toReason),
      optional('breakdown-route', 'rows', toBreakdown),
      optional('breakdown-locale', 'rows', toBreakdown),
    ])
    return { reasons, routes, locales }
  }

  /** The report as the server's CSV (`?format=csv`), for download. */
  async csv(report: ReportName, q: ReportQuery): Promise<Blob> {
    const res = await this.#get(report, q, 'csv')
    const blob = await res.blob()
    return blob.type ? blob : new Blob([blob], { type: 'text/csv' })
  }

  /** The URL of a report, e.g. for `GET /v1/reports/content-gaps?site=demo&from=…&to=…`. */
  url(report: ReportName, q: ReportQuery, format?: 'csv'): string {
    const params = new URLSearchParams({ site: q.site, from: q.from, to: q.to })
    const by = /^breakdown-(route|locale)$/.exec(report)?.[1]
    if (by) params.set('by', by)
    // A breakdown lists every value of its own dimension within the other filter (the routes of
    // the Spanish app).
    if (q.route && by !== 'route') params.set('route', q.route)
    if (q.locale && by !== 'locale') params.set('locale', q.locale)
    if (format) params.set('format', format)
    return `${this.#base}/v1/reports/${by ? 'breakdown' : report}?${params}`
  }

  async #json(report: ReportName, q: ReportQuery): Promise<unknown> {
    const res = await this.#get(report, q)
    try {
      return await res.json()
    } catch {
      throw new ReportsApiError(res.status, `The ${report} report is not JSON`)
    }
  }

  async #get(report: ReportName, q: ReportQuery, format?: 'csv'): Promise<Response> {
    let res: Response
    try {
      res = await this.#fetch(this.url(report, q, format), {
        headers: { authorization: `Bearer ${this.#token}`, accept: format === 'csv' ? 'text/csv' : 'application/json' },
      })
    } catch (error) {
      throw new ReportsApiError(0, `Could not reach the reports API (${(error as Error).message})`)
    }
    if (!res.ok) throw new ReportsApiError(res.status, await errorMessage(res, report))
    return res
  }
}

/** The message of the server's error shape `{ error: { message } }`, or the status line. */
async function errorMessage(res: Response, report: ReportName): Promise<string> {
  let detail = ''
  try {
    const body = (await res.json()) as { error?: { message?: string } | string; message?: string }
    detail = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message ?? '')
  } catch {}
  return `The ${report} report failed: ${res.status}${res.statusText ? ` ${res.statusText}` : ''}${detail ? ` — ${detail}` : ''}`
}

/** The rows of a list report: the server sends `{ site, <key>: [...] }`. */
function rowsOf(body: unknown, key: string): Record<string, unknown>[] {
  const rows = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined
  if (Array.isArray(rows)) return rows
  throw new ReportsApiError(200, `Unexpected report shape: expected a list of rows under "${key}"`)
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v ?? 0) || 0)
const numOrNull = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number.isFinite(Number(v)) ? Number(v) : null)
const optNum = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v))
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String((x as { query?: unknown }).query ?? x))) : undefined)

function toTotals(raw: unknown): Totals {
  const r = (raw ?? {}) as Record<string, unknown>
  const deflected = (r.deflected ?? {}) as Record<string, unknown>
  return {
    helpSessions: num(r.helpSessions),
    deflected: { explicit: num(deflected.explicit), implicit: num(deflected.implicit) },
    deflectionRate: num(r.deflectionRate),
    escalationRate: num(r.escalationRate),
    contacts: num(r.contacts),
    selfServiceScore: numOrNull(r.selfServiceScore),
    searches: num(r.searches),
    zeroResultRate: num(r.zeroResultRate),
    noClickRate: num(r.noClickRate),
    costSaved: num(r.costSaved),
    ...(r.activeDays !== undefined ? { activeDays: num(r.activeDays) } : {}),
    ...(r.firstContactResolution !== undefined ? { firstContactResolution: numOrNull(r.firstContactResolution) } : {}),
    ...(isRecord(r.contactForm)
      ? { contactForm: { suggested: num(r.contactForm.suggested), deflected: num(r.contactForm.deflected), deflectionRate: num(r.contactForm.deflectionRate) } }
      : {}),
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null

function toSummary(raw: unknown): Summary {
  const r = (raw ?? {}) as Record<string, unknown>
  const summary: Summary = { ...toTotals(r), previous: toTotals(r.previous) }
  if (typeof r.currency === 'string') summary.currency = r.currency
  if (typeof r.costPerContact === 'number') summary.costPerContact = r.costPerContact
  return summary
}

function toDay(r: Record<string, unknown>): Day {
  const helpSessions = num(r.helpSessions)
  const searches = num(r.searches)
  const contacts = optNum(r.contacts)
  // A server from before the daily escalation rate: contacts / help sessions is the nearest figure.
  // Clicks are left out when not reported, so the funnel estimates them and says so.
  const escalationRate = r.escalationRate !== undefined ? num(r.escalationRate) : helpSessions > 0 ? Math.min(1, (contacts ?? 0) / helpSessions) : 0
  const clicks = optNum(r.clicks)
  return {
    date: String(r.date ?? r.day ?? ''),
    helpSessions,
    deflectionRate: num(r.deflectionRate),
    escalationRate,
    searches,
    clicks,
    views: optNum(r.views),
    helpful: optNum(r.helpful),
    contacts,
  }
}

function toGap(r: Record<string, unknown>): ContentGap {
  return {
    query: String(r.query ?? ''),
    searches: num(r.searches),
    sessions: num(r.sessions),
    sessionsAffected: num(r.sessionsAffected ?? r.sessions),
    zeroResults: num(r.zeroResults ?? r.zeroResult),
    noClicks: num(r.noClicks ?? r.noClick),
    contacts: num(r.contacts ?? r.contactsAfter),
    lastSeen: String(r.lastSeen ?? ''),
    relatedQueries: strings(r.relatedQueries),
  }
}

function toReason(r: Record<string, unknown>): FeedbackReason {
  return {
    article: String(r.article ?? ''),
    ...(typeof r.title === 'string' ? { title: r.title } : {}),
    reason: String(r.reason ?? ''),
    votes: num(r.votes),
    notHelpful: num(r.notHelpful),
    lastSeen: String(r.lastSeen ?? ''),
  }
}

function toBreakdown(r: Record<string, unknown>): BreakdownRow {
  return {
    value: String(r.value ?? ''),
    helpSessions: num(r.helpSessions),
    deflectionRate: num(r.deflectionRate),
    escalationRate: num(r.escalationRate),
    zeroResultSessionRate: num(r.zeroResultSessionRate),
  }
}

function toArticle(r: Record<string, unknown>): ArticleStats {
  return {
    article: String(r.article ?? r.id ?? ''),
    title: typeof r.title === 'string' ? r.title : undefined,
    views: num(r.views),
    helpfulRate: numOrNull(r.helpfulRate),
    contactAfterViewRate: num(r.contactAfterViewRate),
    ...(r.ticketAfterViewRate !== undefined ? { ticketAfterViewRate: num(r.ticketAfterViewRate) } : {}),
    topQueries: strings(r.topQueries),
  }
}

/**
 * The search funnel of a period. Clicks, views and helpful votes come from the daily series when
 * the server reports them; otherwise (an older server) clicks are estimated from the summary's
 * no-click and zero-result rates, and views and helpful votes from the deflected sessions — and
 * listed in `estimated`, so the page says so.
 */
export function toFunnel(summary: Totals, days: readonly Day[]): Funnel {
  const sum = (key: 'clicks' | 'views' | 'helpful' | 'contacts'): number | null =>
    days.length > 0 && days.every((d) => d[key] !== undefined) ? days.reduce((n, d) => n + (d[key] ?? 0), 0) : null
  const searches = summary.searches
  const estimated: FunnelStep[] = []
  const or = (step: FunnelStep, value: number | null, estimate: () => number): number => {
    if (value !== null) return value
    estimated.push(step)
    return estimate()
  }
  return {
    searches,
    clicked: or('clicked', sum('clicks'), () => Math.round(searches * Math.max(0, 1 - summary.noClickRate - summary.zeroResultRate))),
    viewed: or('viewed', sum('views'), () => summary.deflected.explicit + summary.deflected.implicit),
    helpful: or('helpful', sum('helpful'), () => summary.deflected.explicit),
    contacted: summary.contacts,
    estimated,
  }
}

/**
 * Whether the previous period is a fair baseline: it had help activity, and (when the server
 * counts active days) it was tracked on at least three quarters as many days as this one. Seeded
 * or newly installed sites otherwise show "+185 % better" against a few days of traffic.
 */
export function comparable(summary: Summary): boolean {
  const p = summary.previous
  if (!(p.helpSessions > 0 || p.searches > 0 || p.contacts > 0)) return false
  if (p.activeDays === undefined || summary.activeDays === undefined) return true
  return p.activeDays > 0 && p.activeDays >= 0.75 * summary.activeDays
}
