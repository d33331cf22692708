import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ArticleShard, type Manifest, type ManifestArticle, type SearchIndex, assertManifest, loadSearchIndex } from '@signpost/core'

/** A built knowledge base read from disk: what `signpost search` queries, exactly as the widget would. */
export interface LoadedKnowledgeBase {
  manifest: Manifest
  locale: string
  index: SearchIndex
  articles: Map<string, ManifestArticle>
  shard(id: string): Promise<ArticleShard>
}

export async function readKnowledgeBase(dir: string, locale?: string): Promise<LoadedKnowledgeBase> {
  const manifestPath = join(dir, 'manifest.json')
  const text = await readFile(manifestPath, 'utf8').catch(() => {
    throw new Error(`no knowledge base at ${dir} (missing manifest.json): run \`signpost build\` first`)
  })
  const manifest = assertManifest(JSON.parse(text), manifestPath)
  const wanted = locale ?? manifest.defaultLocale
  const entry = manifest.locales.find((l) => l.locale === wanted)
  if (!entry) throw new Error(`locale "${wanted}" is not in ${manifestPath} (it has ${manifest.locales.map((l) => l.locale).join(', ')})`)
  const [primary, body] = await Promise.all([readFile(join(dir, entry.primaryIndex), 'utf8'), readFile(join(dir, entry.bodyIndex), 'utf8')])
  const articles = new Map(manifest.articles.filter((a) => a.locale === wanted).map((a) => [a.id, a]))
  // The titles the widget passes too: the CLI must rank exactly as customers see it.
  const titles = new Map([...articles.values()].map((a) => [a.id, a.title]))
  const index = loadSearchIndex({ locale: wanted, primary, body, synonyms: entry.synonyms, titles })
  return {
    manifest,
    locale: wanted,
    index,
    articles,
    shard: async (id) => JSON.parse(await readFile(join(dir, articles.get(id)!.shard), 'utf8')) as ArticleShard,
  }
}
