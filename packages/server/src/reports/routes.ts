import { type Context, Hono } from 'hono'
import type { ServerConfig, SiteConfig } from '../config/config.ts'
import { type AuthFailureLimit, createAuthFailureLimit } from '../http/auth-failures.ts'
import { ApiError, errorResponse } from '../http/errors.ts'
import { createFailureLog, type FailureLog } from '../http/failure-log.ts'
import { siteAuth } from '../http/site-auth.ts'
import { DEFAULT_LEARNED_DAYS, learnedExport, parseMinSessions } from '../learn/export.ts'
import type { Store } from '../storage/store.ts'
import { toCsv } from './csv.ts'
import { type Breakdown, BREAKDOWNS, breakdown, feedbackReasons } from './ops.ts'
import { articles, contentGaps, type DayRange, type Slice, summary, timeseries } from './queries.ts'
import { parseRange, RangeError_ } from './range.ts'
import { parseSlice } from './slice-params.ts'
import { createTitleLookup } from './titles.ts'

type Env = { Variables: { site: SiteConfig; range: DayRange; slice: Slice } }

/**
 * `GET /v1/reports/{summary,timeseries,content-gaps,articles,feedback-reasons,breakdown,learned}?site=&from=&to=` behind
 * `Authorization: Bearer <token>`, the token scoped to the site. `?format=csv` on each; `&route=`
 * and/or `&locale=` narrow every report but learned to the sessions that began asking for help
 * there.
 *
 * @example
 * app.route('/v1/reports', createReportsRoute({ store, config }))
 */
export function createReportsRoute(options: {
  store: Store
  config: ServerConfig
  now?: () => number
  failures?: FailureLog
  /** Failed authentications per client, shared with the other token-protected routes. */
  authFailures?: AuthFailureLimit
}): Hono<Env> {
  const { store, config } = options
  const failures = options.failures ?? createFailureLog()
  const authFailures = options.authFailures ?? createAuthFailureLimit(config)
  const now = options.now ?? Date.now
  const app = new Hono<Env>()

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    failures.report('report', error)
    return errorResponse(c, new ApiError(500, 'report-failed', 'the report could not be computed'))
  })

  app.use('*', siteAuth(config, authFailures))
  app.use('*', async (c, next) => {
    try {
      c.set('range', parseRange({ from: c.req.query('from'), to: c.req.query('to'), since: c.req.query('since') }, now()))
    } catch (error) {
      if (error instanceof RangeError_) throw new ApiError(400, 'bad-request', error.message)
      throw error
    }
    c.set('slice', await parseSlice(store.db, c.get('site').key, { locale: c.req.query('locale'), route: c.req.query('route') }))
    await next()
  })

  const limitOf = (value: string | undefined): number => {
    if (value === undefined) return 50
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new ApiError(400, 'bad-request', `limit: expected a whole number from 1 to 1000, got ${JSON.stringify(value)}`)
    return n
  }

  /** `{ slice: { route, locale } }` for a filtered report's JSON, nothing otherwise. */
  const sliceOf = (c: Context<Env>) => (Object.keys(c.get('slice')).length > 0 ? { slice: c.get('slice') } : {})

  const send = (c: Context<Env>, name: string, data: object, rows: readonly object[]) => {
    const format = c.req.query('format') ?? 'json'
    if (format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="signpost-${name}-${c.get('site').key}.csv"`)
      return c.body(toCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
    }
    if (format !== 'json') throw new ApiError(400, 'bad-request', `format: expected "json" or "csv", got ${JSON.stringify(format.slice(0, 20))}`)
    return c.json(data)
  }

  app.get('/summary', async (c) => {
    const s = await summary(store.db, c.get('site').key, c.get('range'), c.get('site').costPerContact, c.get('slice'))
    return send(c, 'summary', s, [s])
  })
  app.get('/timeseries', async (c) => {
    const days = await timeseries(store.db, c.get('site').key, c.get('range'), c.get('slice'))
    return send(c, 'timeseries', { site: c.get('site').key, ...sliceOf(c), days }, days)
  })
  app.get('/content-gaps', async (c) => {
    const gaps = await contentGaps(store.db, c.get('site').key, c.get('range'), limitOf(c.req.query('limit')), config.kAnonymity, c.get('slice'))
    return send(c, 'content-gaps', { site: c.get('site').key, ...sliceOf(c), gaps }, gaps)
  })
  const titles = new Map(config.sites.flatMap((s) => (s.kb ? [[s.key, createTitleLookup(s.kb)] as const] : [])))
  app.get('/articles', async (c) => {
    const known = await titles.get(c.get('site').key)?.()
    // The title right after the id, so the CSV's second column names the article.
    const list = (await articles(store.db, c.get('site').key, c.get('range'), limitOf(c.req.query('limit')), config.kAnonymity, c.get('slice'))).map(({ article, ...rest }) =>
      known ? { article, title: known.get(article) ?? null, ...rest } : { article, ...rest },
    )
    return send(c, 'articles', { site: c.get('site').key, ...sliceOf(c), articles: list }, list)
  })
  /** learned is not split: a filter there would silently read as the whole site. */
  const unsplit = (c: Context<Env>, report: string) => {
    const [parameter] = Object.keys(c.get('slice'))
    if (parameter) throw new ApiError(400, 'bad-request', `${parameter}: the ${report} report is not split by ${parameter}`, { details: [{ parameter }] })
  }
  app.get('/feedback-reasons', async (c) => {
    const known = await titles.get(c.get('site').key)?.()
    const reasons = (await feedbackReasons(store.db, c.get('site').key, c.get('range'), limitOf(c.req.query('limit')), c.get('slice'))).map(({ article, ...rest }) =>
      known ? { article, title: known.get(article) ?? null, ...rest } : { article, ...rest },
    )
    return send(c, 'feedback-reasons', { site: c.get('site').key, ...sliceOf(c), reasons }, reasons)
  })
  app.get('/breakdown', async (c) => {
    const by = c.req.query('by') ?? 'route'
    if (!(BREAKDOWNS as readonly string[]).includes(by)) throw new ApiError(400, 'bad-request', `by: expected "locale" or "route", got ${JSON.stringify(by.slice(0, 20))}`)
    const rows = await breakdown(store.db, c.get('site').key, c.get('range'), by as Breakdown, limitOf(c.req.query('limit')), c.get('slice'))
    return send(c, `breakdown-by-${by}`, { site: c.get('site').key, by, rows }, rows.map(({ value, ...rest }) => ({ [by]: value, ...rest })))
  })
  app.get('/learned', async (c) => {
    unsplit(c, 'learned')
    const minSessions = parseMinSessions(c.req.query('min-sessions'))
    if (minSessions === null)
      throw new ApiError(400, 'bad-request', `min-sessions: expected a whole number ≥ 1, got ${JSON.stringify(c.req.query('min-sessions')?.slice(0, 20))}`)
    // Learned keywords want a season of traffic: 90 days unless the caller names a range.
    const q = { from: c.req.query('from'), to: c.req.query('to'), since: c.req.query('since') }
    const range = q.from || q.since ? c.get('range') : parseRange({ ...q, since: `${DEFAULT_LEARNED_DAYS}d` }, now())
    return c.json(await learnedExport(store.db, c.get('site').key, range, minSessions, config.kAnonymity))
  })
  return app
}
