import { type FSWatcher, watch } from 'node:fs'
import { KB_FORMAT_VERSION } from '@signpost/core'
import { type BuildResult, buildContent, createBuildCache } from '../build.ts'
import { writeOutput } from '../output/write.ts'
import { isEditorScratch } from './editor-files.ts'

export interface DevOptions {
  root: string
  out: string
  defaultLocale?: string
  /** Include drafts, as a writer's preview does. Default true. */
  drafts?: boolean
  /** Called after every build, the first included. */
  onBuild: (event: DevBuild) => void
}

export interface DevBuild {
  /** Content files that changed since the previous build (empty for the first). */
  changed: string[]
  /** `locale:id` of the articles rendered again; the others were reused. */
  rendered: string[]
  result: BuildResult
  ms: number
  written: boolean
}

/**
 * Builds, then watches the content folder and rebuilds on every change, re-rendering only the
 * articles whose file (or DocFX include) changed. Output is written only when a build has no errors,
 * so a half-typed frontmatter never takes the preview down.
 */
export async function watchContent(options: DevOptions): Promise<{ close(): void; idle(): Promise<void> }> {
  const cache = createBuildCache()
  let running: Promise<void> = Promise.resolve()
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined

  const run = async (changed: string[]) => {
    const started = performance.now()
    const result = await buildContent({ root: options.root, defaultLocale: options.defaultLocale, drafts: options.drafts ?? true, cache })
    const written = result.errors === 0
    if (written) await writeOutput(options.out, result.files)
    options.onBuild({ changed, rendered: result.rendered, result, ms: performance.now() - started, written })
  }
  await run([])

  const watcher: FSWatcher = watch(options.root, { recursive: true }, (_event, file) => {
    const path = file ? String(file).split('\\').join('/') : undefined
    if (path && isEditorScratch(path)) return
    if (path) pending.add(path)
    clearTimeout(timer)
    timer = setTimeout(() => {
      const changed = [...pending].sort()
      pending = new Set()
      running = running.then(() => run(changed)).catch((e: unknown) => options.onBuild({ changed, rendered: [], result: failed(e), ms: 0, written: false }))
    }, 100)
  })
  return {
    close: () => {
      clearTimeout(timer)
      watcher.close()
    },
    idle: async () => {
      await new Promise((r) => setTimeout(r, 150))
      await running
    },
  }
}

function failed(e: unknown): BuildResult {
  const message = e instanceof Error ? e.message : String(e)
  return {
    articles: [],
    synonyms: {},
    diagnostics: [{ file: '.', line: 1, col: 1, severity: 'error', code: 'build-failed', message }],
    errors: 1,
    warnings: 0,
    rendered: [],
    assets: new Map(),
    manifest: { format: KB_FORMAT_VERSION, build: '', defaultLocale: 'en', locales: [], articles: [] },
    audiences: {},
    files: new Map(),
  }
}
