import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { RenderEnv } from './article.ts'

export interface Asset {
  url: string
  data: Buffer
}

/**
 * File access for rendering, with per-build caches: snippet texts by path, and images copied
 * under content-hashed names (`images/refund.3f2a9c01bd.svg`, relative to manifest.json).
 */
export function createRenderEnv(root: string, defaultLocale: string): RenderEnv & { assets: Map<string, Asset> } {
  const texts = new Map<string, string | undefined>()
  const assets = new Map<string, Asset>()
  const missing = new Set<string>()
  return {
    defaultLocale,
    assets,
    readText(rel) {
      if (!texts.has(rel)) {
        try {
          texts.set(rel, readFileSync(join(root, rel), 'utf8'))
        } catch {
          texts.set(rel, undefined)
        }
      }
      return texts.get(rel)
    },
    asset(rel) {
      if (!assets.has(rel)) {
        // Missing images are common (and many articles share one): remembered, and found without an exception.
        if (missing.has(rel)) return undefined
        try {
          if (!statSync(join(root, rel), { throwIfNoEntry: false })?.isFile()) {
            missing.add(rel)
            return undefined
          }
          const data = readFileSync(join(root, rel))
          const hash = createHash('sha256').update(data).digest('hex').slice(0, 10)
          assets.set(rel, { url: `images/${basename(rel, extname(rel))}.${hash}${extname(rel).toLowerCase()}`, data })
        } catch {
          missing.add(rel)
          return undefined
        }
      }
      return assets.get(rel)?.url
    },
  }
}
