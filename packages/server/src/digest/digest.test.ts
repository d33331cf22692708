import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import type { SignpostEvent } from '@signpost/core'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli/cli.ts'
import { parseRange } from '../reports/range.ts'
import { seed } from '../seed/seed.ts'
import { ENGINES } from '../storage/engines.testkit.ts'
import { DAY_MS } from '../storage/rollup.ts'
import { openStore, type Store } from '../storage/store.ts'
import { buildDigest } from './digest.ts'
import { renderHtml, renderMarkdown } from './render.ts'

const NOW = Date.UTC(2026, 10, 20, 12, 0, 0)
const SPIKE = NOW - 2 * DAY_MS

/** Six seeded weeks, then a bad day: 80 more sessions whose search found nothing and who wrote in. */
async function sixWeeksAndABadDay(store: Store): Promise<void> {
  await seed(store, { site: 'demo', days: 42, sessionsPerDay: 60, now: NOW })
  const spike: SignpostEvent[] = []
  for (let i = 0; i < 80; i++) {
    const base = { site: 'demo', session: `spike-${i}`, locale: 'en', path: '/app' }
    spike.push({ ...base, id: `spike-${i}-search`, ts: SPIKE + i * 60_000, type: 'search', query: 'payments down', results: 0 })
    spike.push({ ...base, id: `spike-${i}-contact`, ts: SPIKE + i * 60_000 + 30_000, type: 'contact', channel: 'chat' })
  }
  await store.writeBatches([spike])
}

for (const engine of ENGINES) {
  describe(`the weekly digest (${engine.name})`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test('flags the day whose zero-result and escalation rates stood far above the four weeks before, and no other', async () => {
      const t = await engine.open()
      try {
        await sixWeeksAndABadDay(t.store)
        const d = await buildDigest(t.store.db, 'demo', parseRange({ since: '7d' }, NOW), 15, 3)
        expect(d.alerts.map((a) => [a.day, a.metric])).toEqual([
          ['2026-11-18', 'zeroResultRate'],
          ['2026-11-18', 'escalationRate'],
        ])
        expect(d.alerts[0]!.value).toBeGreaterThan(0.5)
        expect(d.alerts[0]!.baseline).toBeLessThan(0.25)
        expect(d.comparable).toBe(true)
        expect(d.gaps[0]!.query).toBe('payments down')
      } finally {
        await t.cleanup()
      }
    })
  })
}

for (const engine of ENGINES) {
  describe(`the weekly digest and k-anonymity (${engine.name})`, async () => {
    const test = (await engine.available()) ? it : it.skip
    test('names no query fewer than kAnonymity sessions searched, in its gaps or its worst articles’ top queries', async () => {
      const t = await engine.open()
      try {
        const events: SignpostEvent[] = []
        const session = (name: string, query: string, clicked: boolean) => {
          const base = { site: 'demo', session: name, locale: 'en', path: '/app' }
          const at = NOW - DAY_MS + events.length * 60_000
          events.push({ ...base, id: `${name}-search`, ts: at, type: 'search', query, results: 0 })
          if (clicked) events.push({ ...base, id: `${name}-click`, ts: at + 10_000, type: 'click', query, article: 'billing/refunds', position: 1 })
          events.push({ ...base, id: `${name}-view`, ts: at + 20_000, type: 'view', article: 'billing/refunds', source: clicked ? 'search' : 'link' })
          events.push({ ...base, id: `${name}-contact`, ts: at + 30_000, type: 'contact', channel: 'email' })
        }
        // Two customers typed their name and address; four searched what the article lacks.
        for (const name of ['p1', 'p2']) session(name, 'i am john smith 42 baker street', true)
        for (const name of ['r1', 'r2', 'r3', 'r4']) session(name, 'refund window', true)
        await t.store.writeBatches([events])
        const range = parseRange({ since: '7d' }, NOW)
        const open = await buildDigest(t.store.db, 'demo', range, 15, 1)
        // The positive control: with a floor of 1 the private query shows in both places.
        expect(open.gaps.map((g) => g.query)).toContain('i am john smith 42 baker street')
        expect(open.worstArticles[0]!.topQueries.map((q) => q.query)).toContain('i am john smith 42 baker street')
        const d = await buildDigest(t.store.db, 'demo', range, 15, 3)
        expect(d.gaps.map((g) => g.query)).toEqual(['refund window'])
        expect(d.worstArticles.map((a) => a.article)).toEqual(['billing/refunds'])
        for (const text of [JSON.stringify(d), renderMarkdown(d), renderHtml(d)]) expect(text).not.toContain('baker')
      } finally {
        await t.cleanup()
      }
    })
  })
}

