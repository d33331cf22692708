import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from './run.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function helpCenter() {
  const fx = await contentFixture({
    'en/billing/cancel.md': article('title: Cancel your subscription\nsummary: End your plan and stop future charges.\nkeywords: [unsubscribe]', 'Open **Billing** and choose Cancel plan.'),
    'en/billing/refunds.md': article('title: Refunds\nsummary: When we refund a payment.', 'Refunds go back to the original card within ten days.'),
    'en/account/password.md': article('title: Reset your password\nsummary: Get back into your account.', 'Use the forgot password link on the sign-in page.'),
    'synonyms.yml': 'stop paying: [cancel subscription]\n',
  })
  cleanups.push(fx.cleanup)
  return fx
}

describe('signpost build', () => {
  it('writes the knowledge base and prints one summary line', async () => {
    const fx = await helpCenter()
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(0)
    expect(io.out()).toMatch(/^signpost build: 3 articles, 1 locale \(en\), 0 warnings, [\d.]+ KB \([\d.]+ K?B gzip before the first result\) in [\d.]+ s → .*kb\n$/)
    const manifest = JSON.parse(await readFile(join(fx.dir, 'kb/manifest.json'), 'utf8'))
    expect(manifest.articles).toHaveLength(3)
  })

  it('exits 1 on content errors, printing file:line:col, and writes nothing', async () => {
    const fx = await contentFixture({ 'billing/refunds.md': '---\ntitle: Refunds\norder: soon\n---\nText' })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(1)
    expect(io.err()).toContain('content/billing/refunds.md:3:1: error: frontmatter "order": expected a number [frontmatter-value]')
    await expect(readFile(join(fx.dir, 'kb/manifest.json'))).rejects.toThrow()
  })

  it('names a content folder that does not exist', async () => {
    const io = captureIO('/tmp')
    expect(await runCli(['build', 'no-such-folder'], io)).toBe(1)
    expect(io.err()).toContain('signpost build: content folder /tmp/no-such-folder not found')
  })
})

describe('signpost check', () => {
  it('lists warnings compiler-style and exits 0 when there are no errors', async () => {
    const fx = await contentFixture({ 'a.md': article('title: A\nauthor: kim', '[x](missing.md)') })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], io)).toBe(0)
    expect(io.err().split('\n')).toEqual(
      expect.arrayContaining([
        'content/a.md:3:1: warning: unknown frontmatter key "author" (ignored) [unknown-key]',
        'content/a.md:5:5: warning: link "missing.md" points at "missing", which is not an article [broken-link]',
      ]),
    )
    expect(io.out()).toBe('signpost check: 1 article, 0 errors, 3 warnings\n')
  })

  it('prints machine-readable diagnostics with --format json and exits 1 on errors', async () => {
    const fx = await contentFixture({ 'a.md': 'no title here' })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content', '--format', 'json'], io)).toBe(1)
    const report = JSON.parse(io.out())
    expect(report.errors).toBe(1)
    expect(report.diagnostics[0]).toMatchObject({ file: 'a.md', line: 1, col: 1, severity: 'error', code: 'missing-title' })
  })

  it('refuses an unknown format with usage and exit 2', async () => {
    const io = captureIO('/tmp')
    expect(await runCli(['check', '--format', 'xml'], io)).toBe(2)
    expect(io.err()).toContain('--format must be text or json, not "xml"')
    expect(io.err()).toContain('Usage: signpost')
  })
})

describe('signpost search', () => {
  it('prints ranked results with titles and snippets', async () => {
    const fx = await helpCenter()
    await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))
    const io = captureIO(fx.dir)
    expect(await runCli(['search', 'refund', '--index', 'kb'], io)).toBe(0)
    expect(io.out()).toMatch(/^ 1\. Refunds {2}\[billing\/refunds\] {2}score [\d.]+\n {4}Refunds go back to the original card within ten days\.\n/)
  })

  it('uses the synonyms file, as the widget does', async () => {
    const fx = await helpCenter()
    await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))
    const io = captureIO(fx.dir)
    await runCli(['search', 'how do I stop paying', '--index', 'kb', '--json'], io)
    expect(JSON.parse(io.out())[0].results[0].id).toBe('billing/cancel')
  })

  it('runs a query file and reports success@1 and success@5', async () => {
    const fx = await helpCenter()
    await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))
    await writeFile(
      join(fx.dir, 'queries.json'),
      JSON.stringify([
        { q: 'forgot pasword', targets: ['account/password'] },
        { q: 'zebra crossing', targets: ['billing/refunds'] },
        { q: 'unsubscribe' },
      ]),
    )
    const io = captureIO(fx.dir)
    expect(await runCli(['search', '--queries', 'queries.json', '--index', 'kb'], io)).toBe(0)
    const lines = io.out().trim().split('\n')
    expect(lines[0]).toBe('✓ forgot pasword')
    expect(lines).toContain('✗ zebra crossing')
    expect(lines).toContain('    expected: billing/refunds')
    expect(lines.at(-1)).toBe('success@1 0.500 (1/2)  success@5 0.500 (1/2)')
  })

  it('keeps the --json shape stable: [{ q, results: [{ id, title, score }] }]', async () => {
    const fx = await helpCenter()
    await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))
    await writeFile(join(fx.dir, 'q.json'), JSON.stringify([{ q: 'password' }, { q: 'zzzz' }]))
    const io = captureIO(fx.dir)
    await runCli(['search', '--queries', 'q.json', '--index', 'kb', '--json', '--limit', '2'], io)
    const out = JSON.parse(io.out())
    expect(out).toEqual([
      { q: 'password', results: [{ id: 'account/password', title: 'Reset your password', score: expect.any(Number) }] },
      { q: 'zzzz', results: [] },
    ])
  })

  it('explains a missing knowledge base and a bad query file', async () => {
    const io = captureIO('/tmp')
    expect(await runCli(['search', 'x', '--index', '/tmp/definitely-not-a-kb'], io)).toBe(1)
    expect(io.err()).toContain('no knowledge base at /tmp/definitely-not-a-kb (missing manifest.json): run `signpost build` first')
    const fx = await helpCenter()
    await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))
    await writeFile(join(fx.dir, 'bad.json'), '[{"query": "x"}]')
    const io2 = captureIO(fx.dir)
    expect(await runCli(['search', '--queries', 'bad.json', '--index', 'kb'], io2)).toBe(2)
    expect(io2.err()).toContain('bad.json: item 0 has no "q" string')
  })
})

describe('signpost', () => {
  it('prints a command\'s usage for --help', async () => {
    const io = captureIO('/tmp')
    expect(await runCli(['search', '--help'], io)).toBe(0)
    expect(io.out()).toContain('signpost search <query> [--index dist/kb]')
  })

  it('prints usage and exits 2 for an unknown command', async () => {
    const io = captureIO('/tmp')
    expect(await runCli(['publish'], io)).toBe(2)
    expect(io.err()).toContain('signpost: unknown command "publish"')
  })
})
