import { afterEach, describe, expect, it } from 'vitest'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from './run.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function helpCenter() {
  const fx = await contentFixture({
    'billing/refunds.md': article('title: Refunds\nsummary: Money back.', 'Ask for a refund, or read [the override](../agents/override.md).'),
    'billing/invoices.md': article('title: Invoices\nsummary: Your invoices.\naudience: [pro]', 'Download pro invoices. See [the override](../agents/override.md).'),
    'agents/override.md': article('title: Refund override\nsummary: Agents only.\naudience: [internal]', 'Approve a refund override in the console.'),
  })
  cleanups.push(fx.cleanup)
  return fx
}

const ids = async (dir: string, args: string[]) => {
  const io = captureIO(dir)
  expect(await runCli(['search', ...args, '--index', 'kb', '--json'], io)).toBe(0)
  return (JSON.parse(io.out()) as { results: { id: string }[] }[])[0]!.results.map((r) => r.id)
}

describe('audiences on the command line', () => {
  it('check warns at the link when some of its readers may not open the article it points at', async () => {
    const fx = await helpCenter()
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], io)).toBe(0)
    expect(io.err().split('\n')).toEqual(
      expect.arrayContaining([
        'content/billing/refunds.md:5:42: warning: link "../agents/override.md" points at "agents/override", which public readers cannot see (audience: internal); it is shown to them as text [audience-link]',
        'content/billing/invoices.md:6:43: warning: link "../agents/override.md" points at "agents/override", which readers of pro cannot see (audience: internal); it is shown to them as text [audience-link]',
      ]),
    )
    expect(await runCli(['check', 'content', '--strict'], captureIO(fx.dir))).toBe(1)
  })

  it('build names the audiences it wrote, and search --audience searches one of them', async () => {
    const fx = await helpCenter()
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(0)
    expect(io.out()).toMatch(/^signpost build: 1 article, .*\nsignpost build: audiences internal \(2 articles\), pro \(2 articles\) → .*kb\/audiences; serve that folder only to those readers\n$/)
    expect(await ids(fx.dir, ['refund'])).toEqual(['billing/refunds'])
    expect(await ids(fx.dir, ['invoices'])).toEqual([])
    expect(await ids(fx.dir, ['invoices', '--audience', 'pro'])).toEqual(['billing/invoices'])
    expect(await ids(fx.dir, ['override', '--audience', 'internal'])).toContain('agents/override')
    expect(await ids(fx.dir, ['override', '--audience', 'pro'])).not.toContain('agents/override')
  })

  it('search --audience names the audiences there are when it is given another', async () => {
    const fx = await helpCenter()
    expect(await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))).toBe(0)
    const io = captureIO(fx.dir)
    expect(await runCli(['search', 'refund', '--index', 'kb', '--audience', 'admin'], io)).toBe(2)
    expect(io.err()).toContain('--audience admin: no article of the knowledge base at')
    expect(io.err()).toContain('(its audiences: internal, pro)')
  })

  it('check refuses an audience signpost.yml does not list, at the article\'s line, so a typo builds no knowledge base', async () => {
    const fx = await contentFixture({
      'signpost.yml': 'audiences: [pro, internal]\n',
      'billing/invoices.md': article('title: Invoices\nsummary: Your invoices.\naudience: [pro, por]'),
    })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(1)
    expect(io.err()).toContain('content/billing/invoices.md:4:1: error: audience "por" is not one of signpost.yml\'s audiences (pro, internal) [unknown-audience]')
  })

  it('check refuses an "audiences" setting that is not a list of names', async () => {
    const fx = await contentFixture({ 'signpost.yml': 'audiences: Pro\n', 'a.md': article('title: A\nsummary: A.') })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], io)).toBe(1)
    expect(io.err()).toContain('content/signpost.yml:1:1: error: "audiences" is a list of lowercase names, like [pro, internal] [config-value]')
  })
})
