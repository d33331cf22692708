import type { SignpostEvent } from '@signpost/core'
import { Hono } from 'hono'
import type { ServerConfig } from '../config/config.ts'
import { type AuthFailureLimit, createAuthFailureLimit } from '../http/auth-failures.ts'
import { ApiError, errorResponse } from '../http/errors.ts'
import { header, readBody } from '../ingest/body.ts'
import type { GroupCommit } from '../ingest/group-commit.ts'
import { isVendor, SCHEMES, VENDORS } from './signatures.ts'
import { PARSERS, TicketError } from './tickets.ts'

/** Help Scout sends whole conversations; a long thread must not be refused (and retried) forever. */
const MIN_BODY_BYTES = 1024 * 1024

export interface WebhooksRouteOptions {
  config: ServerConfig
  writer: GroupCommit
  /** Failed signatures count against the client's allowance of failed authentications (shared with the reports). */
  authFailures?: AuthFailureLimit
  /** Server clock; tests pass a fixed one. */
  now?: () => number
}

/**
 * `POST /v1/webhooks/{zendesk,freshdesk,helpscout,intercom}?site=<key>`: a new ticket in the
 * support desk becomes a `contact` event, of the help session its form carried (`help.sessionId`
 * in a custom field) or, without one, of a session of its own (a contact that did not come through
 * help). Each vendor's signature is checked with the site's `webhooks` secret before the body is
 * read as JSON; the event id is `<vendor>-<ticket id>`, so retried deliveries are stored once.
 * A client whose signatures keep failing is refused with 429 before its body is read: Freshdesk's
 * shared token could otherwise be guessed at the speed of the network.
 *
 * @example
 * app.route('/v1/webhooks', createWebhooksRoute({ config, writer }))
 */
export function createWebhooksRoute(options: WebhooksRouteOptions): Hono {
  const { config, writer } = options
  const now = options.now ?? Date.now
  const sites = new Map(config.sites.map((s) => [s.key, s]))
  const authFailures = options.authFailures ?? createAuthFailureLimit(config)
  const app = new Hono()

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error)
    console.error('signpost server: webhook failed:', error)
    return errorResponse(c, new ApiError(500, 'storage-failed', 'the ticket could not be stored; retry later'))
  })

  app.use('/:vendor', authFailures.guard)
  app.post('/:vendor', async (c) => {
    const vendor = c.req.param('vendor')
    if (!isVendor(vendor)) throw new ApiError(404, 'not-found', `no webhook for "${vendor.slice(0, 40)}": expected one of ${VENDORS.join(', ')}`)
    const key = c.req.query('site')
    if (key === undefined) throw new ApiError(400, 'missing-site', 'site: required, e.g. ?site=demo')
    const body = await readBody(c, Math.max(config.maxBodyBytes, MIN_BODY_BYTES))
    const scheme = SCHEMES[vendor]
    const secret = sites.get(key)?.webhooks?.[vendor]
    // One answer for an unknown site, a site without this vendor's secret and a bad signature.
    if (secret === undefined || !scheme.verify(body, (name) => header(c, name), secret)) {
      authFailures.failed(c)
      throw new ApiError(
        401,
        'bad-signature',
        `${scheme.header}: not a valid ${vendor} signature for site ${JSON.stringify(key.slice(0, 64))} (${scheme.describe}, with sites[].webhooks.${vendor})`,
      )
    }
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch (error) {
      throw new ApiError(400, 'bad-json', `body: not valid JSON (${(error as Error).message})`)
    }
    let ticket: ReturnType<(typeof PARSERS)[typeof vendor]>
    try {
      ticket = PARSERS[vendor](json)
    } catch (error) {
      if (error instanceof TicketError) throw new ApiError(400, 'bad-ticket', error.message)
      throw error
    }
    if (ticket === null) return c.json({ stored: 0, duplicates: 0, ignored: true })
    const t = now()
    const event: SignpostEvent = {
      id: `${vendor}-${ticket.id}`,
      type: 'contact',
      channel: vendor,
      // A desk clock a little ahead of ours must not put the contact before the reading it followed.
      ts: Math.min(ticket.createdAt ?? t, t),
      session: ticket.session ?? `ticket-${vendor}-${ticket.id}`,
      site: key,
      locale: 'und',
      path: '/',
    }
    const result = await writer.write([event])
    return c.json({
      stored: result.stored.length,
      duplicates: result.duplicates.length,
      ticket: ticket.id,
      session: ticket.session ?? null,
      ...(ticket.ignoredSession ? { warning: ticket.ignoredSession } : {}),
    })
  })
  return app
}
