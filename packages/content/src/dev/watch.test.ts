import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { article, contentFixture, writeFileIn } from '../test-support/fixture.ts'
import { type DevBuild, watchContent } from './watch.ts'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

function nextBuild(builds: DevBuild[], count: number): Promise<DevBuild> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      if (builds.length >= count) {
        clearInterval(poll)
        resolve(builds[count - 1]!)
      } else if (Date.now() - started > 10_000) {
        clearInterval(poll)
        reject(new Error(`no build #${count} within 10 s`))
      }
    }, 20)
  })
}

describe('signpost dev', () => {
  it('rebuilds when an article changes, rendering only that article, and keeps the last good output on errors', async () => {
    const fx = await contentFixture({ 'a.md': article('title: A'), 'b.md': article('title: B') })
    cleanups.push(fx.cleanup)
    const out = join(fx.dir, 'kb')
    const builds: DevBuild[] = []
    const watcher = await watchContent({ root: fx.root, out, onBuild: (b) => builds.push(b) })
    cleanups.push(() => watcher.close())
    expect(builds[0]?.rendered).toEqual(['en:a', 'en:b'])

    await writeFileIn(fx.root, 'b.md', article('title: B edited'))
    const second = await nextBuild(builds, 2)
    expect(second.changed).toEqual(['b.md'])
    expect(second.rendered).toEqual(['en:b'])
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))
    expect(manifest.articles.map((x: { title: string }) => x.title)).toEqual(['A', 'B edited'])

    await writeFileIn(fx.root, 'a.md', '---\ntitle: [broken\n---\n')
    const third = await nextBuild(builds, 3)
    expect(third.written).toBe(false)
    expect(third.result.diagnostics[0]).toMatchObject({ file: 'a.md', severity: 'error' })
    const still = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))
    expect(still.articles.map((x: { title: string }) => x.title)).toEqual(['A', 'B edited'])
  })

  it('ignores the swap, backup and lock files editors write beside an article', async () => {
    const fx = await contentFixture({ 'billing/a.md': article('title: A') })
    cleanups.push(fx.cleanup)
    const builds: DevBuild[] = []
    const watcher = await watchContent({ root: fx.root, out: join(fx.dir, 'kb'), onBuild: (b) => builds.push(b) })
    cleanups.push(() => watcher.close())
    for (const scratch of ['billing/.a.md.swp', 'billing/a.md~', 'billing/4913', 'billing/#a.md#', 'billing/.#a.md', 'billing/a.md.3f9a1c.tmp', 'billing/a.md___jb_tmp___'])
      await writeFileIn(fx.root, scratch, 'scratch')
    await writeFileIn(fx.root, 'billing/a.md', article('title: A edited'))
    const second = await nextBuild(builds, 2)
    expect(second.changed).toEqual(['billing/a.md'])
    await watcher.idle()
    expect(builds).toHaveLength(2)
  })
})
