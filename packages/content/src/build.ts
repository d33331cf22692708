import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { type Manifest, type Synonyms, KB_FORMAT_VERSION } from '@signpost/core'
import { type RenderedArticle, renderArticle } from './article.ts'
import { type Diagnostic, sortDiagnostics } from './diagnostics.ts'
import { findArticles, isLocaleFolder } from './files.ts'
import { assembleOutput, type OutputFiles } from './output/assemble.ts'
import { parseSynonyms } from './synonyms.ts'
import { checkArticles } from './validate.ts'

export interface BuildOptions {
  /** Content root: a folder of markdown, optionally with top-level locale folders. */
  root: string
  /** Locale of articles outside a locale folder and without `locale` in frontmatter. Default `en`. */
  defaultLocale?: string
  /** Include `draft: true` articles (for previews). Default false. */
  drafts?: boolean
  /** Progress lines for long builds. */
  onProgress?: (line: string) => void
  /** Keeps rendered articles between builds so `signpost dev` re-renders only what changed. */
  cache?: BuildCache
}

export interface BuildCache {
  articles: Map<string, { key: string; article: RenderedArticle }>
}

export function createBuildCache(): BuildCache {
  return { articles: new Map() }
}

export interface ContentResult {
  articles: RenderedArticle[]
  synonyms: Record<string, Synonyms>
  diagnostics: Diagnostic[]
  errors: number
  warnings: number
  /** Ids (`locale:id`) rendered this time, as opposed to reused from the cache. */
  rendered: string[]
  /** Images by content-root-relative path. */
  assets: Map<string, { url: string; data: Buffer }>
}

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 10)

/** Loads, renders and checks every article. Writes nothing: `check` stops here, `build` goes on. */
export async function loadContent(options: BuildOptions): Promise<ContentResult> {
  const { root, defaultLocale = 'en', cache, onProgress } = options
  const files = await findArticles(root)
  const texts = new Map<string, string | undefined>()
  const readText = (rel: string) => {
    if (!texts.has(rel)) {
      try {
        texts.set(rel, readFileSync(join(root, rel), 'utf8'))
      } catch {
        texts.set(rel, undefined)
      }
    }
    return texts.get(rel)
  }
  const assets = new Map<string, { url: string; data: Buffer }>()
  const asset = (rel: string) => {
    if (!assets.has(rel)) {
      try {
        if (!statSync(join(root, rel)).isFile()) return undefined
        const data = readFileSync(join(root, rel))
        const ext = extname(rel).toLowerCase()
        assets.set(rel, { url: `images/${basename(rel, extname(rel))}.${hash(data)}${ext}`, data })
      } catch {
        return undefined
      }
    }
    return assets.get(rel)?.url
  }
  const env = { defaultLocale, readText, asset }

  const articles: RenderedArticle[] = []
  const rendered: string[] = []
  const started = Date.now()
  let lastReport = started
  const sources = await Promise.all(files.map((f) => readFile(f.path, 'utf8')))
  for (const [i, file] of files.entries()) {
    const source = sources[i]!
    const prev = cache?.articles.get(file.rel)
    // An article's cache key covers its DocFX includes, so editing a snippet re-renders its users.
    const keyOf = (includes: string[]) => hash([source, ...includes.map((inc) => readText(inc) ?? '')].join('\0'))
    let article: RenderedArticle
    if (prev && prev.key === keyOf(prev.article.includes)) {
      article = prev.article
      for (const img of article.images) asset(img)
    } else {
      article = renderArticle(file, source, env)
      rendered.push(`${article.locale}:${article.id}`)
      cache?.articles.set(file.rel, { key: keyOf(article.includes), article })
    }
    articles.push(article)
    if (onProgress && Date.now() - lastReport > 1000) {
      lastReport = Date.now()
      onProgress(`rendered ${i + 1}/${files.length} articles…`)
    }
  }

  const diagnostics = articles.flatMap((a) => a.diagnostics)
  const synonyms: Record<string, Synonyms> = {}
  const locales = new Set(articles.map((a) => a.locale))
  for (const locale of locales) {
    const name = locale === defaultLocale ? 'synonyms.yml' : `synonyms.${locale}.yml`
    const text = readText(name)
    if (text === undefined) continue
    const parsed = parseSynonyms(text, name)
    synonyms[locale] = parsed.synonyms
    diagnostics.push(...parsed.diagnostics.list)
  }
  diagnostics.push(...checkArticles(articles))
  const sorted = sortDiagnostics(diagnostics)
  return {
    articles: options.drafts ? articles : articles.filter((a) => !a.frontmatter.draft),
    synonyms,
    diagnostics: sorted,
    errors: sorted.filter((d) => d.severity === 'error').length,
    warnings: sorted.filter((d) => d.severity === 'warning').length,
    rendered,
    assets,
  }
}

export interface BuildResult extends ContentResult {
  manifest: Manifest
  files: OutputFiles
}

/** Renders a content folder into the files of a static knowledge base (in memory; see `writeOutput`). */
export async function buildContent(options: BuildOptions): Promise<BuildResult> {
  const content = await loadContent(options)
  const { manifest, files } = assembleOutput(content, {
    defaultLocale: options.defaultLocale ?? 'en',
    formatVersion: KB_FORMAT_VERSION,
  })
  return { ...content, manifest, files }
}

export { isLocaleFolder }
