/**
 * `npm start`: the whole loop on one machine, with nothing to configure. Builds content/ into the
 * demo's knowledge base (and rebuilds on every change), starts the analytics server on SQLite
 * (./signpost.db) with the demo site and a report token, serves the ops dashboard and the demo
 * product, and prints where everything is.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { watchContent } from '@signpost/content'
import { runCli as runServer } from '@signpost/server'
import { build as viteBuild, createServer } from 'vite'

const repo = join(import.meta.dirname, '..')
const serverPort = process.env.SIGNPOST_PORT ?? '8787'
const token = process.env.SIGNPOST_REPORT_TOKEN ?? randomBytes(18).toString('base64url')
process.env.SIGNPOST_REPORT_TOKEN = token
// The dashboard names articles by the titles of the knowledge base built below.
process.env.SIGNPOST_KB ??= join(repo, 'demo/public/kb')

// Built from the sources each start (a few seconds), so the page always matches this checkout.
console.log('building the ops dashboard…')
await viteBuild({ configFile: join(repo, 'packages/dashboard/vite.config.ts'), root: join(repo, 'packages/dashboard'), logLevel: 'warn' })

const content = await watchContent({
  root: join(repo, 'content'),
  out: join(repo, 'demo/public/kb'),
  drafts: false,
  onBuild: ({ changed, rendered, result, ms, written }) => {
    const what = changed.length === 0 ? `built ${result.manifest.articles.length} articles` : `${changed.join(', ')} changed: re-rendered ${rendered.length}`
    console.log(`content: ${what} in ${Math.round(ms)} ms${written ? '' : ` — ${result.errors} errors, run \`npx signpost check content\``}`)
  },
})

const stopServer = new AbortController()
const serverUrl = await new Promise<string>((resolve, reject) => {
  runServer(['serve', '--port', serverPort, '--db', join(repo, 'signpost.db')], { signal: stopServer.signal, onListening: resolve, cwd: repo }).then(
    (code) => code !== 0 && reject(new Error(`the analytics server exited with code ${code}`)),
    reject,
  )
})

// Vite hands VITE_* variables to the page: the tracker posts to this server.
process.env.VITE_SIGNPOST_SERVER = serverUrl.replace(/\/$/, '')
const demo = await createServer({ configFile: join(repo, 'demo/vite.config.ts'), logLevel: 'warn' })
await demo.listen()
const demoUrl = demo.resolvedUrls?.local[0] ?? 'http://localhost:5173/'

console.log(`
  Tidewater demo (the product, with help built in)   ${demoUrl}
  Ops dashboard                                      ${serverUrl.replace(/\/$/, '')}/dashboard/
  Report token (sign in with it)                     ${token}
  Analytics API                                      ${serverUrl}
  Sample traffic for the dashboard: npm run seed     (Ctrl-C stops everything)
`)

const stop = async () => {
  content.close()
  stopServer.abort()
  await demo.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
