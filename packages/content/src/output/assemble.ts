import { createHash } from 'node:crypto'
import {
  type ArticleShard,
  type Manifest,
  type ManifestArticle,
  type ManifestLocale,
  type SemanticTable,
  type Synonyms,
  SEMANTIC_FORMAT_VERSION,
  BODY_FIELDS,
  KB_FORMAT_VERSION,
  PRIMARY_FIELDS,
} from '@signpost/core'
import type { RenderedArticle } from '../article.ts'
import { createLearnedCounter, type LearnedIndex, learnedSynonyms } from '../learned/learned-terms.ts'
import { packInt4 } from '../semantic/int4.ts'
import type { SemanticLocale } from '../semantic/semantic-output.ts'
import { aliasMap } from '../validate.ts'
import { synonymsFor } from './audiences.ts'
import { serializePieces, serializeTable, serializeTerms, shardTerms } from './search-index.ts'

/** Output path (relative to the out dir) → content. Every name but manifest.json is content-hashed. */
export type OutputFiles = Map<string, string | Buffer>

const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb'])
const RELATED_COUNT = 5
const LEARNED_FIELD = PRIMARY_FIELDS.indexOf('learned')
/**
 * Size of a body shard's JSON. A query fetches a shard per word (more for a word being typed):
 * smaller shards fetch fewer unused terms, more of them cost a request each. On business-central,
 * a session of 3 questions fetched 350 KB gzip with 8 KB shards, 398 KB with 16 KB, 501 KB with 32 KB.
 */
const BODY_SHARD_BYTES = 12 * 1024

const hash = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 10)

interface AssembleInput {
  articles: RenderedArticle[]
  synonyms: Record<string, Synonyms>
  assets: Map<string, { url: string; data: Buffer }>
  /** Queries and views learned from traffic (`--learned`). */
  learned?: LearnedIndex
  /** Word and article vectors per locale (`--semantic`). */
  semantic?: Map<string, SemanticLocale>
  /** Articles of other audiences' knowledge bases: links to them become text, naming nothing of them. */
  hidden?: RenderedArticle[]
}

interface AssembleOptions {
  defaultLocale: string
  /** Called with each file as soon as it is final (manifest.json last), so writing can start early. */
  onFile?: (name: string, data: string | Buffer) => void
}

/**
 * Turns rendered articles into the static knowledge base: one shard per article, a primary and a
 * body search index per locale, the images, and manifest.json. Same input, byte-identical output.
 */
