import { createHmac } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp, type SignpostApp } from '../app.ts'
import { defaultConfig, parseConfig } from '../config/config.ts'
import { seed } from '../seed/seed.ts'
import { sid } from '../session-ids.testkit.ts'
import { ENGINES, freshSqlite, type TestStore } from '../storage/engines.testkit.ts'
import { DAY_MS } from '../storage/rollup.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const TOKEN = 'report-token-for-demo-0001'
const SECRETS = {
  zendesk: 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==',
  freshdesk: 'freshdesk-shared-token-0001',
  helpscout: 'helpscout-secret-key',
  intercom: 'intercom-client-secret-0001',
}
const config = parseConfig({
  sites: [
    { key: 'demo', origins: ['*'], reportTokens: [TOKEN], webhooks: SECRETS },
    { key: 'other', origins: ['*'], reportTokens: ['report-token-for-other-01'] },
  ],
  rateLimits: { ipRequestsPerSecond: 100_000, siteEventsPerSecond: 1_000_000 },
})
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** The trigger body the README tells Zendesk admins to paste (placeholders filled in). */
const zendeskBody = (id: number, session: string, created = NOW - 60_000) =>
  JSON.stringify({ ticket: { id: String(id), created_at: iso(created), signpost_session: session } })
/** Help Scout's convo.created payload (abridged from its webhook docs), with a "Signpost session" custom field. */
const helpscoutBody = (id: number, session: string) =>
  JSON.stringify({
    id,
    number: 349,
    type: 'email',
    folderId: 1234,
    isDraft: false,
    status: 'active',
    subject: 'I need help!',
    mailbox: { id: 1234, name: 'My Mailbox' },
    customer: { id: 29418, firstName: 'Vernon', lastName: 'Bear', email: 'vbear@mywork.com' },
    createdAt: iso(NOW - 60_000),
    tags: [],
    customFields: [{ fieldId: 10, name: 'Signpost session', value: session, type: 'SINGLE_LINE' }],
  })
/** Intercom's notification_event (from its webhook model docs) for conversation.user.created. */
const intercomBody = (id: number, session: string | undefined) =>
  JSON.stringify({
    type: 'notification_event',
    app_id: 'a86dr8yl',
    data: {
      type: 'notification_event_data',
      item: { type: 'conversation', id: String(id), created_at: Math.floor((NOW - 60_000) / 1000), custom_attributes: session ? { signpost_session: session } : {} },
    },
    id: 'notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3',
    topic: 'conversation.user.created',
    delivery_attempts: 1,
    created_at: Math.floor(NOW / 1000),
  })
/** Freshdesk's automation webhook in simple mode: the chosen fields wrapped in "freshdesk_webhook". */
const freshdeskBody = (id: number, session: string) =>
  JSON.stringify({ freshdesk_webhook: { ticket_id: id, ticket_subject: 'Refund', ticket_cf_signpost_session: session } })

