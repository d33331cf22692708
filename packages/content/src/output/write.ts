import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { OutputFiles } from './assemble.ts'

/** Folders the build owns inside the out dir; stale files there are removed after writing. */
const OWNED = ['articles', 'index', 'images']

/**
 * Writes a build to disk. Hashed files that already exist are left alone (same name, same bytes),
 * manifest.json is written last so a reader never sees a manifest pointing at missing files.
 * Synchronous inside: for thousands of small files that measured twice as fast as the promise
 * API (business-central, 2,115 files: 75-85 ms against 160-170 ms with 32 writes in flight).
 */
export async function writeOutput(out: string, files: OutputFiles): Promise<{ written: number; removed: number }> {
  // One listing up front instead of a stat per file: a fresh out dir then costs no lookups at all.
  const existing = new Set<string>()
  for (const dir of OWNED) {
    for (const file of listFiles(join(out, dir))) existing.add(relative(out, file).split(sep).join('/'))
  }
  const pending = [...files].filter(([name]) => name !== 'manifest.json')
  for (const dir of new Set([out, ...pending.map(([name]) => dirname(join(out, name)))])) mkdirSync(dir, { recursive: true })
  let written = 0
  for (const [name, data] of pending) {
    const path = join(out, name)
    const mayExist = existing.has(name) || !OWNED.includes(name.split('/')[0]!)
    if (mayExist && statSync(path, { throwIfNoEntry: false })?.size === Buffer.byteLength(data)) continue
    writeFileSync(path, data)
    written++
  }
  writeFileSync(join(out, 'manifest.json'), files.get('manifest.json') ?? '')
  const stale = [...existing].filter((name) => !files.has(name))
  for (const name of stale) rmSync(join(out, name))
  return { written, removed: stale.length }
}

function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
  } catch {
    return []
  }
}
