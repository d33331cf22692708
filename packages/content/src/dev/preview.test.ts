import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devCommand } from '../cli/dev-command.ts'
import { article, captureIO, contentFixture, writeFileIn } from '../test-support/fixture.ts'

let widget: string
let browser: Browser

beforeAll(async () => {
  // The widget's CDN bundle, built as a release builds it, into a folder of this test's own.
  widget = await mkdtemp(join(tmpdir(), 'signpost-widget-'))
  const configFile = fileURLToPath(new URL('../../../widget/vite.config.ts', import.meta.url))
  await build({ configFile, logLevel: 'silent', build: { outDir: widget, emptyOutDir: true, sourcemap: false } })
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
})

afterAll(async () => {
  await browser?.close()
  if (widget) await rm(widget, { recursive: true, force: true })
})

describe('signpost dev preview', () => {
  it('searches the build with the real widget and shows the build\'s errors in the page, live', async () => {
    const fx = await contentFixture({
      'billing/refunds.md': article('title: Refunds\nsummary: Money back.', 'Refunds go back to the card.'),
      'account/password.md': article('title: Reset your password\nsummary: Get back in.', 'Use the link.'),
    })
    let stop!: () => void
    const io = captureIO(fx.dir)
    const running = devCommand(['content', '--out', 'kb', '--port', '0'], io, new Promise<void>((resolve) => (stop = resolve)), { widget })
    let page: Page | undefined
    try {
      await expect.poll(() => /preview at (\S+)/.exec(io.out())?.[1], { timeout: 20_000 }).toBeTruthy()
      const url = /preview at (\S+)/.exec(io.out())![1]!
      page = await browser.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      await page.goto(url)
      await page.locator('signpost-help input[type="search"]').fill('refund')
      await expect.poll(() => page!.locator('signpost-help [role="option"] .result-title').allTextContents(), { timeout: 20_000 }).toEqual(['Refunds'])
      // A file the bundle does not have is a 404, not a crash.
      expect((await fetch(new URL('__signpost/widget/chunks/no-such-chunk.js', url))).status).toBe(404)
      const problems = page.locator('#problems')
      expect(await problems.isHidden()).toBe(true)

      await writeFileIn(fx.root, 'billing/refunds.md', '---\ntitle: Refunds\nsummary: [Money back\n---\nText.\n')
      await expect
        .poll(() => problems.textContent(), { timeout: 20_000 })
        .toBe('1 error: the preview shows the last build without errors' + 'content/billing/refunds.md:3:10: error: frontmatter is not valid YAML: this "[" is never closed with ] [frontmatter-syntax]')

      await writeFileIn(fx.root, 'billing/refunds.md', article('title: Refunds, fixed\nsummary: Money back.', 'Refunds go back to the card.'))
      await expect.poll(() => problems.isHidden(), { timeout: 20_000 }).toBe(true)
      // The widget was rebuilt over the new build.
      await page.locator('signpost-help input[type="search"]').fill('fixed')
      await expect.poll(() => page!.locator('signpost-help [role="option"] .result-title').allTextContents(), { timeout: 20_000 }).toEqual(['Refunds, fixed'])
      expect(errors).toEqual([])
    } finally {
      await page?.close()
      stop()
      expect(await running).toBe(0)
      await fx.cleanup()
    }
  })

  it('previews each audience\'s knowledge base as its readers see it, and the public one without it', async () => {
    const fx = await contentFixture({
      'billing/refunds.md': article('title: Refunds\nsummary: Money back.', 'Refunds go back to the card.'),
      'billing/seats.md': article('title: Seat licenses\nsummary: Pro seats.\naudience: [pro]', 'Buy seat licenses in packs.'),
    })
    let stop!: () => void
    const io = captureIO(fx.dir)
    const running = devCommand(['content', '--out', 'kb', '--port', '0'], io, new Promise<void>((resolve) => (stop = resolve)), { widget })
    let page: Page | undefined
    try {
      await expect.poll(() => /preview at (\S+)/.exec(io.out())?.[1], { timeout: 20_000 }).toBeTruthy()
      page = await browser.newPage()
      await page.goto(/preview at (\S+)/.exec(io.out())![1]!)
      const nav = () => page!.locator('nav a').allTextContents()
      await expect.poll(nav, { timeout: 20_000 }).toEqual(['Refunds'])
      await page.locator('#audience').selectOption('pro')
      await expect.poll(nav, { timeout: 20_000 }).toEqual(['Refunds', 'Seat licenses'])
      await page.locator('signpost-help input[type="search"]').fill('seat licenses')
      await expect.poll(() => page!.locator('signpost-help [role="option"] .result-title').allTextContents(), { timeout: 20_000 }).toEqual(['Seat licenses'])
      await page.locator('nav a', { hasText: 'Seat licenses' }).click()
      await expect.poll(() => page!.locator('main').textContent(), { timeout: 20_000 }).toContain('Buy seat licenses in packs.')
    } finally {
      await page?.close()
      stop()
      expect(await running).toBe(0)
      await fx.cleanup()
    }
  })
})
