import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Manifest } from '@signpost/core'

/** How long a fetched manifest is trusted before it is fetched again. */
const URL_TTL_MS = 5 * 60_000

/**
 * Article titles from a site's built knowledge base, so reports name articles as writers and ops
 * know them, not by path. `kb` is the build folder (with manifest.json), the manifest file, or
 * its http(s) URL; from a folder, the audiences' knowledge bases too (`audiences/<name>/`, which
 * the public manifest never names). A file is read again when it changes; a URL every five minutes. A knowledge base
 * that cannot be read gives no titles (reports still answer, with ids) and one warning per cause.
 *
 * @example
 * const titles = createTitleLookup('./dist/kb')
 * (await titles()).get('billing/refunds') // 'Refunds'
 */
export function createTitleLookup(kb: string, warn: (message: string) => void = (m) => console.warn(m)): () => Promise<ReadonlyMap<string, string>> {
  const isUrl = /^https?:\/\//.test(kb)
  let cached: { key: number; titles: Map<string, string> } | undefined
  let warned = ''
  const fail = (reason: string) => {
    if (warned !== reason) warn(`signpost server: no article titles from ${kb}: ${reason}`)
    warned = reason
    return cached?.titles ?? new Map<string, string>()
  }
  return async () => {
    try {
      let key: number
      let text: () => Promise<string>
      let audiences: () => Promise<Partial<Manifest>[]> = async () => []
      if (isUrl) {
        key = Math.floor(Date.now() / URL_TTL_MS)
        text = async () => {
          const res = await fetch(kb, { signal: AbortSignal.timeout(5000) })
          if (!res.ok) throw new Error(`HTTP ${res.status}`)
          return res.text()
        }
      } else {
        let path = kb
        let info = await stat(path)
        if (info.isDirectory()) {
          path = join(kb, 'manifest.json')
          info = await stat(path)
          // Rewritten by every build, as the public manifest is: its time stands for them all.
          audiences = async () => {
            const names = await readdir(join(kb, 'audiences')).catch(() => [] as string[])
            const read = (name: string) => readFile(join(kb, 'audiences', name, 'manifest.json'), 'utf8').then((t) => JSON.parse(t) as Partial<Manifest>, () => ({}))
            return Promise.all(names.sort().map(read))
          }
        }
        key = info.mtimeMs
        text = () => readFile(path, 'utf8')
      }
      if (cached?.key === key) return cached.titles
      const manifest = JSON.parse(await text()) as Partial<Manifest>
      if (!Array.isArray(manifest.articles)) return fail('not a Signpost manifest (no "articles")')
      const titles = new Map<string, string>()
      // The default locale's title wins; another locale's fills in an article only it has, and an
      // audience's manifest the articles only its readers see.
      for (const [n, m] of [manifest, ...(await audiences())].entries()) {
        for (const a of Array.isArray(m.articles) ? m.articles : []) {
          if (typeof a?.id !== 'string' || typeof a.title !== 'string') continue
          if (!titles.has(a.id) || (n === 0 && a.locale === m.defaultLocale)) titles.set(a.id, a.title)
        }
      }
      cached = { key, titles }
      warned = ''
      return titles
    } catch (error) {
      return fail((error as NodeJS.ErrnoException).code ?? (error as Error).message)
    }
  }
}
