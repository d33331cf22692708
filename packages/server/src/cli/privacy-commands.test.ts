import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { SignpostEvent } from '@signpost/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../storage/store.ts'
import { runCli } from './cli.ts'

let dir: string
const env = { SIGNPOST_REPORT_TOKEN: 'cli-privacy-token-0001' }
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signpost-cli-privacy-'))
  const store = await openStore(join(dir, 'signpost.db'))
  const base = { ts: Date.now() - 60_000, site: 'demo', locale: 'en', path: '/' }
  await store.writeBatches([
    [
      { ...base, id: 'cli-priv-0001', session: 'jo-session-01', type: 'search', query: 'refund', results: 0 },
      { ...base, id: 'cli-priv-0002', session: 'jo-session-01', type: 'contact', channel: 'email' },
      { ...base, id: 'cli-priv-0003', session: 'ann-session-1', type: 'open' },
    ] as SignpostEvent[],
  ])
  await store.close()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

async function run(argv: string[]) {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (d) => (out += d))
  stderr.on('data', (d) => (err += d))
  const code = await runCli(argv, { stdout, stderr, cwd: dir, env })
  return { code, out, err }
}

describe('signpost export and forget', () => {
  it('exports a session id to a file, then forgets it', async () => {
    const exported = await run(['export', '--site', 'demo', '--session', 'jo-session-01', '--out', 'jo.json'])
    expect(exported).toMatchObject({ code: 0, out: 'exported session "jo-session-01" of site "demo" to jo.json\n' })
    const file = JSON.parse(readFileSync(join(dir, 'jo.json'), 'utf8'))
    expect(file.events.map((e: { id: string }) => e.id)).toEqual(['cli-priv-0001', 'cli-priv-0002'])

    expect(await run(['forget', '--site', 'demo', '--session', 'jo-session-01'])).toMatchObject({
      code: 0,
      out: 'erased session "jo-session-01" of site "demo": 2 raw events, 1 sessions subtracted from the reports\n',
    })
    expect((await run(['forget', '--site', 'demo', '--session', 'jo-session-01'])).out).toBe('nothing stored for session "jo-session-01" of site "demo"\n')
    const report = JSON.parse((await run(['report', '--site', 'demo', '--format', 'json'])).out)
    expect([report.summary.contacts, report.contentGaps]).toEqual([0, []])
  })

  it('asks for the session id with usage and exit code 2', async () => {
    const r = await run(['forget', '--site', 'demo'])
    expect(r.code).toBe(2)
    expect(r.err).toContain('--session is required')
  })
})