export function assembleOutput(
  input: AssembleInput,
  options: AssembleOptions,
): { manifest: Manifest; files: OutputFiles } {
  const files: OutputFiles = new Map()
  const add = (name: string, data: string | Buffer) => {
    files.set(name, data)
    options.onFile?.(name, data)
  }
  const byLocale = new Map<string, Map<string, RenderedArticle>>()
  for (const a of input.articles) {
    const list = byLocale.get(a.locale) ?? new Map<string, RenderedArticle>()
    // A duplicate id was reported by the checks; the first file wins.
    if (!list.has(a.id)) list.set(a.id, a)
    byLocale.set(a.locale, list)
  }
  const localeNames = [...byLocale.keys()].sort()
  const manifestArticles: ManifestArticle[] = []
  const locales: ManifestLocale[] = []
  const countLearned = createLearnedCounter()
  const hiddenIds = hiddenTargets(input.hidden ?? [])
  const hiddenByLocale = new Map<string, RenderedArticle[]>()
  for (const a of input.hidden ?? []) hiddenByLocale.set(a.locale, [...(hiddenByLocale.get(a.locale) ?? []), a])

  for (const locale of localeNames) {
    const list = [...byLocale.get(locale)!.values()].sort((a, b) => (a.id < b.id ? -1 : 1))
    const aliases = aliasMap(list)
    const ids = new Set(list.map((a) => a.id))
    const resolve = (id: string) => (ids.has(id) ? id : aliases.get(id))
    const related = relatedArticles(list, resolve)
    const learned = input.learned?.get(locale)

    for (const a of list) {
      const links = [...new Set(a.links.map((l) => resolve(l.id)).filter((id): id is string => id !== undefined))]
      const shard: ArticleShard = {
        format: KB_FORMAT_VERSION,
        id: a.id,
        locale,
        title: a.title,
        html: withoutLinksTo(rewriteAliasLinks(a.html, aliases, ids), hiddenIds.get(locale), ids),
        headings: a.headings,
        links,
        related: related.get(a.id) ?? [],
      }
      const json = JSON.stringify(shard)
      const h = hash(json)
      const shardName = `articles/${locale}/${a.id}.${h}.json`
      add(shardName, json)
      const fm = a.frontmatter
      manifestArticles.push({
        id: a.id,
        locale,
        title: a.title,
        summary: a.summary,
        ...(fm.category ? { category: fm.category } : {}),
        ...(fm.tags.length ? { tags: fm.tags } : {}),
        ...(fm.routes.length ? { routes: fm.routes } : {}),
        ...(fm.aliases.length ? { aliases: fm.aliases } : {}),
        ...(fm.order !== undefined ? { order: fm.order } : {}),
        ...(fm.updated ? { updated: fm.updated } : {}),
        ...(learned?.get(a.id)?.views ? { views: learned.get(a.id)!.views } : {}),
        ...(fm.draft ? { draft: true as const } : {}),
        hash: h,
        shard: shardName,
      })
    }
    // Words were counted as each article was rendered (search-terms.ts): this only merges the counts.
    const order = list.map((a) => a.id)
    const primaryTerms = list.map((a) => {
      const taught = learned?.get(a.id)
      // The render threads counted the writer's fields; traffic's queries fill the learned field here.
      return taught ? a.terms.primary.map((f, i) => (i === LEARNED_FIELD ? countLearned(locale, taught) : f)) : a.terms.primary
    })
    const primaryJson = serializeTerms(order, primaryTerms, PRIMARY_FIELDS)
    const body = serializePieces(order, list.map((a) => a.terms.body), BODY_FIELDS)
    // Shards of the body's terms, fetched for the words typed; the table lists them in term order.
    const shards = shardTerms(body.terms, BODY_SHARD_BYTES).map((shard, j) => {
      const name = `index/${locale}.body-${j}.${hash(shard.json)}.json`
      add(name, shard.json)
      return { first: shard.first, file: name }
    })
    const primaryName = `index/${locale}.primary.${hash(primaryJson)}.json`
    const bodyJson = serializeTable(body.table, { shards })
    const bodyName = `index/${locale}.body.${hash(bodyJson)}.json`
    add(primaryName, primaryJson)
    add(bodyName, bodyJson)
    const layer = input.semantic?.get(locale)
    const semanticName = layer ? addSemantic(locale, layer, order, add) : undefined
    locales.push({
      locale,
      dir: RTL.has(locale.split('-')[0]!) ? 'rtl' : 'ltr',
      primaryIndex: primaryName,
      bodyIndex: bodyName,
      // Writers' synonyms win over those learned from traffic.
      synonyms: { ...(learned ? learnedSynonyms(locale, learned, list) : {}), ...synonymsFor(input.synonyms[locale] ?? {}, list, hiddenByLocale.get(locale) ?? [], locale) },
      articleCount: list.length,
      ...(semanticName ? { semantic: semanticName } : {}),
    })
  }

  const used = new Set(input.articles.flatMap((a) => a.images))
  for (const [rel, { url, data }] of [...input.assets].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (used.has(rel)) add(url, data)
  }
  const manifest: Manifest = {
    format: KB_FORMAT_VERSION,
    build: hash([...files.keys()].sort().join('\n')),
    defaultLocale: localeNames.includes(options.defaultLocale) ? options.defaultLocale : (localeNames[0] ?? options.defaultLocale),
    locales,
    articles: manifestArticles,
  }
  add('manifest.json', JSON.stringify(manifest))
  return { manifest, files }
}

