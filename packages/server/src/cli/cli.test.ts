import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCli } from './cli.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'signpost-cli-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function run(argv: string[], extra: { env?: Record<string, string>; signal?: AbortSignal; onListening?: (url: string) => void } = {}) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => {
    out += d
  })
  stderr.on('data', (d) => {
    err += d
  })
  const code = await runCli(argv, { stdout, stderr, cwd: dir, env: extra.env ?? {}, ...(extra.signal ? { signal: extra.signal } : {}), ...(extra.onListening ? { onListening: extra.onListening } : {}) })
  return { code, out, err }
}

describe('signpost report', () => {
  it('prints the summary and the top content gaps as a table', async () => {
    expect((await run(['seed', '--days', '3', '--sessions-per-day', '40'])).code).toBe(0)
    const { code, out } = await run(['report', '--site', 'demo', '--since', '7d'])
    expect(code).toBe(0)
    expect(out).toMatch(/^Signpost report for site "demo"/)
    expect(out).toMatch(/help sessions\s+\d+/)
    expect(out).toMatch(/deflection rate\s+\d+\.\d%/)
    expect(out).toContain('Top content gaps')
    expect(out).toMatch(/query\s+sessions affected/)
    expect(out).toMatch(/first-contact resolution \(estimate\)\s+\d+\.\d%/)
    expect(out).toContain('Where help was asked for (by route)')
    expect(out).toMatch(/\/invoices\/:id\/edit\s+\d+\s+\d+\.\d%/)
  })

  it('narrows the report to one route and locale, and names a route it never saw', async () => {
    expect((await run(['seed', '--days', '3', '--sessions-per-day', '40'])).code).toBe(0)
    const whole = JSON.parse((await run(['report', '--site', 'demo', '--format', 'json'])).out)
    const slice = await run(['report', '--site', 'demo', '--route', '/invoices/1042/edit', '--format', 'json'])
    expect(slice.err).toBe('')
    expect(slice.code).toBe(0)
    const { summary } = JSON.parse(slice.out)
    expect(summary.slice).toEqual({ route: '/invoices/:id/edit' })
    expect(summary.helpSessions).toBeGreaterThan(0)
    expect(summary.helpSessions).toBeLessThan(whole.summary.helpSessions)
    const table = await run(['report', '--site', 'demo', '--route', '/invoices/:id/edit'])
    expect(table.out).toMatch(/^Signpost report for site "demo" \(route \/invoices\/:id\/edit\)/)
    const unknown = await run(['report', '--site', 'demo', '--route', '/nowhere'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('signpost report: --route: no help session of this site began on "/nowhere"')
  })

  it('refuses an unknown site and a bad --since with exit code 2', async () => {
    const unknown = await run(['report', '--site', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('signpost report: --site: unknown site "nope"')
    const since = await run(['report', '--site', 'demo', '--since', 'a week'])
    expect(since.code).toBe(2)
    expect(since.err).toContain('since: expected a number of days such as "7d"')
  })

  it('names a broken config file', async () => {
    writeFileSync(join(dir, 'signpost.config.json'), '{"sites": [{"key": "demo", "reportTokens": ["short"]}]}')
    const { code, err } = await run(['report', '--site', 'demo'])
    expect(code).toBe(2)
    expect(err).toContain('signpost.config.json: sites[0].reportTokens[0]: too short')
  })
})

describe('signpost serve', () => {
  it('serves the demo site with a generated report token and stops on request', async () => {
    const stop = new AbortController()
    let url = ''
    const done = run(['serve', '--port', '0'], {
      signal: stop.signal,
      onListening: (u) => {
        url = u
      },
    })
    while (!url) await new Promise((r) => setTimeout(r, 20))
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173' },
      body: JSON.stringify([{ id: 'cli-test-0001', type: 'open', ts: Date.now(), session: '0193a5e0-0000-7000-8000-000000000001', site: 'demo', locale: 'en', path: '/' }]),
    })
    expect(res.status).toBe(200)
    stop.abort()
    const { code, out } = await done
    expect(code).toBe(0)
    expect(out).toMatch(/report token for site "demo" this run: \S{20,}/)
    expect(out).toContain('listening on http://127.0.0.1:')
  })

  it('prints usage and exits 2 on an unknown option', async () => {
    const { code, err } = await run(['serve', '--prot', '80'])
    expect(code).toBe(2)
    expect(err).toContain('unknown option --prot')
    expect(err).toContain('Usage:')
  })
})

describe('signpost learn', () => {
  it('writes the learned-keywords file of the seeded traffic, never below the k-anonymity floor', async () => {
    expect((await run(['seed', '--days', '3', '--sessions-per-day', '60'])).code).toBe(0)
    // The default config's kAnonymity is 3: --min-sessions 2 cannot publish a query fewer sessions searched.
    const { code, out } = await run(['learn', '--site', 'demo', '--min-sessions', '2', '--out', 'learned.json'])
    expect(code).toBe(0)
    expect(out).toMatch(/^wrote learned\.json: \d+ query → article pairs seen in ≥ 3 sessions/)
    const file = JSON.parse(readFileSync(join(dir, 'learned.json'), 'utf8'))
    expect(file).toMatchObject({ format: 1, site: 'demo' })
    expect(file.pairs.length).toBeGreaterThan(0)
    for (const p of file.pairs) expect(p.sessions).toBeGreaterThanOrEqual(3)
    expect(file.views.length).toBeGreaterThan(0)
  })

  it('refuses a bad --min-sessions with exit code 2', async () => {
    const { code, err } = await run(['learn', '--site', 'demo', '--min-sessions', '0'])
    expect(code).toBe(2)
    expect(err).toContain('signpost learn: --min-sessions: expected a whole number ≥ 1, got "0"')
  })
})
