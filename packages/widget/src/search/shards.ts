/**
 * The body index in the search worker, loaded with the body's table: the first results come from
 * the primary index and never wait for this code. Shards are fetched for the words typed, each
 * once; `onLoaded` runs when a query's shards are in, so the page searches again.
 */
import { type BodyIndex, missingShards, openBody, type SearchIndex, withShard } from '@signpost/core'

export interface Body {
  index: BodyIndex
  /** Fetches what `query` needs and not yet loaded; resolves with the body holding it, or undefined when nothing was missing. */
  fetchFor(search: SearchIndex, query: string): Promise<BodyIndex | undefined>
}

export function createBody(table: unknown, locale: string, base: string, fetchJson: (url: string) => Promise<unknown>): Body {
  const requested = new Set<number>()
  const body: Body = {
    index: openBody(table as never, locale),
    async fetchFor(search, query) {
      const wanted = missingShards(search, body.index, query).filter((j) => !requested.has(j))
      if (wanted.length === 0) return undefined
      for (const j of wanted) requested.add(j)
      try {
        const entries = await Promise.all(wanted.map((j) => fetchJson(new URL(body.index.parts[j]!.file!, base).href)))
        for (const [n, j] of wanted.entries()) body.index = withShard(body.index, j, entries[n])
        return body.index
      } catch (error) {
        for (const j of wanted) requested.delete(j)
        throw error
      }
    },
  }
  return body
}
