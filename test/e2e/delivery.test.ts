/**
 * The tracker against the real server, in Chromium: a customer offline for a while, then back;
 * a tab hidden with a large queue and reopened; retries and beacons resending what was already
 * stored. Every event is counted exactly once.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Loop, startLoop, until } from './harness.ts'

let loop: Loop
beforeAll(async () => {
  loop = await startLoop()
}, 120_000)
afterAll(() => loop?.stop())

type Summary = { searches: number; sessions: number }

/** Tracks `count` searches through the demo page's own tracker (the widget's `analytics`). */
function trackSearches(page: Page, prefix: string, count: number, padding = 0) {
  return page.evaluate(
    ({ prefix, count, padding }) => {
      const tracker = (document.querySelector('signpost-help') as unknown as { analytics: { track(e: object): void } }).analytics
      for (let i = 0; i < count; i++) {
        tracker.track({ type: 'search', query: `${prefix} ${i} ${'words '.repeat(padding)}`.trim(), results: 1, locale: 'en', path: location.pathname })
      }
    },
    { prefix, count, padding },
  )
}

const pending = (page: Page) => page.evaluate(() => (document.querySelector('signpost-help') as unknown as { analytics: { pending: number } }).analytics.pending)
const flush = (page: Page) => page.evaluate(() => (document.querySelector('signpost-help') as unknown as { analytics: { flush(): Promise<void> } }).analytics.flush())

describe('the tracker delivering to the real server', () => {
  it('counts each event once after a spell offline, retries and all', async () => {
    const context = await loop.browser.newContext()
    const page = await context.newPage()
    await page.goto(`${loop.demoUrl}/invoices`)
    await context.setOffline(true)
    await trackSearches(page, 'offline question', 30)
    await flush(page)
    expect(await pending(page)).toBe(30)
    await page.waitForTimeout(500)
    await context.setOffline(false)
    await page.evaluate(() => dispatchEvent(new Event('online')))
    await until(async () => (await pending(page)) === 0, 'the queue to drain')
    // A beacon on the way out resends nothing new: the server drops duplicates by id.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const summary = await until(async () => {
      const s = await loop.report<Summary>('summary')
      return s.searches >= 30 && s
    }, '30 searches')
    await page.waitForTimeout(1000)
    expect((await loop.report<Summary>('summary')).searches).toBe(30)
    expect(summary.sessions).toBe(1)
    await context.close()
  })

  it('delivers a queue too large for one beacon whole: what the beacons could not carry comes with the next page', async () => {
    const context = await loop.browser.newContext()
    const page = await context.newPage()
    await page.goto(`${loop.demoUrl}/expenses`)
    const before = (await loop.report<Summary>('summary')).searches
    await context.setOffline(true)
    await trackSearches(page, 'long pasted question', 300, 60)
    await flush(page)
    await context.setOffline(false)
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await page.waitForTimeout(500)
    await page.reload()
    await until(async () => (await pending(page)) === 0, 'the next page to send the rest')
    await until(async () => (await loop.report<Summary>('summary')).searches >= before + 300, '300 more searches')
    await page.waitForTimeout(1000)
    expect((await loop.report<Summary>('summary')).searches).toBe(before + 300)
    await context.close()
  })
})
