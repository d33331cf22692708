import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeOutput } from './write.ts'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const listing = async (dir: string) =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort()

describe('writeOutput', () => {
  it('writes new files, leaves unchanged ones, removes stale ones and keeps files it does not own', async () => {
    const out = await mkdtemp(join(tmpdir(), 'signpost-write-'))
    dirs.push(out)
    const first = new Map<string, string | Buffer>([
      ['articles/en/a.1111111111.json', '{"a":1}'],
      ['articles/en/deep/b.2222222222.json', '{"b":2}'],
      ['images/i.3333333333.svg', Buffer.from('<svg/>')],
      ['index/en.primary.4444444444.json', '{}'],
      ['manifest.json', '{"build":"one"}'],
    ])
    expect(await writeOutput(out, first)).toEqual({ written: 4, removed: 0 })
    await writeFile(join(out, 'index.html'), 'the host page')

    const second = new Map(first)
    second.delete('articles/en/deep/b.2222222222.json')
    second.set('articles/en/c.5555555555.json', '{"c":3}')
    second.set('manifest.json', '{"build":"two"}')
    expect(await writeOutput(out, second)).toEqual({ written: 1, removed: 1 })
    expect(await listing(out)).toEqual([
      'articles/en/a.1111111111.json',
      'articles/en/c.5555555555.json',
      'images/i.3333333333.svg',
      'index.html',
      'index/en.primary.4444444444.json',
      'manifest.json',
    ])
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('{"build":"two"}')
    expect(await readFile(join(out, 'images/i.3333333333.svg'), 'utf8')).toBe('<svg/>')
  })
})
