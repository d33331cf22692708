import { ApiError } from '../http/errors.ts'
import { routeOf } from '../storage/session-share.ts'
import type { SqlDb } from '../storage/sql.ts'
import type { Slice } from './queries.ts'

/** A BCP 47 tag as the widget sends it: `en`, `pt-BR`, `zh-Hant-TW`. */
const LOCALE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}$/

const badFilter = (parameter: 'locale' | 'route', value: string, message: string): ApiError =>
  new ApiError(400, 'bad-request', `${parameter}: ${message}`, { details: [{ parameter, value: value.slice(0, 200) }] })

/**
 * The `locale=` and `route=` filters of a report. A route may be given as a path
 * (`/invoices/1042/edit` reads as the route `/invoices/:id/edit`). A value no help session of the
 * site ever had is refused, naming the parameter: a typo must not read as "no traffic".
 */
export async function parseSlice(db: SqlDb, site: string, params: { locale?: string | undefined; route?: string | undefined }): Promise<Slice> {
  const slice: Slice = {}
  if (params.locale !== undefined) {
    if (!LOCALE.test(params.locale)) throw badFilter('locale', params.locale, `expected a language tag such as "en" or "pt-BR", got ${JSON.stringify(params.locale.slice(0, 40))}`)
    if (!(await known(db, site, 'locale', params.locale))) throw badFilter('locale', params.locale, `no help session of this site was in locale ${JSON.stringify(params.locale)}`)
    slice.locale = params.locale
  }
  if (params.route !== undefined) {
    if (!params.route.startsWith('/') || params.route.length > 2000)
      throw badFilter('route', params.route, `expected a path starting with "/", got ${JSON.stringify(params.route.slice(0, 40))}`)
    const route = routeOf(params.route)
    if (!(await known(db, site, 'route', route))) throw badFilter('route', params.route, `no help session of this site began on ${JSON.stringify(route)}`)
    slice.route = route
  }
  return slice
}

async function known(db: SqlDb, site: string, column: 'locale' | 'route', value: string): Promise<boolean> {
  // Both columns lead an index of slice_daily (see slices.ts): one probe.
  const rows = await db.all(`SELECT 1 AS hit FROM slice_daily WHERE site = ? AND ${column} = ? LIMIT 1`, [site, value])
  return rows.length > 0
}
