// The README's screenshots of the dashboard: the real server over six seeded weeks of the demo's
// traffic (the demo content's titles, its questions and gaps), in Chromium at 1440 and 390 px.
//   npx vite build --config packages/dashboard/vite.config.ts && node packages/dashboard/scripts/screenshots.ts
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { buildContent } from '@signpost/content'
import { createApp, openStore, parseConfig, seed } from '@signpost/server'
import { chromium } from 'playwright-core'

const repo = join(import.meta.dirname, '../../..')
const out = join(import.meta.dirname, '../docs')
const dir = mkdtempSync(join(tmpdir(), 'signpost-shots-'))
const TOKEN = 'screenshot-report-token'
try {
  const { manifest } = await buildContent({ root: join(repo, 'content') })
  mkdirSync(join(dir, 'kb'))
  writeFileSync(join(dir, 'kb/manifest.json'), JSON.stringify(manifest))
  const articles = manifest.articles.filter((a) => a.locale === 'en').map((a) => ({ id: a.id, title: a.title }))
  const questions = JSON.parse(readFileSync(join(repo, 'content/queries.en.json'), 'utf8')) as { q: string; targets: string[] }[]
  const store = await openStore(join(dir, 'signpost.db'))
  await seed(store, {
    site: 'demo',
    days: 42,
    sessionsPerDay: 120,
    articles,
    queries: questions.map((q) => q.q),
    answers: Object.fromEntries(questions.map((q) => [q.q, q.targets[0]!])),
    missingQueries: ['multi currency invoice', 'payroll', 'mileage tracking', 'purchase orders', 'time tracking', 'invoice in arabic', 'accept crypto', 'late fee percentage'],
  })
  const config = parseConfig({ sites: [{ key: 'demo', reportTokens: [TOKEN], kb: join(dir, 'kb'), costPerContact: 15 }] })
  const app = createApp({ store, config })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as { port: number }
  const browser = await chromium.launch({ executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium' })
  mkdirSync(out, { recursive: true })
  // The first screen of each: cards, trends and the top of the content gaps; a phone's first two screens.
  for (const [name, width, height] of [['dashboard-1440', 1440, 1500], ['dashboard-390', 390, 1600]] as const) {
    const page = await browser.newPage({ viewport: { width, height } })
    await page.goto(`http://127.0.0.1:${port}/dashboard/?article-url=https://help.example.com/{id}`)
    await page.fill('#token', TOKEN)
    await page.click('.sign-in button[type=submit]')
    await page.waitForSelector('.cards')
    // The last 7 days, whose previous week the six seeded weeks cover: the cards show their change.
    await page.selectOption('#range', '7')
    await page.waitForFunction(() => document.querySelector('signpost-dashboard')?.shadowRoot?.querySelector('.status')?.textContent?.includes('to'))
    await page.waitForTimeout(500)
    await page.screenshot({ path: join(out, `${name}.png`) })
    await page.close()
    console.log(`wrote packages/dashboard/docs/${name}.png`)
  }
  await browser.close()
  server.close()
  await app.writer.drain()
  await store.close()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
