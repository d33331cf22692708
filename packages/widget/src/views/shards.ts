import type { ArticleShard } from '@signpost/core'

const shards = new Map<string, Promise<ArticleShard>>()

/** An article shard, fetched once. */
export function fetchShard(url: string): Promise<ArticleShard> {
  let promise = shards.get(url)
  if (!promise) {
    promise = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`signpost: GET ${url} answered ${r.status}`)
      return r.json() as Promise<ArticleShard>
    })
    shards.set(url, promise)
    promise.catch(() => shards.delete(url))
  }
  return promise
}
