import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run.ts'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function helpCenter() {
  const fx = await contentFixture({
    'billing/refunds.md': article('title: Refunds\nsummary: Money back.\nowner: "@kim"\nreview-by: 2026-09-01'),
    'billing/invoices.md': article('title: Invoices\nsummary: Your invoices.\nreview-by: 2026-11-30'),
    'account/password.md': article('title: Reset your password\nsummary: Get back in.\nowner: identity\nreview-by: 2027-01-15'),
    'account/export.md': article('title: Export\nsummary: Take your data.'),
  })
  cleanups.push(fx.cleanup)
  return fx
}

async function check(dir: string, ...args: string[]) {
  const io = captureIO(dir)
  const code = await runCli(['check', 'content', '--stale', '--today', '2026-12-06', ...args], io)
  return { code, out: io.out(), err: io.err() }
}

describe('signpost check --stale', () => {
  it('lists the articles past their review-by date, longest overdue first, with owner and line', async () => {
    const fx = await helpCenter()
    const { code, out } = await check(fx.dir)
    expect(code).toBe(0)
    expect(out).toBe(
      'content/billing/refunds.md:5:1: review-by 2026-09-01, 96 days overdue, owner @kim\n' +
        'content/billing/invoices.md:4:1: review-by 2026-11-30, 6 days overdue, no owner\n' +
        'signpost check --stale: 2 of 4 articles overdue for review on 2026-12-06\n',
    )
  })

  it('ranks them by views from a learned traffic file, and --strict fails while any is overdue', async () => {
    const fx = await helpCenter()
    const learned = { format: 1, site: 'demo', from: '2026-11-01', to: '2026-11-30', pairs: [], views: [{ article: 'billing/invoices', sessions: 1204 }, { article: 'billing/refunds', sessions: 9 }] }
    await writeFile(join(fx.dir, 'learned.json'), JSON.stringify(learned))
    const { code, out } = await check(fx.dir, '--views', 'learned.json', '--strict')
    expect(code).toBe(1)
    expect(out.split('\n').slice(0, 2)).toEqual([
      'content/billing/invoices.md:4:1: review-by 2026-11-30, 6 days overdue, no owner, 1204 views',
      'content/billing/refunds.md:5:1: review-by 2026-09-01, 96 days overdue, owner @kim, 9 views',
    ])
  })

  it('prints JSON for CI bots', async () => {
    const fx = await helpCenter()
    const { out } = await check(fx.dir, '--format', 'json')
    expect(JSON.parse(out)).toEqual({
      today: '2026-12-06',
      errors: 0,
      stale: [
        { id: 'billing/refunds', locale: 'en', file: 'billing/refunds.md', line: 5, reviewBy: '2026-09-01', daysOverdue: 96, owner: '@kim', views: null },
        { id: 'billing/invoices', locale: 'en', file: 'billing/invoices.md', line: 4, reviewBy: '2026-11-30', daysOverdue: 6, owner: null, views: null },
      ],
    })
  })

  it('names a traffic file that is not one, and a review-by that is not a date', async () => {
    const fx = await helpCenter()
    await writeFile(join(fx.dir, 'learned.json'), '{"format": 1, "pairs": []}')
    const bad = await check(fx.dir, '--views', 'learned.json')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/learned\.json: has no "views"/)
    await writeFile(join(fx.root, 'billing/refunds.md'), article('title: Refunds\nsummary: Money back.\nreview-by: next spring'))
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], io)).toBe(1)
    expect(io.err()).toContain('content/billing/refunds.md:4:1: error: frontmatter "review-by": expected a date like 2026-01-31 [frontmatter-value]')
  })
})
