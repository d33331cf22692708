import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { OutputFiles } from './assemble.ts'

/** Folders the build owns inside the out dir; stale files there are removed after writing. */
const OWNED = ['articles', 'index', 'images']
/** Files written at once: enough to keep the file system's thread pool busy. */
const CONCURRENCY = 32

/**
 * Writes a build to disk. Hashed files that already exist are left alone (same name, same bytes),
 * manifest.json is written last so a reader never sees a manifest pointing at missing files.
 */
export async function writeOutput(out: string, files: OutputFiles): Promise<{ written: number; removed: number }> {
  // One listing up front instead of a stat per file: a fresh out dir then costs no lookups at all.
  const existing = new Set<string>()
  for (const dir of OWNED) {
    for (const file of await listFiles(join(out, dir))) existing.add(relative(out, file).split(sep).join('/'))
  }
  const pending = [...files].filter(([name]) => name !== 'manifest.json')
  const dirs = new Set([out, ...pending.map(([name]) => dirname(join(out, name)))])
  await Promise.all([...dirs].map((dir) => mkdir(dir, { recursive: true })))
  let written = 0
  await forEachConcurrently(pending, CONCURRENCY, async ([name, data]) => {
    const path = join(out, name)
    const mayExist = existing.has(name) || !OWNED.includes(name.split('/')[0]!)
    if (mayExist && (await stat(path).then((s) => s.size === Buffer.byteLength(data), () => false))) return
    await writeFile(path, data)
    written++
  })
  await writeFile(join(out, 'manifest.json'), files.get('manifest.json') ?? '')
  const stale = [...existing].filter((name) => !files.has(name))
  await forEachConcurrently(stale, CONCURRENCY, (name) => rm(join(out, name)))
  return { written, removed: stale.length }
}

async function forEachConcurrently<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}
