import MiniSearch, { type AsPlainObject } from 'minisearch'
import { BODY_FIELDS, indexOptions } from './fields.ts'

/**
 * The body index (summary, headings and text of each article), cut by term range into shards that
 * a browser fetches for the words typed, as Pagefind does. Its table file (the manifest's
 * `bodyIndex`) is MiniSearch's JSON without terms (article ids and field lengths, which every
 * score needs) plus `shards`: `[{ first, file }]` in term order, shard j holding the terms from its
 * `first` up to the next one's (files relative to the manifest), each a JSON list of MiniSearch's
 * term entries. A table without `shards` carries its terms itself, as one part.
 */
export interface BodyIndex {
  parts: BodyPart[]
  /** The table every shard is loaded with (terms left out). */
  table?: AsPlainObject
  locale: string
}

export interface BodyPart {
  /** First term of the range; the range ends before the next part's `first`. */
  first: string
  /** File of the shard, relative to the manifest; absent for terms carried in the table. */
  file?: string
  /** Loaded once fetched. */
  index?: MiniSearch
}

type Serialized = string | AsPlainObject
type Table = AsPlainObject & { shards?: unknown }

function load(data: AsPlainObject, locale: string): MiniSearch {
  return MiniSearch.loadJS(data, indexOptions(locale, BODY_FIELDS))
}

/** Opens a body table. Shards are loaded later (`withShard`), or all at once by `loadBody` with `shards`. */
export function openBody(data: Serialized, locale: string): BodyIndex {
  const table = (typeof data === 'string' ? JSON.parse(data) : data) as Table
  if (!Array.isArray(table.shards)) return { parts: [{ first: '', index: load(table, locale) }], locale }
  const parts = (table.shards as { first: string; file: string }[]).map((s) => ({ first: s.first, file: s.file }))
  return { parts, table: { ...table, index: [] } as AsPlainObject, locale }
}

/** Term entries of a fetched shard file. */
type ShardEntries = AsPlainObject['index']

/** The body with shard `j` loaded from its fetched entries. */
export function withShard(body: BodyIndex, j: number, entries: unknown): BodyIndex {
  if (!body.table) return body
  const parts = body.parts.slice()
  parts[j] = { ...parts[j]!, index: load({ ...body.table, index: entries as ShardEntries }, body.locale) }
  return { ...body, parts }
}

/** A body with every shard's entries at hand (the CLI reads them all): one index, as if never cut. */
export function loadBody(data: Serialized, locale: string, shards: unknown[] = []): BodyIndex {
  const body = openBody(data, locale)
  if (!body.table) return body
  const index = load({ ...body.table, index: shards.flat() as ShardEntries }, locale)
  return { parts: [{ first: '', index }], locale }
}

/** The parts whose term range holds `term` (or, for a prefix, any word starting with it). */
export function partsFor(parts: readonly BodyPart[], term: string, prefix: boolean): number[] {
  const upper = prefix ? `${term}\uffff` : term
  const out: number[] = []
  for (let j = 0; j < parts.length; j++) {
    const next = parts[j + 1]?.first
    if (parts[j]!.first <= upper && (next === undefined || next > term)) out.push(j)
  }
  return out
}
