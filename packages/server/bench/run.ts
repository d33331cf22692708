// Signpost server benchmark: `npm run bench` (add --quick for a short run, --ingest-only to skip
// PostgreSQL and the reports).
// autocannon runs as a separate process against real servers, each in its own process.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { generateReportData } from './report-data.ts'
import { generateReportDataPg } from './report-data-pg.ts'
import { BENCH_ROUTE } from './slice-data.ts'

const quick = process.argv.includes('--quick')
const ingestOnly = process.argv.includes('--ingest-only')
// The reports alone (a change to a report's SQL needs no ingest run): `node bench/run.ts --reports-only`.
const reportsOnly = process.argv.includes('--reports-only')
const DURATION = quick ? 3 : 10
const CONNECTIONS = 50
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const BIN = here('../src/cli/bin.js')
const LOAD = here('./load.ts')
const PG_URL = process.env['SIGNPOST_BENCH_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test'
const TOKEN = 'bench-report-token-000000001'
const dir = mkdtempSync(join(tmpdir(), 'signpost-bench-'))
const configPath = join(dir, 'signpost.config.json')
writeFileSync(
  configPath,
  JSON.stringify({
    sites: [{ key: 'demo', origins: ['*'], reportTokens: [TOKEN] }],
    rateLimits: { ipRequestsPerSecond: 10_000_000, siteEventsPerSecond: 100_000_000 },
  }),
)

const children: ChildProcess[] = []
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let out = ''
    const onData = (d: Buffer) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve({ child, url: m[1]! })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}): ${out}`)))
  })
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}

interface Load {
  eventsPerSecond: number
  requestsPerSecond: number
  p99: number
  non2xx: number
}

/** Ids as the Signpost tracker makes them (time-ordered), or random UUIDs from some other client. */
type Ids = 'tracker' | 'random'

async function load(url: string, eventsPerRequest: number, seconds = DURATION, ids: Ids = 'tracker'): Promise<Load> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [LOAD, '--url', url, '--connections', String(CONNECTIONS), '--seconds', String(seconds), '--events', String(eventsPerRequest), '--ids', ids],
    { maxBuffer: 64 * 1024 * 1024 },
  )
  const r = JSON.parse(stdout)
  const ok = r['2xx'] as number
  return { requestsPerSecond: ok / r.duration, eventsPerSecond: (ok * eventsPerRequest) / r.duration, p99: r.latency.p99, non2xx: r.non2xx + r.errors }
}

function mean(runs: Load[]): Load {
  const avg = (f: (l: Load) => number) => runs.reduce((a, l) => a + f(l), 0) / runs.length
  return { eventsPerSecond: avg((l) => l.eventsPerSecond), requestsPerSecond: avg((l) => l.requestsPerSecond), p99: avg((l) => l.p99), non2xx: avg((l) => l.non2xx) }
}

async function freshPgDatabase(): Promise<string | undefined> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 })
  try {
    await admin.connect()
  } catch (error) {
    console.warn(`PostgreSQL unreachable at ${PG_URL} (${(error as Error).message}); skipping its rows`)
    return undefined
  }
  await admin.query('DROP DATABASE IF EXISTS signpost_bench')
  await admin.query('CREATE DATABASE signpost_bench')
  await admin.end()
  const u = new URL(PG_URL)
  u.pathname = '/signpost_bench'
  return u.toString()
}

const rows: string[][] = []
const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
const goal = (ok: boolean) => (ok ? 'met' : 'MISSED')

async function main(): Promise<void> {
  console.log(`Signpost server benchmark (${quick ? 'quick, ' : ''}${DURATION}s per load, ${CONNECTIONS} connections, autocannon in its own process)\n`)
  if (!reportsOnly) await ingest()
  if (ingestOnly) return printTable()
  await reports()
}

async function ingest(): Promise<void> {
  // Bare and SQLite single-event loads alternate (twice each, half the time each) so that a change
  // in the machine's load from other processes hits both sides of the ratio alike.
  const bare = await start([here('./bare-server.ts')])
  const sqlite = await start([BIN, 'serve', '--port', '0', '--config', configPath, '--db', join(dir, 'ingest.db')])
  const half = Math.max(2, Math.round(DURATION / 2))
  // A short unmeasured load first, so neither side is measured while its code is still compiling.
  await load(bare.url, 1, 1)
  await load(sqlite.url, 1, 1)
  const bareRuns = [await load(bare.url, 1, half)]
  const sqRuns = [await load(sqlite.url, 1, half)]
  bareRuns.push(await load(bare.url, 1, half))
  sqRuns.push(await load(sqlite.url, 1, half))
  const bareSingle = mean(bareRuns)
  const sqSingle = mean(sqRuns)
  const sqRandom = await load(sqlite.url, 1, DURATION, 'random')
  const sqBatch = await load(sqlite.url, 20)
  await stop(bare.child)
  await stop(sqlite.child)

  const ratio = sqSingle.eventsPerSecond / bareSingle.eventsPerSecond
  rows.push(['bare Hono endpoint, single-event POSTs', fmt(bareSingle.eventsPerSecond), `${Math.round(bareSingle.p99)} ms`, 'baseline', ''])
  rows.push([
    'SQLite, single-event POSTs (tracker ids)',
    fmt(sqSingle.eventsPerSecond),
    `${Math.round(sqSingle.p99)} ms`,
    `${ratio.toFixed(2)} × bare`,
    `≥15k/s ${goal(sqSingle.eventsPerSecond >= 15_000)}, p99≤10ms ${goal(sqSingle.p99 <= 10)}, ≥0.6×bare ${goal(ratio >= 0.6)}`,
  ])
  rows.push([
    'SQLite, single-event POSTs (random ids)',
    fmt(sqRandom.eventsPerSecond),
    `${Math.round(sqRandom.p99)} ms`,
    `${(sqRandom.eventsPerSecond / bareSingle.eventsPerSecond).toFixed(2)} × bare`,
    'reported',
  ])
  rows.push(['SQLite, batches of 20 (tracker ids)', fmt(sqBatch.eventsPerSecond), `${sqBatch.p99} ms`, '', `≥100k/s ${goal(sqBatch.eventsPerSecond >= 100_000)}`])

  const pgUrl = ingestOnly ? undefined : await freshPgDatabase()
  if (pgUrl) {
    const pgs = await start([BIN, 'serve', '--port', '0', '--config', configPath, '--db', pgUrl])
    await load(pgs.url, 1, 1)
    const pgSingle = await load(pgs.url, 1)
    const pgBatch = await load(pgs.url, 20)
    await stop(pgs.child)
    rows.push(['PostgreSQL, single-event POSTs', fmt(pgSingle.eventsPerSecond), `${pgSingle.p99} ms`, `${(pgSingle.eventsPerSecond / sqSingle.eventsPerSecond).toFixed(2)} × SQLite`, 'reported'])
    rows.push(['PostgreSQL, batches of 20', fmt(pgBatch.eventsPerSecond), `${pgBatch.p99} ms`, `${(pgBatch.eventsPerSecond / sqBatch.eventsPerSecond).toFixed(2)} × SQLite`, 'reported'])
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query('DROP DATABASE IF EXISTS signpost_bench')
    await admin.end()
  }
  for (const [name, l] of [['bare', bareSingle], ['sqlite single', sqSingle], ['sqlite random ids', sqRandom], ['sqlite batch', sqBatch]] as const)
    if (l.non2xx > 0) console.warn(`warning: ${name}: ${l.non2xx} non-2xx responses or errors`)

}

async function reports(): Promise<void> {
  const reportsDb = join(dir, 'reports.db')
  const volume = generateReportData(reportsDb, { sessions: quick ? 200_000 : 1_000_000, days: 90 })
  await timeReports('SQLite', reportsDb)
  const pgUrl = await freshPgDatabase()
  let pgVolume = ''
  if (pgUrl) {
    pgVolume = await generateReportDataPg(pgUrl, { sessions: quick ? 200_000 : 1_000_000, days: 90 })
    await timeReports('PostgreSQL', pgUrl)
    const admin = new pg.Client({ connectionString: PG_URL })
    await admin.connect()
    await admin.query('DROP DATABASE IF EXISTS signpost_bench')
    await admin.end()
  }
  printTable()
  console.log(`\nreports data: ${volume}${pgVolume ? `\n${pgVolume}` : ''}`)
}

/** p95 of each report over the generated rollups, through a real server on `db`. */
async function timeReports(engine: string, db: string): Promise<void> {
  const reports = await start([BIN, 'serve', '--port', '0', '--config', configPath, '--db', db])
  const requests = quick ? 40 : 100
  const sliced = [`route=${BENCH_ROUTE}`, 'locale=es', `route=${BENCH_ROUTE}&locale=en`]
  const names = [
    ...['summary', 'timeseries', 'content-gaps', 'articles', 'feedback-reasons', 'breakdown?by=route', 'breakdown?by=locale', 'learned?since=90d'],
    // The same reports of one route, one locale, and both: the slice_* rollups.
    ...['summary', 'timeseries', 'content-gaps', 'articles'].flatMap((report) => sliced.map((filter) => `${report}?${filter}`)),
  ]
  for (const name of names) {
    const times: number[] = []
    for (let i = 0; i < requests + 5; i++) {
      const t0 = performance.now()
      const res = await fetch(`${reports.url}/v1/reports/${name}${name.includes('?') ? '&' : '?'}site=demo${name.includes('since') ? '' : '&since=30d'}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`)
      if (i >= 5) times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const p95 = times[Math.ceil(times.length * 0.95) - 1]!
    const label = `${engine}: ${name.startsWith('learned') ? 'learned export, last 90 days' : `report ${name}, last 30 days`}`
    rows.push([label, '', `p95 ${p95.toFixed(1)} ms`, '', name.startsWith('learned') ? 'reported' : `p95≤100ms ${goal(p95 <= 100)}`])
  }
  await stop(reports.child)
}

function printTable(): void {
  const header = ['figure', 'events/s', 'p99 / p95', 'ratio', 'goal']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  console.log(line(header))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const r of rows) console.log(line(r))
}

await main()
