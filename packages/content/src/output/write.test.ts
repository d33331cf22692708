import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MIN_FILES_FOR_THREAD, openOutput, writeOutput } from './write.ts'

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

  it('writes a large build on its thread while files keep coming, the manifest last', async () => {
    const out = await mkdtemp(join(tmpdir(), 'signpost-write-'))
    dirs.push(out)
    const count = MIN_FILES_FOR_THREAD + 10
    const output = openOutput(out, { expected: count })
    output.write('manifest.json', '{"build":"big"}')
    for (let i = 0; i < count; i++) output.write(`articles/en/topic${i % 7}/a${i}.${String(i).padStart(10, '0')}.json`, `{"i":${i}}`)
    output.write('images/pixel.0123456789.png', Buffer.from([137, 80, 78, 71]))
    // Nothing is announced until every file is on disk.
    await expect(readFile(join(out, 'manifest.json'), 'utf8')).rejects.toThrow(/ENOENT/)
    expect(await output.close()).toEqual({ written: count + 1, removed: 0 })
    const files = await listing(out)
    expect(files).toHaveLength(count + 2)
    expect(await readFile(join(out, 'articles/en/topic3/a10.0000000010.json'), 'utf8')).toBe('{"i":10}')
    expect([...(await readFile(join(out, 'images/pixel.0123456789.png')))]).toEqual([137, 80, 78, 71])
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('{"build":"big"}')
  })

  it('fails a threaded write naming the file, and keeps the previous manifest', async () => {
    const out = await mkdtemp(join(tmpdir(), 'signpost-write-'))
    dirs.push(out)
    await writeFile(join(out, 'manifest.json'), '{"build":"previous"}')
    // A folder where the build wants a file: the write fails whatever the user's permissions.
    await mkdir(join(out, 'articles/en/a5.0000000000.json'), { recursive: true })
    const output = openOutput(out, { expected: MIN_FILES_FOR_THREAD })
    for (let i = 0; i < MIN_FILES_FOR_THREAD; i++) output.write(`articles/en/a${i}.0000000000.json`, '{}')
    output.write('manifest.json', '{"build":"next"}')
    await expect(output.close()).rejects.toThrow(/EISDIR.*a5\.0000000000\.json/)
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe('{"build":"previous"}')
  })
})
