/**
 * The whole loop, as a customer and an ops manager would live it, in real Chromium against the
 * real server on a real SQLite file: a customer on the demo product searches, reads an article,
 * votes, searches for something the help center lacks and contacts support; the reports API and
 * the dashboard then show exactly those counts. Screenshots land in test-results/.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, type Loop, startLoop, until } from './harness.ts'

let loop: Loop
beforeAll(async () => {
  loop = await startLoop()
}, 120_000)
afterAll(() => loop?.stop())

async function searchFor(page: Page, query: string) {
  const input = page.locator('signpost-help [part="input"]')
  await input.fill('')
  await input.pressSequentially(query, { delay: 30 })
}

describe('a customer on the demo, then the ops manager', () => {
  it('counts the help session, the funnel, the content gap and the escalation exactly', async () => {
    const page = await loop.browser.newPage({ viewport: { width: 1200, height: 800 } })
    await page.goto(`${loop.demoUrl}/settings/billing`)
    await page.locator('signpost-help [part="launcher"]').click()
    await expect.poll(() => page.locator('signpost-help [part="result"]').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(artifacts, 'widget-suggestions.png') })

    await searchFor(page, 'refund')
    await expect.poll(() => page.locator('signpost-help [part="result"]').first().textContent()).toContain('Refund')
    await page.waitForTimeout(1200)
    await page.locator('signpost-help [part="result"]').first().click()
    await expect.poll(() => page.locator('signpost-help [part="article"]').count()).toBe(1)
    const article = await page.locator('signpost-help').evaluate((el) => (el as unknown as { currentArticle?: string }).currentArticle)
    await page.locator('signpost-help').getByRole('button', { name: 'Yes' }).click()
    await page.screenshot({ path: join(artifacts, 'widget-article.png') })
    await page.locator('signpost-help').evaluate((el) => el.setAttribute('theme', 'dark'))
    await page.screenshot({ path: join(artifacts, 'widget-article-dark.png') })
    await page.locator('signpost-help').evaluate((el) => el.setAttribute('theme', 'light'))

    await page.locator('signpost-help').getByRole('button', { name: /back/i }).first().click()
    await searchFor(page, 'xylophone tuning')
    await expect.poll(() => page.locator('signpost-help').getByRole('button', { name: 'Contact support' }).count()).toBeGreaterThan(0)
    await page.waitForTimeout(1200)
    await page.locator('signpost-help').getByRole('button', { name: 'Contact support' }).first().click()
    await expect.poll(() => page.url()).toContain('/support')
    await page.getByLabel('Your email').fill('customer@example.com')
    await page.getByLabel('Message').fill('I need help tuning my xylophone invoices.')
    await page.getByRole('button', { name: 'Send to support' }).click()
    await expect.poll(() => page.locator('#support-status').textContent()).toContain('ticket created')
    // The tracker sends on a timer and when the tab is hidden; hide it as a customer leaving would.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })

    type Summary = { helpSessions: number; searches: number; zeroResultRate: number; noClickRate: number; contacts: number; escalationRate: number; deflected: { explicit: number; implicit: number } }
    const summary = await until(async () => {
      const s = await loop.report<Summary>('summary')
      return s.contacts === 1 && s.searches >= 2 && s
    }, 'the contact to be counted')
    expect(summary).toMatchObject({ helpSessions: 1, searches: 2, zeroResultRate: 0.5, noClickRate: 0, contacts: 1, escalationRate: 1, deflected: { explicit: 0, implicit: 0 } })

    const { gaps } = await loop.report<{ gaps: { query: string; zeroResults: number; contacts: number }[] }>('content-gaps')
    expect(gaps).toEqual([expect.objectContaining({ query: 'xylophone tuning', zeroResults: 1, contacts: 1 })])

    const { articles } = await loop.report<{ articles: { article: string; views: number; helpfulYes: number; contactAfterViewRate: number; topQueries: { query: string }[] }[] }>('articles')
    expect(articles).toEqual([expect.objectContaining({ article, views: 1, helpfulYes: 1, contactAfterViewRate: 1 })])
    expect(articles[0]!.topQueries.map((q) => q.query)).toEqual(['refund'])
  })

  it('shows the ops manager the same numbers on the dashboard', async () => {
    const page = await loop.browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.goto(`${loop.serverUrl}/dashboard/`)
    await page.getByLabel(/token/i).fill(loop.token)
    await page.getByRole('button', { name: /sign in/i }).click()
    await expect.poll(() => page.getByText('xylophone tuning').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // A headline card is the list item under its heading (the 'Where help fails' tables have columns of the same names).
    const card = (name: string) => page.locator('li.card').filter({ has: page.getByRole('heading', { name, exact: true }) })
    await expect.poll(() => card('Help sessions').textContent()).toMatch(/Help sessions\s*1\b/)
    await expect.poll(() => card('Contacts').textContent()).toMatch(/Contacts\s*1\b/)
    await expect.poll(() => card('Escalation rate').textContent()).toContain('100.0%')
    const gapTable = page.getByRole('table').filter({ hasText: 'xylophone tuning' })
    const headers = (await gapTable.getByRole('columnheader').allTextContents()).map((t) => t.replace(/[↕▲▼]/g, '').trim())
    const cells = (await gapTable.getByRole('row').filter({ hasText: 'xylophone tuning' }).getByRole('cell').allTextContents()).map((t) => t.trim())
    // The query is the row's header cell; the other columns line up with the cells.
    const row = Object.fromEntries(headers.slice(1).map((h, i) => [h, cells[i]]))
    expect(row).toMatchObject({ Searches: '1', Sessions: '1', 'Zero results': '1', 'No click': '0', 'Contacts after': '1' })
    const articleRow = page.getByRole('row').filter({ hasText: 'billing/refunds' })
    await expect.poll(() => articleRow.textContent()).toMatch(/1\s*100\.0%\s*100\.0%/)
    await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true })
  })

  it('counts a deflection at the point of contact: the contact form suggested an article, the customer read it and left', async () => {
    const page = await loop.browser.newPage({ viewport: { width: 1200, height: 800 } })
    await page.goto(`${loop.demoUrl}/settings/billing`)
    const help = page.locator('signpost-help')
    await help.evaluate((el) => el.setAttribute('contact-form', ''))
    await help.locator('[part="launcher"]').click()
    await help.getByRole('button', { name: 'Contact support' }).click()
    await help.getByLabel('Subject').pressSequentially('refund for my last invoice', { delay: 20 })
    const suggestion = help.locator('.suggestions button').first()
    await expect.poll(() => suggestion.count()).toBe(1)
    await suggestion.click()
    await expect.poll(() => help.locator('[part="article"]').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => help.getByLabel('Subject').inputValue()).toBe('refund for my last invoice')
    await help.getByRole('button', { name: 'Close help' }).click()
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    type Summary = { contactForm: { suggested: number; deflected: number; deflectionRate: number }; contacts: number }
    const summary = await until(async () => {
      const s = await loop.report<Summary>('summary')
      return s.contactForm.deflected === 1 && s
    }, 'the contact-form deflection to be counted')
    expect(summary.contactForm).toEqual({ suggested: 1, deflected: 1, deflectionRate: 1 })
    // Nothing was sent: still only the first customer's contact.
    expect(summary.contacts).toBe(1)
  })
})
