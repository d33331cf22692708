/**
 * Screenshots of the widget on the demo page, in headless Chromium, for docs/screenshots/: a long
 * real article (lists, a table, code, a callout) docked beside the page in light and dark, the same
 * at 390 px, the home view and the contact form with suggestions. Each shot first checks what it
 * shows (the article's list markers and callout label are there), so a broken page fails loudly
 * instead of leaving a misleading picture.
 *
 * Run: `npx node packages/widget/demo/build.ts && npx node packages/widget/test/screenshots.ts`
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from 'playwright-core'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const out = join(root, 'docs/screenshots')
const ARTICLE = 'data/import-clients-from-csv'
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' }

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname))
  let file = join(root, path)
  if (!file.startsWith(root)) return res.writeHead(403).end()
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html')
    await stat(file)
  } catch {
    return res.writeHead(404).end()
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
  createReadStream(file).pipe(res)
})
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/packages/widget/demo/`

const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })

async function shoot(name: string, viewport: { width: number; height: number }, theme: 'light' | 'dark', show: (page: Page) => Promise<void>) {
  const page = await browser.newPage({ viewport, colorScheme: theme })
  await page.goto(base)
  await page.locator('#help').evaluate((el, t) => el.setAttribute('theme', t), theme)
  await show(page)
  await page.waitForTimeout(300)
  await page.screenshot({ path: join(out, `${name}.png`) })
  console.log(`screenshots: ${name}.png`)
  await page.close()
}

async function article(page: Page, section?: string) {
  const help = page.locator('#help')
  await help.evaluate((el, [id, s]) => (el as unknown as { showArticle(id: string, s?: string): Promise<void> }).showArticle(id!, s), [ARTICLE, section])
  await help.locator('[part="article"] table').waitFor()
  const marker = await help.locator('[part="article"] ol').evaluate((ol) => getComputedStyle(ol).listStyleType)
  if (marker !== 'decimal') throw new Error(`screenshots: the article's numbered list shows "${marker}" markers`)
  if ((await help.locator('.callout-label').count()) === 0) throw new Error('screenshots: the callout has no label')
}

try {
  await shoot('widget-article-light', { width: 1280, height: 860 }, 'light', (page) => article(page, 'import'))
  await shoot('widget-article-dark', { width: 1280, height: 860 }, 'dark', (page) => article(page, 'import'))
  await shoot('widget-article-mobile', { width: 390, height: 844 }, 'light', (page) => article(page))
  await shoot('widget-home', { width: 1280, height: 860 }, 'light', async (page) => {
    await page.evaluate(() => localStorage.setItem('signpost:recent', JSON.stringify(['billing/refunds', 'getting-started/welcome'])))
    await page.locator('#help [part="launcher"]').click()
    await page.locator('#help .home #popular').waitFor()
  })
  await shoot('widget-suggestions', { width: 1280, height: 860 }, 'light', async (page) => {
    const help = page.locator('#help')
    await help.evaluate((el) => (el as unknown as { setContext(c: { path: string }): void }).setContext({ path: '/settings/billing' }))
    await help.locator('[part="launcher"]').click()
    await help.locator('[role="option"]').first().waitFor()
  })
  await shoot('widget-contact-form', { width: 1280, height: 860 }, 'dark', async (page) => {
    const help = page.locator('#help')
    await help.evaluate((el) => el.setAttribute('contact-form', ''))
    await help.locator('[part="launcher"]').click()
    await help.getByRole('button', { name: 'Contact support' }).click()
    await help.getByLabel('Your email').fill('ana@example.com')
    await help.getByLabel('Subject').pressSequentially('refund for a cancelled plan', { delay: 10 })
    await help.locator('.suggestions li').first().waitFor()
  })
} finally {
  await browser.close()
  server.close()
}
