import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { OutputFiles } from './assemble.ts'

/** Folders the build owns inside the out dir; stale files there are removed after writing. */
const OWNED = ['articles', 'index', 'images']

/**
 * Writes a build to disk. Hashed files that already exist are left alone (same name, same bytes),
 * manifest.json is written last so a reader never sees a manifest pointing at missing files.
 */
export async function writeOutput(out: string, files: OutputFiles): Promise<{ written: number; removed: number }> {
  let written = 0
  for (const [name, data] of files) {
    if (name === 'manifest.json') continue
    const path = join(out, name)
    const exists = await stat(path).then(
      (s) => s.size === Buffer.byteLength(data),
      () => false,
    )
    if (exists) continue
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, data)
    written++
  }
  await mkdir(out, { recursive: true })
  await writeFile(join(out, 'manifest.json'), files.get('manifest.json') ?? '')
  let removed = 0
  for (const dir of OWNED) {
    for (const file of await listFiles(join(out, dir))) {
      const name = relative(out, file).split(sep).join('/')
      if (!files.has(name)) {
        await rm(file)
        removed++
      }
    }
  }
  return { written, removed }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}
