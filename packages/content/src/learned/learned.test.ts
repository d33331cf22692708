import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run.ts'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { pairWeight } from './learned-terms.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function helpCenter(files: Record<string, string> = {}) {
  const fx = await contentFixture({
    'en/orders/drop-ship.md': article('title: Drop shipments\nsummary: Ship from the vendor to the customer.', 'Link a purchase order to a sales order.'),
    'en/orders/partial.md': article('title: Partial shipments\nsummary: Ship what is available.', 'Post the quantity you ship now.'),
    'en/billing/cancel.md': article('title: Cancel your plan\nsummary: End the subscription.\naliases: [billing/stop]', 'Open Billing and choose Cancel.'),
    ...files,
  })
  cleanups.push(fx.cleanup)
  return fx
}

const learned = (pairs: object[], extra: object = {}) =>
  `${JSON.stringify({ format: 1, site: 'demo', from: '2026-09-01', to: '2026-11-30', ...extra, pairs }, null, 2)}\n`

const searchIds = async (dir: string, q: string) => {
  const io = captureIO(dir)
  expect(await runCli(['search', q, '--index', 'kb', '--json'], io)).toBe(0)
  return (JSON.parse(io.out()) as { results: { id: string }[] }[])[0]!.results.map((r) => r.id)
}

describe('signpost build --learned', () => {
  it('finds an article by the words customers searched before opening it', async () => {
    const fx = await helpCenter()
    await writeFile(join(fx.dir, 'learned.json'), learned([{ query: 'supplier sends straight to my client', article: 'orders/drop-ship', sessions: 5, helpful: 1, contacts: 0 }]))
    expect(await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))).toBe(0)
    expect(await searchIds(fx.dir, 'supplier')).toEqual([])

    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], captureIO(fx.dir))).toBe(0)
    // A different question sharing the customer's words, not the same string.
    expect((await searchIds(fx.dir, 'my supplier ships to the client'))[0]).toBe('orders/drop-ship')
  })

  it('uses learned.json in the content folder, resolves aliases, and ranks popular articles by its views', async () => {
    const fx = await helpCenter({
      'learned.json': learned([{ query: 'stop being billed', article: 'billing/stop', sessions: 4, helpful: 0, contacts: 0 }], {
        views: [{ article: 'orders/partial', sessions: 120 }],
      }),
    })
    expect(await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))).toBe(0)
    expect((await searchIds(fx.dir, 'billed'))[0]).toBe('billing/cancel')
    const manifest = JSON.parse(await readFile(join(fx.dir, 'kb/manifest.json'), 'utf8'))
    expect(manifest.articles.find((a: { id: string }) => a.id === 'orders/partial').views).toBe(120)
    expect(manifest.articles.find((a: { id: string }) => a.id === 'orders/drop-ship').views).toBeUndefined()
  })

  it('warns about a pair naming an unknown article at its line and skips it', async () => {
    const fx = await helpCenter()
    await writeFile(join(fx.dir, 'learned.json'), learned([{ query: 'ship half', article: 'orders/partial', sessions: 3, helpful: 0, contacts: 0 }, { query: 'gone', article: 'orders/removed', sessions: 3, helpful: 0, contacts: 0 }]))
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], io)).toBe(0)
    expect(io.err()).toMatch(/learned\.json:14:1: warning: pairs\[1\] names "orders\/removed", which is no en article; skipped \[learned-unknown-article\]/)
  })

  it('refuses a malformed learned file, naming it and the field, and writes nothing', async () => {
    const fx = await helpCenter()
    await writeFile(join(fx.dir, 'learned.json'), learned([{ query: 'ship half', article: 'orders/partial', sessions: -2, helpful: 0, contacts: 0 }]))
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], io)).toBe(1)
    expect(io.err()).toContain('learned.json: pairs[0].sessions must be a whole number ≥ 0')
    await expect(readFile(join(fx.dir, 'kb/manifest.json'))).rejects.toThrow()

    await writeFile(join(fx.dir, 'learned.json'), '{"format": 1, "pairs": [')
    const io2 = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], io2)).toBe(1)
    expect(io2.err()).toMatch(/^signpost build: learned\.json: not JSON/)
  })
})

describe('synonyms learned from traffic', () => {
  it("learns that customers say supplier for vendor, and finds vendor articles nobody reached that way yet", async () => {
    const vendors = ['Pay a vendor', 'Return items to a vendor', 'Block a vendor', 'Vendor credit memos']
    const fx = await helpCenter(Object.fromEntries(vendors.map((title, i) => [`en/vendors/v${i}.md`, article(`title: ${title}\nsummary: ${title}.`, `How to ${title.toLowerCase()} in the app.`)])))
    const pair = (query: string, i: number) => ({ query, article: `vendors/v${i}`, sessions: 6, helpful: 2, contacts: 0 })
    await writeFile(join(fx.dir, 'learned.json'), learned([pair('pay my supplier', 0), pair('send goods back to supplier', 1), pair('stop buying from a supplier', 2)]))
    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], captureIO(fx.dir))).toBe(0)
    // Nobody searched "supplier" before opening the credit memo article.
    expect(await searchIds(fx.dir, 'supplier')).toContain('vendors/v3')
    const manifest = JSON.parse(await readFile(join(fx.dir, 'kb/manifest.json'), 'utf8'))
    expect(manifest.locales[0].synonyms).toEqual({ supplier: ['vendor'] })

    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content', '--learned', 'learned.json'], io)).toBe(0)
    expect(io.out()).toContain('  en synonym: supplier → vendor\n')
  })

  it('learns nothing from a word customers used for fewer than three articles', async () => {
    const fx = await helpCenter()
    await writeFile(
      join(fx.dir, 'learned.json'),
      learned([
        { query: 'supplier ships to client', article: 'orders/drop-ship', sessions: 9, helpful: 3, contacts: 0 },
        { query: 'supplier sends half', article: 'orders/partial', sessions: 9, helpful: 3, contacts: 0 },
      ]),
    )
    expect(await runCli(['build', 'content', '--out', 'kb', '--learned', 'learned.json'], captureIO(fx.dir))).toBe(0)
    expect(JSON.parse(await readFile(join(fx.dir, 'kb/manifest.json'), 'utf8')).locales[0].synonyms).toEqual({})
  })
})

describe('signpost check --learned', () => {
  it('lists the queries each article learned, so writers can promote them', async () => {
    const fx = await helpCenter()
    await writeFile(
      join(fx.dir, 'learned.json'),
      learned([
        { query: 'Ship Half Now', article: 'orders/partial', sessions: 9, helpful: 4, contacts: 0 },
        { query: 'everyone escalated', article: 'orders/partial', sessions: 4, helpful: 0, contacts: 3 },
      ]),
    )
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content', '--learned', 'learned.json'], io)).toBe(0)
    expect(io.out()).toContain('  en:orders/partial: "ship half now"\n')
    expect(io.out()).not.toContain('everyone escalated')
  })
})

describe('pairWeight', () => {
  it('grows with evidence, slowly, and drops pairs most of whose sessions still contacted support', () => {
    expect(pairWeight({ sessions: 3, helpful: 0, contacts: 0 })).toBe(2)
    expect(pairWeight({ sessions: 1000, helpful: 500, contacts: 10 })).toBe(4)
    expect(pairWeight({ sessions: 10, helpful: 0, contacts: 5 })).toBe(0)
  })
})
