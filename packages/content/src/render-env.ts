import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import type { AssetIssue, RenderEnv } from './article.ts'
import { sanitizeSvg } from './markdown/sanitize.ts'

export interface Asset {
  url: string
  data: Buffer
}

/**
 * File access for rendering, with per-build caches: snippet texts by path, and images copied
 * under content-hashed names (`images/refund.3f2a9c01bd.svg`, relative to manifest.json). SVGs are
 * published only as DOMPurify's SVG profile leaves them (see `sanitizeSvg`).
 */
export function createRenderEnv(root: string, defaultLocale: string): RenderEnv & { assets: Map<string, Asset> } {
  const texts = new Map<string, string | undefined>()
  const assets = new Map<string, Asset>()
  const missing = new Set<string>()
  const issues = new Map<string, AssetIssue>()
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
          let data: Buffer = readFileSync(join(root, rel))
          if (extname(rel).toLowerCase() === '.svg') {
            const svg = sanitizeSvg(data)
            if (!svg.ok) {
              issues.set(rel, { refused: true, message: `image "${rel}" refused: ${svg.reason}` })
              missing.add(rel)
              return undefined
            }
            if (svg.removed.length > 0) issues.set(rel, { refused: false, message: `image "${rel}": unsafe SVG content removed: ${svg.removed.join(', ')}` })
            data = svg.data
          }
          const hash = createHash('sha256').update(data).digest('hex').slice(0, 10)
          assets.set(rel, { url: `images/${basename(rel, extname(rel))}.${hash}${extname(rel).toLowerCase()}`, data })
        } catch {
          missing.add(rel)
          return undefined
        }
      }
      return assets.get(rel)?.url
    },
    assetIssue: (rel) => issues.get(rel),
  }
}