/** The headers each vendor would send with `body`, signed with `secret`. */
function signed(vendor: keyof typeof SECRETS, body: string, secret: string = SECRETS[vendor]): Record<string, string> {
  switch (vendor) {
    case 'zendesk': {
      const ts = '2026-11-20T11:59:00Z'
      return { 'x-zendesk-webhook-signature': createHmac('sha256', secret).update(ts + body).digest('base64'), 'x-zendesk-webhook-signature-timestamp': ts }
    }
    case 'helpscout':
      return { 'x-helpscout-signature': createHmac('sha1', secret).update(body).digest('base64') }
    case 'intercom':
      return { 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` }
    case 'freshdesk':
      return { authorization: `Basic ${Buffer.from(`${secret}:X`).toString('base64')}` }
  }
}

const SAMPLES = {
  zendesk: (id: number, session: string) => zendeskBody(id, session),
  freshdesk: freshdeskBody,
  helpscout: helpscoutBody,
  intercom: (id: number, session: string) => intercomBody(id, session),
}

let seq = 0
/** The help session the widget showed as `help.sessionId` (a fixed UUID). */
const HELP = sid('help-sess-1')
/** An event of the session `session` (a session id, e.g. `HELP` or `sid('name')`). */
const ev = (session: string, minute: number, e: Record<string, unknown>) => ({
  id: `evt-${String(++seq).padStart(8, '0')}`,
  ts: NOW - 20 * 60_000 + minute * 60_000,
  session,
  site: 'demo',
  locale: 'en',
  path: '/billing',
  ...e,
})

function harness(open: () => Promise<TestStore>) {
  const h = { t: undefined as unknown as TestStore, app: undefined as unknown as SignpostApp }
  beforeEach(async () => {
    h.t = await open()
    h.app = createApp({ store: h.t.store, config, now: () => NOW })
  })
  afterEach(async () => {
    await h.app.writer.drain()
    await h.t.cleanup()
  })
  return {
    h,
    hook: (vendor: string, body: string, headers: Record<string, string>, site = 'demo') =>
      h.app.request(`/v1/webhooks/${vendor}?site=${site}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
    events: async (events: object[]) => {
      const res = await h.app.request('/v1/events', { method: 'POST', body: JSON.stringify({ sentAt: NOW, events }) })
      expect(res.status).toBe(200)
    },
    summary: async () => (await h.app.request('/v1/reports/summary?site=demo&since=1d', { headers: { authorization: `Bearer ${TOKEN}` } })).json(),
  }
}

describe('POST /v1/webhooks/:vendor', () => {
  const { h, hook, events, summary } = harness(freshSqlite)

  for (const vendor of ['zendesk', 'freshdesk', 'helpscout', 'intercom'] as const) {
    it(`turns a signed ${vendor} ticket carrying the help session into that session's contact, once`, async () => {
      await events([ev(HELP, 0, { type: 'search', query: 'refund', results: 2 }), ev(HELP, 1, { type: 'view', article: 'billing/refunds', source: 'search' })])
      const body = SAMPLES[vendor](4242, HELP)
      const res = await hook(vendor, body, signed(vendor, body))
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ stored: 1, duplicates: 0, ticket: '4242', session: HELP })
      const again = await hook(vendor, body, signed(vendor, body))
      expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 })
      const s = await summary()
      expect(s).toMatchObject({ helpSessions: 1, contacts: 1, escalationRate: 1, deflected: { explicit: 0, implicit: 0 } })
    })

    it(`answers 401 to a ${vendor} delivery signed with another secret, and stores nothing`, async () => {
      const body = SAMPLES[vendor](1, HELP)
      const res = await hook(vendor, body, signed(vendor, body, 'not-the-secret-at-all'))
      expect(res.status).toBe(401)
      expect((await res.json()).error).toMatchObject({ code: 'bad-signature', status: 401 })
      expect(await h.t.store.countEvents('demo')).toBe(0)
    })
  }

  it('answers 401 when the body was changed after signing, or the site has no secret for the vendor', async () => {
    const body = zendeskBody(7, HELP)
    const tampered = await hook('zendesk', body.replace('"7"', '"8"'), signed('zendesk', body))
    expect(tampered.status).toBe(401)
    const other = await hook('zendesk', body, signed('zendesk', body), 'other')
    expect(other.status).toBe(401)
    expect((await other.json()).error.message).toContain('X-Zendesk-Webhook-Signature')
    const unsigned = await hook('intercom', body, {})
    expect(unsigned.status).toBe(401)
    expect(await h.t.store.countEvents('demo')).toBe(0)
    expect(await h.t.store.countEvents('other')).toBe(0)
  })

  it('counts a ticket without a session as a contact that did not come through help', async () => {
    await events([ev(HELP, 0, { type: 'view', article: 'billing/refunds', source: 'link' })])
    const body = intercomBody(99, undefined)
    expect((await hook('intercom', body, signed('intercom', body))).status).toBe(200)
    const zd = JSON.stringify({ ticket: { id: '100', created_at: iso(NOW), signpost_session: '' } })
    expect(await (await hook('zendesk', zd, signed('zendesk', zd))).json()).toMatchObject({ stored: 1, session: null })
    expect(await summary()).toMatchObject({ helpSessions: 1, contacts: 2, escalationRate: 0, deflected: { implicit: 1 } })
  })

  it('counts a ticket whose session field is not a session id as a contact outside help, storing none of that text', async () => {
    await events([ev(HELP, 0, { type: 'view', article: 'billing/refunds', source: 'link' })])
    const field = {
      zendesk: 'ticket.signpost_session',
      freshdesk: 'freshdesk_webhook.ticket_cf_signpost_session',
      helpscout: 'customFields[0].value',
      intercom: 'data.item.custom_attributes.signpost_session',
    }
    // An email typed into the field, the old tracker's id format, and a session id cut short.
    const bad = ['jo.doe@example.com', 'help-sess-1', HELP.slice(0, 30)]
    let ticket = 500
    for (const vendor of ['zendesk', 'freshdesk', 'helpscout', 'intercom'] as const) {
      for (const value of bad) {
        const body = SAMPLES[vendor](++ticket, value)
        const res = await hook(vendor, body, signed(vendor, body))
        expect(res.status, `${vendor} ${value}`).toBe(200)
        expect(await res.json()).toEqual({
          stored: 1,
          duplicates: 0,
          ticket: String(ticket),
          session: null,
          warning: `${field[vendor]}: not a help session id (a UUID, as help.sessionId gives it); counted as a contact outside help`,
        })
      }
    }
    // Twelve tickets, none joined to the help session (still deflected) and no typed text stored.
    expect(await summary()).toMatchObject({ helpSessions: 1, contacts: 12, escalationRate: 0, deflected: { implicit: 1 } })
    const stored = await h.t.store.db.all<{ session: string; data: string }>("SELECT session, data FROM events WHERE type = 'contact'")
    expect(stored).toHaveLength(12)
    for (const row of stored) for (const value of bad) expect(row.session + row.data).not.toContain(value)
  })

  it('answers 400 naming the field of a malformed, correctly signed body', async () => {
    const cases: [keyof typeof SECRETS, string, RegExp][] = [
      ['zendesk', '{"ticket": {"created_at": "2026-11-20T12:00:00Z"}}', /^ticket\.id: expected the ticket id/],
      ['zendesk', '{"ticket": {"id": "1", "signpost_session": 42}}', /^ticket\.signpost_session: expected the help session id as a string/],
      ['zendesk', '{"ticket": {"id": "1", "created_at": "soon: 12:00"}}', /^ticket\.created_at: expected a date and time/],
      ['intercom', '{"topic": "conversation.user.created", "data": {}}', /^data\.item: expected an object/],
      ['helpscout', '{"id": 5, "customFields": {}}', /^customFields: expected an array/],
      ['freshdesk', '{"freshdesk_webhook": {"ticket_id": true}}', /^freshdesk_webhook\.ticket_id: expected the ticket id/],
      ['zendesk', '{"ticket": ', /^body: not valid JSON/],
    ]
    for (const [vendor, body, message] of cases) {
      const res = await hook(vendor, body, signed(vendor, body))
      expect(res.status, body).toBe(400)
      expect((await res.json()).error.message).toMatch(message)
    }
    expect(await h.t.store.countEvents('demo')).toBe(0)
  })

  it("answers Intercom's ping without storing anything, and 404 to an unknown vendor", async () => {
    const ping = JSON.stringify({ type: 'notification_event', topic: 'ping', data: { item: { type: 'ping', message: 'hi' } } })
    expect(await (await hook('intercom', ping, signed('intercom', ping))).json()).toEqual({ stored: 0, duplicates: 0, ignored: true })
    const res = await hook('jira', '{}', {})
    expect(res.status).toBe(404)
    expect((await res.json()).error.message).toMatch(/^no webhook for "jira"/)
    expect(await h.t.store.countEvents('demo')).toBe(0)
  })

  it('takes the demo site’s secret from SIGNPOST_WEBHOOK_SECRET', () => {
    const demo = defaultConfig({ env: { SIGNPOST_REPORT_TOKEN: TOKEN, SIGNPOST_WEBHOOK_SECRET: 'env-webhook-secret' } }).sites[0]!
    expect(demo.webhooks).toEqual({ zendesk: 'env-webhook-secret', freshdesk: 'env-webhook-secret', helpscout: 'env-webhook-secret', intercom: 'env-webhook-secret' })
    expect(defaultConfig({ env: { SIGNPOST_REPORT_TOKEN: TOKEN } }).sites[0]!.webhooks).toBeUndefined()
    expect(() => parseConfig({ sites: [{ key: 'a', webhooks: { jira: 'secret-secret' } }] })).toThrow('sites[0].webhooks.jira: unknown ticket system')
    expect(() => parseConfig({ sites: [{ key: 'a', webhooks: { zendesk: 'short' } }] })).toThrow('sites[0].webhooks.zendesk: expected the secret')
  })
})

