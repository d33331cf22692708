// The baseline: a bare Hono endpoint on @hono/node-server that parses the same JSON body and
// answers 200, with no validation and no storage. Prints its URL.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono()
app.post('/v1/events', async (c) => {
  const body = JSON.parse(await c.req.text())
  return c.json({ accepted: Array.isArray(body) ? body.length : body.events.length, rejected: [] })
})
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  console.log(`bare hono listening on http://127.0.0.1:${info.port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