describe('signpost digest', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'signpost-digest-'))
    db = join(dir, 'signpost.db')
    const store = await openStore(db)
    await sixWeeksAndABadDay(store)
    await store.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function run(argv: string[], env: Record<string, string> = {}) {
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    let out = ''
    let err = ''
    stdout.on('data', (d) => (out += d))
    stderr.on('data', (d) => (err += d))
    const code = await runCli(['digest', '--db', db, '--site', 'demo', '--from', '2026-11-14', '--to', '2026-11-20', ...argv], { stdout, stderr, cwd: dir, env })
    return { code, out, err }
  }

  it('prints the week as Markdown: alerts, headline figures with change, gaps, worst articles, reasons', async () => {
    const { code, out } = await run([])
    expect(code).toBe(0)
    expect(out).toMatch(/^# Signpost weekly digest — demo, 2026-11-14 to 2026-11-20\n/)
    expect(out).toContain('## Alerts\n\n- ⚠ 2026-11-18: zero-result rate')
    expect(out).toMatch(/\| Help sessions \| [\d,]+ \| [+−][\d.]+%, (better|worse) \|/)
    expect(out).toContain('| payments down |')
    expect(out).toContain('## Articles that most often end in a contact')
  })

  it('writes the HTML version, escaped', async () => {
    const { code } = await run(['--format', 'html', '--out', 'digest.html'])
    expect(code).toBe(0)
    const html = readFileSync(join(dir, 'digest.html'), 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<td style="padding:4px 8px;border-bottom:1px solid #eceef1">payments down</td>')
    const d = { ...(await digestOf()), site: '<b>x</b>' }
    expect(renderHtml(d)).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(renderMarkdown(d)).toContain('<b>x</b>')
  })

  it('mails it through a real SMTP server when SIGNPOST_SMTP_URL is set', async () => {
    const received: { from: string; to: string[]; data: string }[] = []
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        let data = ''
        stream.on('data', (c: Buffer) => (data += c.toString('utf8')))
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data })
          callback()
        })
      },
    })
    smtp.listen(0, '127.0.0.1')
    await once(smtp.server, 'listening')
    const port = (smtp.server.address() as AddressInfo).port
    try {
      const { code, out, err } = await run(['--mail-to', 'ops@example.com'], { SIGNPOST_SMTP_URL: `smtp://127.0.0.1:${port}`, SIGNPOST_DIGEST_FROM: 'help@example.com' })
      expect(err).toBe('')
      expect(code).toBe(0)
      expect(out).toBe('mailed the digest to ops@example.com\n')
      expect(received).toHaveLength(1)
      expect(received[0]).toMatchObject({ from: 'help@example.com', to: ['ops@example.com'] })
      // The subject's dash is not ASCII: it travels as an encoded word.
      expect(received[0]!.data).toMatch(/^Subject: =\?UTF-8\?Q\?Signpost_weekly_digest_=E2=80=94_demo/m)
      expect(received[0]!.data).toContain('_=282_alerts=29')
      expect(received[0]!.data).toContain('Content-Type: text/html')
      expect(received[0]!.data).toContain('Content-Type: text/plain')
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
    }
  })

  it('refuses to mail without a recipient, naming what to set', async () => {
    const { code, err } = await run([], { SIGNPOST_SMTP_URL: 'smtp://127.0.0.1:1' })
    expect(code).toBe(2)
    expect(err).toContain('signpost digest: SIGNPOST_SMTP_URL is set: name the recipient with --mail-to or SIGNPOST_DIGEST_TO')
  })

  it('posts it to a Slack-compatible webhook, and names a failing one', async () => {
    const bodies: string[] = []
    let status = 200
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        bodies.push(body)
        res.writeHead(status).end(status === 200 ? 'ok' : 'invalid_token')
      })
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/XXX`
    try {
      const ok = await run(['--slack', url])
      expect(ok.code).toBe(0)
      expect(ok.out).toBe('posted the digest to the Slack webhook\n')
      const text = JSON.parse(bodies[0]!).text as string
      expect(text).toMatch(/^\*Signpost weekly digest — demo, 2026-11-14 to 2026-11-20\*\n:warning: 2026-11-18: zero-result rate/)
      status = 403
      const bad = await run([], { SIGNPOST_SLACK_WEBHOOK_URL: url })
      expect(bad.code).toBe(1)
      expect(bad.err).toContain('signpost digest: Slack webhook: HTTP 403 invalid_token')
    } finally {
      server.close()
    }
  })

  async function digestOf() {
    const store = await openStore(db)
    try {
      return await buildDigest(store.db, 'demo', { from: 0, to: 0 }, 0, 3)
    } finally {
      await store.close()
    }
  }
})