for (const engine of ENGINES) {
  describe(`ticket webhooks replayed and out of order (${engine.name})`, async () => {
    const available = await engine.available()
    const { hook, events, summary } = harness(available ? engine.open : freshSqlite)
    const test = available ? it : it.skip

    /**
     * Twelve help sessions; tickets from four vendors for six of them (two arriving before the
     * widget's own events, as a beacon sent on pagehide would), and three tickets from customers
     * who never opened help.
     */
    test('leaves every count exact whatever the order and however often deliveries repeat', async () => {
      const widget = Array.from({ length: 12 }, (_, i) => [
        ev(sid(`help-sess-${i}`), i, { type: 'search', query: `question ${i % 3}`, results: 2 }),
        ev(sid(`help-sess-${i}`), i + 1, { type: 'view', article: `a/${i % 4}`, source: 'search' }),
      ])
      const vendors = ['zendesk', 'freshdesk', 'helpscout', 'intercom'] as const
      const deliveries = Array.from({ length: 6 }, (_, i) => {
        const vendor = vendors[i % 4]!
        const body = SAMPLES[vendor](1000 + i, sid(`help-sess-${i * 2}`))
        return { vendor, body, headers: signed(vendor, body) }
      })
      for (let i = 0; i < 3; i++) {
        const body = JSON.stringify({ ticket: { id: String(2000 + i), created_at: iso(NOW - i * 60_000), signpost_session: '{{ticket.ticket_field_360}}' } })
        deliveries.push({ vendor: 'zendesk', body, headers: signed('zendesk', body) })
      }
      // Two tickets first, then the widget's events in reverse, then every delivery three times, last first.
      for (const d of deliveries.slice(0, 2)) expect((await hook(d.vendor, d.body, d.headers)).status).toBe(200)
      for (const batch of [...widget].reverse()) await events([...batch].reverse())
      for (let round = 0; round < 3; round++) for (const d of [...deliveries].reverse()) expect((await hook(d.vendor, d.body, d.headers)).status).toBe(200)
      const s = await summary()
      expect(s).toMatchObject({ helpSessions: 12, contacts: 9, escalationRate: 0.5, deflected: { implicit: 6, explicit: 0 }, deflectionRate: 0.5 })
    })
  })
}

