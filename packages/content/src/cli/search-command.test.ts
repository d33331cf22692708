import { afterEach, describe, expect, it } from 'vitest'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from './run.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('signpost search', () => {
  it('points each result at the section that answers, with the snippet from there', async () => {
    const fx = await contentFixture({
      'en/billing/plans.md': article(
        'title: Plans and billing\nsummary: How plans are billed.',
        'Plans are billed monthly.\n\n## Change your plan\n\nPick another plan.\n\n## Cancel\n\nCancelling stops future charges; your data stays until the period ends.',
      ),
    })
    cleanups.push(fx.cleanup)
    expect(await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))).toBe(0)
    const io = captureIO(fx.dir)
    expect(await runCli(['search', 'stop future charges', '--index', 'kb'], io)).toBe(0)
    expect(io.out()).toMatch(/^ 1\. Plans and billing {2}\[billing\/plans#cancel\] {2}score [\d.]+\n {4}§ Cancel: Cancelling stops future charges; your data stays/)
  })
})
