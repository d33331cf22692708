import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ArticleShard, type Manifest, type ManifestArticle, type SearchIndex, type SemanticTable, type WordBucket, assertManifest, loadSearchIndex, loadSemantic, registerLanguages } from '@signpost/core'

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
  if (!manifest.locales.some((l) => l.locale === wanted)) {
    throw new Error(`locale "${wanted}" is not in ${manifestPath} (it has ${manifest.locales.map((l) => l.locale).join(', ')})`)
  }
  const files = new Map<string, string>()
  const read = async (name: string) => files.set(name, await readFile(join(dir, name), 'utf8'))
  const entry = manifest.locales.find((l) => l.locale === wanted)!
  await Promise.all([read(entry.primaryIndex), read(entry.bodyIndex)])
  await Promise.all(bodyShardFiles(files.get(entry.bodyIndex)!).map(read))
  if (entry.semantic) {
    await read(entry.semantic)
    await Promise.all(bucketFiles(JSON.parse(files.get(entry.semantic)!) as SemanticTable).map(read))
  }
  const articles = new Map(manifest.articles.filter((a) => a.locale === wanted).map((a) => [a.id, a]))
  return {
    manifest,
    locale: wanted,
    index: searchIndexOf(manifest, files, wanted),
    articles,
    shard: async (id) => JSON.parse(await readFile(join(dir, articles.get(id)!.shard), 'utf8')) as ArticleShard,
  }
}

/** The shard files a body table lists (none for a table that carries its terms). */
export function bodyShardFiles(table: string): string[] {
  const shards = (JSON.parse(table) as { shards?: { file: string }[] }).shards
  return shards?.map((s) => s.file) ?? []
}

/** The word bucket files a semantic table names. */
export function bucketFiles(table: SemanticTable): string[] {
  return Array.from({ length: table.buckets.count }, (_, n) => `${table.buckets.dir}${n}.json`)
}

/**
 * A locale's whole search index from a build's files (read from disk or still in memory), with
 * the manifest's titles: what the widget searches once it has every shard.
 */
export function searchIndexOf(manifest: Manifest, files: ReadonlyMap<string, string | Buffer>, locale = manifest.defaultLocale): SearchIndex {
  registerLanguages()
  const entry = manifest.locales.find((l) => l.locale === locale)
  if (!entry) throw new Error(`locale "${locale}" is not in the manifest`)
  const text = (name: string) => {
    const data = files.get(name)
    if (data === undefined) throw new Error(`${name} is listed but missing from the knowledge base`)
    return String(data)
  }
  const body = text(entry.bodyIndex)
  // The titles the widget passes too: the CLI must rank exactly as customers see it.
  const titles = new Map(manifest.articles.filter((a) => a.locale === locale).map((a) => [a.id, a.title]))
  return loadSearchIndex({
    locale,
    primary: text(entry.primaryIndex),
    body,
    bodyShards: bodyShardFiles(body).map((name) => JSON.parse(text(name))),
    synonyms: entry.synonyms,
    titles,
    semantic: entry.semantic ? semanticOf(JSON.parse(text(entry.semantic)) as SemanticTable) : undefined,
  })
  function semanticOf(table: SemanticTable) {
    const buckets = new Map(bucketFiles(table).map((name, n) => [n, JSON.parse(text(name)) as WordBucket]))
    return loadSemantic(table, [...titles.keys()], buckets)
  }
}
