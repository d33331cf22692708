import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { PG_URL, postgresReachable } from '../storage/engines.testkit.ts'

const BIN = fileURLToPath(new URL('../cli/bin.js', import.meta.url))
const TRIALS = 20
const dir = mkdtempSync(join(tmpdir(), 'signpost-crash-'))
const configPath = join(dir, 'signpost.config.json')
writeFileSync(
  configPath,
  JSON.stringify({
    sites: [{ key: 'demo', origins: ['*'], reportTokens: ['crash-test-token-000001'] }],
    rateLimits: { ipRequestsPerSecond: 1_000_000, siteEventsPerSecond: 10_000_000 },
  }),
)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function start(db: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db, '--config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout!.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve({ child, url: m[1]! })
    })
    child.stderr!.on('data', (d) => {
      out += d
    })
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)))
  })
}

let counter = 0
function batch(size: number): { ids: string[]; body: string } {
  const now = Date.now()
  const events = Array.from({ length: size }, (_, i) => {
    const id = `crash-${process.pid}-${++counter}`
    const session = `0193a5e0-0000-7000-8000-${String(counter % 37).padStart(12, '0')}`
    return i % 2
      ? { id, type: 'search', ts: now, session, site: 'demo', locale: 'en', path: '/', query: `q${counter % 11}`, results: counter % 3 }
      : { id, type: 'view', ts: now, session, site: 'demo', locale: 'en', path: '/', article: `a${counter % 7}`, source: 'search' }
  })
  return { ids: events.map((e) => e.id), body: JSON.stringify({ sentAt: now, events }) }
}

/** What survived the crashes: the stored event ids, and search counts in raw rows and in the rollups. */
interface Survivors {
  ids: Set<string>
  searches: { raw: number; rolled: number }
}

/** The two engines, each with a database the server opens and a way to read what it kept. */
const ENGINES = [
  {
    name: 'SQLite',
    db: join(dir, 'crash.db'),
    available: async () => true,
    async read(db: string): Promise<Survivors> {
      const check = new DatabaseSync(db)
      try {
        expect(check.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }])
        const ids = new Set((check.prepare("SELECT id FROM events WHERE site = 'demo'").all() as { id: string }[]).map((r) => r.id))
        const raw = (check.prepare("SELECT COUNT(*) AS n FROM events WHERE type = 'search'").get() as { n: number }).n
        const rolled = (check.prepare('SELECT SUM(searches) AS n FROM daily').get() as { n: number }).n
        return { ids, searches: { raw, rolled } }
      } finally {
        check.close()
      }
    },
  },
  {
    name: 'PostgreSQL',
    // A schema of its own (the `?schema=` a deployment may use too), dropped afterwards.
    schema: `signpost_crash_${process.pid}`,
    get db() {
      return `${PG_URL}?schema=${this.schema}`
    },
    available: postgresReachable,
    async read(): Promise<Survivors> {
      const client = new pg.Client({ connectionString: PG_URL })
      await client.connect()
      try {
        await client.query(`SET search_path = ${this.schema}`)
        const ids = new Set((await client.query("SELECT id FROM events WHERE site = 'demo'")).rows.map((r) => r.id as string))
        const raw = Number((await client.query("SELECT COUNT(*) AS n FROM events WHERE type = 'search'")).rows[0].n)
        const rolled = Number((await client.query('SELECT SUM(searches) AS n FROM daily')).rows[0].n)
        return { ids, searches: { raw, rolled } }
      } finally {
        await client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`)
        await client.end()
      }
    },
  },
]

for (const engine of ENGINES) {
  describe(`the server killed with SIGKILL during ingest (${engine.name})`, () => {
    it(`keeps every acknowledged event and rollups that agree with them, over ${TRIALS} trials`, async (ctx) => {
      if (!(await engine.available())) return ctx.skip()
      const acked = new Set<string>()
      for (let trial = 0; trial < TRIALS; trial++) {
        const { child, url } = await start(engine.db)
        let stop = false
        const exited = new Promise((r) => child.once('exit', r))
        const client = async () => {
          while (!stop) {
            const { ids, body } = batch(1 + Math.floor(Math.random() * 20))
            try {
              const res = await fetch(`${url}/v1/events`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } })
              if (res.status === 200) for (const id of ids) acked.add(id)
              else if (!stop) throw new Error(`unexpected ${res.status}: ${await res.text()}`)
            } catch (error) {
              if (!stop && !String((error as Error).cause ?? error).match(/ECONNRESET|ECONNREFUSED|socket|closed|terminated/i)) throw error
              return
            }
          }
        }
        const clients = Array.from({ length: 6 }, client)
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 400))
        child.kill('SIGKILL')
        stop = true
        await exited
        await Promise.all(clients)
      }
      expect(acked.size).toBeGreaterThan(TRIALS * 10)
      const kept = await engine.read(engine.db)
      expect([...acked].filter((id) => !kept.ids.has(id))).toEqual([])
      // Rollups commit with their events: after every crash they still agree with the raw rows.
      expect(kept.searches.rolled).toBe(kept.searches.raw)
    }, 180_000)
  })
}
