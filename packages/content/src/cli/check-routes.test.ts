import { afterEach, describe, expect, it } from 'vitest'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from './run.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

describe('signpost check on route patterns', () => {
  it('warns, with file:line, about a pattern of several ** and passes ordinary ones', async () => {
    const fx = await contentFixture({
      'a.md': article('title: A\nroutes: ["/**/**/**/**/x", "/settings/**"]', 'Body.'),
    })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['check', 'content'], io)).toBe(0)
    const warnings = io.err().split('\n').filter((l) => l.includes('[route-pattern]'))
    expect(warnings).toEqual([
      'content/a.md:3:1: warning: frontmatter "routes": route "/**/**/**/**/x" has 4 "**": one matches any number of segments already [route-pattern]',
    ])
  })
})
