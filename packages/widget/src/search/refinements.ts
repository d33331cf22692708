/**
 * What the search worker refines its first results with, loaded with the body's table (the first
 * results come from the primary index and never wait for this code): the body index's shards for
 * the words typed, and, for a knowledge base built with `--semantic`, the word vectors of the
 * words typed. Each file is fetched once.
 */
import { type ManifestLocale, missingShards, openBody, type SearchIndex, withShard } from '@signpost/core'

// Highlighting comes with the refinements too: until they arrive (a moment after the first
// results), titles and summaries show unmarked.
export { highlight, snippet } from '@signpost/core'
import type { WordBucket } from '@signpost/core/semantic'
import { kbFile } from '../kb/knowledge-base.ts'

type FetchJson = (url: string) => Promise<unknown>

/** Refines `index` for `query`: resolves with the index holding what arrived, or undefined when nothing was missing. */
export type Refine = (index: SearchIndex, query: string) => Promise<SearchIndex | undefined>

/** The index with the body's table, and how to fetch what later queries need. */
export async function createRefinements(
  index: SearchIndex,
  locale: ManifestLocale,
  articleIds: string[],
  base: string,
  fetchJson: FetchJson,
): Promise<{ index: SearchIndex; refine: Refine }> {
  const url = (file: string) => kbFile(file, base)
  let body = openBody((await fetchJson(url(locale.bodyIndex))) as never, locale.locale)
  const semanticCode = locale.semantic ? await import('@signpost/core/semantic') : undefined
  const semantic = semanticCode && locale.semantic ? semanticCode.loadSemantic((await fetchJson(url(locale.semantic))) as never, articleIds) : undefined
  const requested = new Set<string>()
  /** The keys not asked for yet, now marked as asked. */
  const take = (keys: string[]) =>
    keys.filter((k) => {
      if (requested.has(k)) return false
      requested.add(k)
      return true
    })

  const refine: Refine = async (current, query) => {
    const shards = take(missingShards(current, body, query).map(String)).map(Number)
    const buckets = semantic && semanticCode ? take(semanticCode.missingBuckets(semantic, query, current.locale).map((n) => `w${n}`)).map((k) => Number(k.slice(1))) : []
    if (shards.length === 0 && buckets.length === 0) return undefined
    try {
      const [entries, words] = await Promise.all([
        Promise.all(shards.map((j) => fetchJson(url(body.parts[j]!.file!)))),
        Promise.all(buckets.map((n) => fetchJson(url(semanticCode!.bucketFile(semantic!, n))) as Promise<WordBucket>)),
      ])
      for (const [k, j] of shards.entries()) body = withShard(body, j, entries[k])
      for (const [k, n] of buckets.entries()) semanticCode!.withWordBucket(semantic!, n, words[k]!)
      return { ...current, body }
    } catch (error) {
      // Asked again by the next query.
      for (const j of shards) requested.delete(String(j))
      for (const n of buckets) requested.delete(`w${n}`)
      throw error
    }
  }
  return { index: { ...index, body, ...(semantic ? { semantic } : {}) }, refine }
}
