import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { OutputFiles } from './assemble.ts'

/** Folders the build owns inside the out dir; stale files there are removed after writing. */
const OWNED = ['articles', 'index', 'images', 'audiences']
/** A knowledge base's manifest: the public one, or an audience's (`audiences/pro/manifest.json`). */
const isManifest = (name: string) => name === 'manifest.json' || /^audiences\/[^/]+\/manifest\.json$/.test(name)
/** From this many files on, a thread writes them while this one goes on assembling the rest. */
export const MIN_FILES_FOR_THREAD = 300
const BATCH = 16
const encoder = new TextEncoder()

export interface OutputWriter {
  /** Writes one file of the build (manifests are kept for last, whenever they come). */
  write(name: string, data: string | Buffer): void
  /** Waits for every write, writes the manifests, then removes stale files. */
  close(): Promise<{ written: number; removed: number }>
}

/**
 * Opens an out dir for a build. Hashed files that already exist are left alone (same name, same
 * bytes); manifest.json is written last, so a reader never sees a manifest pointing at missing
 * files, and a failed write leaves the previous build's manifest and files in place.
 *
 * Creating a file is the cost (0.1-0.3 ms each on a virtual machine's ext4, whatever its size), so
 * a large build hands its files to a thread that writes them one by one while this thread
 * assembles the search indexes: in parallel the writes measured no faster, on any API.
 */
export function openOutput(out: string, options: { expected: number }): OutputWriter {
  // One listing up front instead of a stat per file: a fresh out dir then costs no lookups at all.
  const existing = new Set<string>()
  for (const dir of OWNED) {
    for (const file of listFiles(join(out, dir))) existing.add(relative(out, file).split(sep).join('/'))
  }
  const names = new Set<string>()
  const dirs = new Set<string>()
  const thread = options.expected >= MIN_FILES_FOR_THREAD && availableParallelism() >= 2 ? startWriteThread() : undefined
  const manifests = new Map<string, string | Buffer>()
  let written = 0

  return {
    write(name, data) {
      names.add(name)
      if (isManifest(name)) {
        manifests.set(name, data)
        return
      }
      const path = join(out, name)
      const mayExist = existing.has(name) || !OWNED.includes(name.split('/')[0]!)
      if (mayExist && statSync(path, { throwIfNoEntry: false })?.size === Buffer.byteLength(data)) return
      const dir = dirname(path)
      if (!dirs.has(dir)) mkdirSync(dir, { recursive: true })
      dirs.add(dir)
      if (thread) thread.write(path, data)
      else writeFileSync(path, data)
      written++
    },
    async close() {
      await thread?.close()
      // Audiences' first, the public one last: each manifest lands after every file it names.
      for (const [name, data] of [...manifests].sort(([a], [b]) => Number(a === 'manifest.json') - Number(b === 'manifest.json'))) {
        mkdirSync(dirname(join(out, name)), { recursive: true })
        writeFileSync(join(out, name), data)
      }
      const stale = [...existing].filter((name) => !names.has(name))
      for (const name of stale) rmSync(join(out, name))
      // An audience no article names any more leaves no folder behind that would name it.
      for (const dir of new Set(stale.map((name) => dirname(join(out, name))))) removeEmptyUpTo(dir, out)
      return { written, removed: stale.length }
    },
  }
}

/** Writes a whole build to disk (see `openOutput`). */
export async function writeOutput(out: string, files: OutputFiles): Promise<{ written: number; removed: number }> {
  const output = openOutput(out, { expected: files.size })
  for (const [name, data] of files) output.write(name, data)
  return output.close()
}

/** write-thread.js, fed in batches; the first failed write ends it and fails `close`. */
function startWriteThread() {
  const worker = new Worker(new URL('./write-thread.js', import.meta.url))
  // Unreferenced until `close`: a build that throws before then is not kept alive by it.
  worker.unref()
  let failure: Error | undefined
  const done = new Promise<void>((resolve) => {
    worker.on('message', (m: { error?: string; code?: string }) => {
      if (m.error) failure ??= Object.assign(new Error(m.error), { code: m.code })
      resolve()
    })
    worker.on('error', (e) => {
      failure ??= e
      resolve()
    })
    worker.on('exit', () => {
      failure ??= new Error('the file-writing thread stopped before it finished')
      resolve()
    })
  })
  let batch: [string, Uint8Array][] = []
  let transfer: ArrayBuffer[] = []
  const flush = () => {
    if (batch.length > 0) worker.postMessage(batch, transfer)
    batch = []
    transfer = []
  }
  return {
    write(path: string, data: string | Buffer) {
      // Text goes as freshly encoded bytes, moved rather than copied: a copy of the strings cost
      // this thread twice as long. A Buffer is copied (the build result still holds it).
      if (typeof data === 'string') {
        const bytes = encoder.encode(data)
        batch.push([path, bytes])
        transfer.push(bytes.buffer as ArrayBuffer)
      } else batch.push([path, data])
      if (batch.length >= BATCH) flush()
    },
    async close() {
      flush()
      worker.ref()
      worker.postMessage('close')
      await done
      const failed = failure
      await worker.terminate()
      if (failed) throw failed
    },
  }
}

/** Removes `dir` and its parents while they are empty, stopping at `root`. */
function removeEmptyUpTo(dir: string, root: string): void {
  for (let d = dir; d !== root && d.startsWith(root); d = dirname(d)) {
    try {
      rmdirSync(d)
    } catch {
      return
    }
  }
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