/**
 * A locale's semantic table and its word buckets. The buckets sit in a folder named by the hash of
 * them all, so the table names one folder instead of thousands of files and every file stays immutable.
 */
function addSemantic(locale: string, layer: SemanticLocale, order: string[], add: (name: string, data: string) => void): string {
  const bucketJson = layer.buckets.map((b) => JSON.stringify(b))
  const dir = `index/${locale}.words.${hash(bucketJson.join('\n'))}/`
  for (const [n, json] of bucketJson.entries()) add(`${dir}${n}.json`, json)
  const vectors = packInt4(order.map((id) => layer.articles.get(id)!), layer.dims)
  const table: SemanticTable = {
    format: SEMANTIC_FORMAT_VERSION,
    model: layer.model,
    dims: layer.dims,
    buckets: { dir: bucketJson.length > 0 ? dir : '', count: bucketJson.length },
    scale: layer.scale,
    articles: { vectors: Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength).toString('base64'), scale: layer.articleScale },
    completions: layer.completions,
    ...(layer.common ? { common: layer.common } : {}),
    ...(layer.words ? { words: layer.words } : {}),
  }
  const json = JSON.stringify(table)
  const name = `index/${locale}.semantic.${hash(json)}.json`
  add(name, json)
  return name
}

function rewriteAliasLinks(html: string, aliases: Map<string, string>, ids: Set<string>): string {
  if (aliases.size === 0) return html
  return html.replace(/(href="#signpost:|data-signpost-article=")([^"]+)"/g, (m, attr: string, id: string) => {
    const target = ids.has(id) ? undefined : aliases.get(id)
    return target ? `${attr}${target}"` : m
  })
}

/** Per locale, the ids and aliases of the articles a knowledge base must not name. */
function hiddenTargets(hidden: RenderedArticle[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const a of hidden) {
    const set = out.get(a.locale) ?? new Set<string>()
    for (const id of [a.id, ...a.frontmatter.aliases]) set.add(id)
    out.set(a.locale, set)
  }
  return out
}

/**
 * A link to an article readers of this knowledge base may not see becomes its text: the link
 * would be dead for them, and its target's id would name the article (`signpost check` warns).
 */
function withoutLinksTo(html: string, hidden: Set<string> | undefined, ids: Set<string>): string {
  if (!hidden) return html
  return html.replace(/<a\b[^>]*\s(?:data-signpost-article="|href="#signpost:)([^"]+)"[^>]*>([\s\S]*?)<\/a>/g, (m, id: string, inner: string) =>
    hidden.has(unescapeAttr(id)) && !ids.has(unescapeAttr(id)) ? inner : m,
  )
}

const unescapeAttr = (s: string) => s.replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

/** Related: articles it links to, then articles linking to it, then its category siblings by order. */
function relatedArticles(list: RenderedArticle[], resolve: (id: string) => string | undefined): Map<string, string[]> {
  const inbound = new Map<string, string[]>()
  for (const a of list) {
    for (const l of a.links) {
      const target = resolve(l.id)
      if (target && target !== a.id) inbound.set(target, [...(inbound.get(target) ?? []), a.id])
    }
  }
  const byCategory = new Map<string, RenderedArticle[]>()
  for (const a of list) {
    const c = a.frontmatter.category
    if (c) byCategory.set(c, [...(byCategory.get(c) ?? []), a])
  }
  for (const siblings of byCategory.values()) {
    siblings.sort((x, y) => (x.frontmatter.order ?? 1e9) - (y.frontmatter.order ?? 1e9) || (x.id < y.id ? -1 : 1))
  }
  const out = new Map<string, string[]>()
  for (const a of list) {
    const picks = new Set<string>()
    const take = (id: string | undefined) => {
      if (id && id !== a.id && picks.size < RELATED_COUNT) picks.add(id)
    }
    for (const l of a.links) take(resolve(l.id))
    for (const id of inbound.get(a.id) ?? []) take(id)
    for (const s of byCategory.get(a.frontmatter.category ?? '') ?? []) take(s.id)
    out.set(a.id, [...picks])
  }
  return out
}
