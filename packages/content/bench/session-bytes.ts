/**
 * Bytes a help session downloads: the first result's (manifest + primary index), then the body's
 * table and the shards its queries need, each file once, gzip. A session is three consecutive
 * questions of a set, as a customer who rephrases twice.
 */
import { gzipSync } from 'node:zlib'
import { loadPrimaryIndex, type Manifest, missingShards, openBody } from '@signpost/core'

export interface SessionBytes {
  firstResult: number
  table: number
  /** Per session of 3 queries, everything fetched. */
  sessions: number[]
  shardCount: number
}

export function sessionBytes(manifest: Manifest, files: ReadonlyMap<string, string | Buffer>, queries: string[]): SessionBytes {
  const gz = (name: string) => gzipSync(files.get(name) ?? '', { level: 6 }).length
  const locale = manifest.locales[0]!
  const index = loadPrimaryIndex({ locale: locale.locale, primary: JSON.parse(String(files.get(locale.primaryIndex))), synonyms: locale.synonyms })
  const body = openBody(String(files.get(locale.bodyIndex)), locale.locale)
  const firstResult = gz('manifest.json') + gz(locale.primaryIndex)
  const table = gz(locale.bodyIndex)
  const shardBytes = body.parts.map((p) => (p.file ? gz(p.file) : 0))
  const sessions: number[] = []
  for (let i = 0; i + 3 <= queries.length; i += 3) {
    const fetched = new Set(queries.slice(i, i + 3).flatMap((q) => missingShards(index, body, q)))
    sessions.push(firstResult + table + [...fetched].reduce((sum, j) => sum + shardBytes[j]!, 0))
  }
  return { firstResult, table, sessions, shardCount: body.parts.length }
}