for (const engine of ENGINES) {
  describe(`six seeded weeks and their tickets (${engine.name})`, async () => {
    const available = await engine.available()
    const test = available ? it : it.skip

    /** Seeds six weeks, delivers tickets for 30 help sessions without a contact and 10 outside help, and reads every report. */
    async function run(order: (d: Delivery[]) => Delivery[]) {
      const t = await engine.open()
      const app = createApp({ store: t.store, config, now: () => NOW })
      try {
        await seed(t.store, { site: 'demo', days: 42, sessionsPerDay: 40, now: NOW })
        const read = async () => {
          const reports: Record<string, unknown> = {}
          for (const r of ['summary', 'timeseries', 'content-gaps', 'articles', 'breakdown?by=route', 'learned?min-sessions=1&since=42d']) {
            const res = await app.request(`/v1/reports/${r}${r.includes('?') ? '&' : '?'}site=demo${r.includes('since') ? '' : '&since=42d'}`, { headers: { authorization: `Bearer ${TOKEN}` } })
            reports[r] = await res.json()
          }
          return reports
        }
        const before = await read()
        const sessions = await t.store.db.all<{ sid: string; last_ts: number }>(
          'SELECT sid, last_ts FROM sessions WHERE site = ? AND contacted = 0 AND (searched = 1 OR viewed = 1) ORDER BY sid LIMIT 30',
          ['demo'],
        )
        expect(sessions).toHaveLength(30)
        const vendors = ['zendesk', 'freshdesk', 'helpscout', 'intercom'] as const
        const deliveries: Delivery[] = sessions.map((s, i) => {
          const vendor = vendors[i % 4]!
          const created = Number(s.last_ts) + 60_000
          const body =
            vendor === 'zendesk'
              ? zendeskBody(5000 + i, s.sid, created)
              : vendor === 'intercom'
                ? JSON.stringify({ type: 'notification_event', topic: 'conversation.user.created', data: { item: { type: 'conversation', id: String(5000 + i), created_at: created / 1000, custom_attributes: { signpost_session: s.sid } } } })
                : vendor === 'helpscout'
                  ? JSON.stringify({ id: 5000 + i, createdAt: iso(created), customFields: [{ fieldId: 1, name: 'Signpost session', value: s.sid }] })
                  : JSON.stringify({ ticket_id: 5000 + i, created_at: iso(created), signpost_session: s.sid })
          return { vendor, body, headers: signed(vendor, body) }
        })
        for (let i = 0; i < 10; i++) {
          const body = zendeskBody(9000 + i, '', NOW - i * DAY_MS)
          deliveries.push({ vendor: 'zendesk', body, headers: signed('zendesk', body) })
        }
        for (const d of order(deliveries)) {
          const res = await app.request(`/v1/webhooks/${d.vendor}?site=demo`, { method: 'POST', headers: { 'content-type': 'application/json', ...d.headers }, body: d.body })
          expect(res.status).toBe(200)
        }
        return { before, after: await read() }
      } finally {
        await app.writer.drain()
        await t.cleanup()
      }
    }

    test('adds exactly one contact per ticket, in order once or reversed three times over', async () => {
      const once = await run((d) => d)
      const s0 = once.before['summary'] as { contacts: number; helpSessions: number; escalationRate: number }
      const s1 = once.after['summary'] as { contacts: number; helpSessions: number; escalationRate: number }
      expect(s1.contacts - s0.contacts).toBe(40)
      expect(s1.helpSessions).toBe(s0.helpSessions)
      expect(Math.round((s1.escalationRate - s0.escalationRate) * s1.helpSessions)).toBe(30)
      const shuffled = await run((d) => [...d].reverse().flatMap((x) => [x, x, x]))
      expect(shuffled.after).toEqual(once.after)
    })
  })
}

interface Delivery {
  vendor: keyof typeof SECRETS
  body: string
  headers: Record<string, string>
}
