import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from './run.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** One healthy article to link to, plus `files`; returns what `check` printed and its exit code. */
async function check(files: Record<string, string>, ...flags: string[]) {
  const fx = await contentFixture({
    'billing/refunds.md': article('title: Refunds\nsummary: Money back.', '## Fees\n\nNone.\n\n## Didn\'t arrive?\n\nWait ten days.'),
    ...files,
  })
  cleanups.push(fx.cleanup)
  const io = captureIO(fx.dir)
  const code = await runCli(['check', 'content', ...flags], io)
  return { code, lines: io.err().trim().split('\n').filter(Boolean), fx }
}

const page = (body: string) => article('title: Page\nsummary: A page.', body)

describe('signpost check --strict: every broken-content fixture fails with its exact place', () => {
  const fixtures: [string, string, string][] = [
    ['a link to a missing article', page('See [the guide](../guide.md) first.'), 'content/billing/page.md:5:17: error: link "../guide.md" points at "guide", which is not an article [broken-link]'],
    ['a missing image', page('Intro.\n\nClick ![the button](button.png) now.'), 'content/billing/page.md:7:21: error: image "button.png" not found [broken-image]'],
    [
      'an anchor no heading of the target has',
      page('Read [the fees](refunds.md#charges).'),
      'content/billing/page.md:5:17: error: link "refunds.md#charges": "billing/refunds.md" has no heading "#charges" (its headings: #fees, #didnt-arrive) [broken-anchor]',
    ],
    ['an in-page anchor with no heading', page('## Steps\n\nAs [above](#step).'), 'content/billing/page.md:7:12: error: link "#step": "billing/page.md" has no heading "#step" (its headings: #steps) [broken-anchor]'],
    ['an unknown frontmatter key', article('title: Page\nsummary: A page.\nauthor: kim'), 'content/billing/page.md:4:1: error: unknown frontmatter key "author" (ignored) [unknown-key]'],
  ]
  for (const [what, source, expected] of fixtures) {
    it(`${what}: a warning without --strict, an error with it`, async () => {
      const loose = await check({ 'billing/page.md': source })
      expect(loose.code).toBe(0)
      expect(loose.lines).toEqual([expected.replace(': error: ', ': warning: ')])
      const strict = await check({ 'billing/page.md': source }, '--strict')
      expect(strict.code).toBe(1)
      expect(strict.lines).toEqual([expected])
    })
  }

  it('counts a warning as an error when the folder\'s signpost.yml says strict: true, and build writes nothing', async () => {
    const fx = await contentFixture({ 'a.md': page('[x](#nowhere)'), 'signpost.yml': 'strict: true\n' })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(1)
    expect(io.err()).toContain('content/a.md:5:5: error: link "#nowhere": "a.md" has no heading "#nowhere" (it has no headings) [broken-anchor]')
    await expect(readFile(join(fx.dir, 'kb/manifest.json'))).rejects.toThrow()
    await writeFile(join(fx.root, 'signpost.yml'), 'strict: yes please\n')
    const bad = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], bad)).toBe(1)
    expect(bad.err()).toContain('content/signpost.yml:1:1: error: "strict" is true or false [config-value]')
  })

  it('lands links on headings whose text has an apostrophe', async () => {
    const { code, lines } = await check({ 'billing/page.md': page('[Late](refunds.md#didnt-arrive)') }, '--strict')
    expect(lines).toEqual([])
    expect(code).toBe(0)
  })
})

describe('signpost check: broken YAML frontmatter', () => {
  it('reports an unclosed bracket once, at the bracket, without a cascading "missing title"', async () => {
    const { code, lines } = await check({ 'billing/page.md': '---\ntitle: Page\nsummary: [unclosed\ntags: billing\n---\nText.\n' })
    expect(code).toBe(1)
    expect(lines).toEqual(['content/billing/page.md:3:10: error: frontmatter is not valid YAML: this "[" is never closed with ] [frontmatter-syntax]'])
  })

  it('reports a tab once, at its line and column', async () => {
    const { lines } = await check({ 'billing/page.md': '---\ntitle: Page\nsummary:\tx: y\n---\nText.\n' })
    expect(lines).toEqual(['content/billing/page.md:3:9: error: frontmatter is not valid YAML: Tabs are not allowed as indentation [frontmatter-syntax]'])
  })

  it('reports an unclosed quote at the quote, even in the title', async () => {
    const { lines } = await check({ 'billing/page.md': '---\ntitle: "Page\nsummary: A page.\n---\nText.\n' })
    expect(lines).toEqual(['content/billing/page.md:2:8: error: frontmatter is not valid YAML: this quote " is never closed with " [frontmatter-syntax]'])
  })
})
