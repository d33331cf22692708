// The load generator, run as its own process by `run.ts`: autocannon against POST /v1/events with
// a fresh body per request. `--ids tracker` gives events and sessions the time-ordered ids the
// Signpost tracker makes; `--ids random` random UUIDs, as a client with its own ids would.
// Prints autocannon's JSON result.
import { parseArgs } from 'node:util'
import { timeOrderedId } from '@signpost/core'
import autocannon from 'autocannon'

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    events: { type: 'string', default: '1' },
    ids: { type: 'string', default: 'tracker' },
  },
})
const perRequest = Number(values.events)
const newId = values.ids === 'random' ? () => crypto.randomUUID() : () => timeOrderedId()

/** One help session's events: searches and article views, alternating. */
function body(): string {
  const ts = Date.now()
  const session = newId()
  const events = Array.from({ length: perRequest }, (_, i) =>
    i % 2 === 0
      ? { id: newId(), type: 'search', ts, session, site: 'demo', locale: 'en', path: '/billing', query: 'refund policy', results: i % 4 }
      : { id: newId(), type: 'view', ts, session, site: 'demo', locale: 'en', path: '/billing', article: 'billing/refunds', source: 'search' },
  )
  return JSON.stringify({ sentAt: ts, events })
}

const result = await autocannon({
  url: `${values.url}/v1/events`,
  connections: Number(values.connections),
  duration: Number(values.seconds),
  requests: [{ method: 'POST', headers: { 'content-type': 'text/plain' }, setupRequest: (req) => ({ ...req, body: body() }) }],
})
process.stdout.write(JSON.stringify(result))
