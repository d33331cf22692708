import { describe, expect, it } from 'vitest'
import { createBodyIndex, createPrimaryIndex, loadSearchIndex, missingShards, openBody, type SearchIndex, search, withShard } from '../index.ts'
import { partsFor } from './body.ts'

const docs = [
  { id: 'billing/cancel', title: 'Cancel your subscription', body: 'Open Billing and choose Cancel plan. Invoices stay available.' },
  { id: 'billing/refunds', title: 'Refunds', body: 'Refunds are returned to the original card within ten days.' },
  { id: 'data/export', title: 'Export your data', body: 'Exports include invoices and the audit log as a zip archive.' },
  { id: 'team/invite', title: 'Invite teammates', body: 'Teammates get an email with a link to join your workspace.' },
]

/** A primary index, and the body as `signpost build` writes it: a table and shards cut at `bounds`. */
function sharded(bounds: string[]) {
  const primary = createPrimaryIndex('en')
  const body = createBodyIndex('en')
  for (const d of docs) {
    primary.add({ id: d.id, title: d.title, keywords: '', tags: '' })
    body.add({ id: d.id, summary: '', headings: '', body: d.body })
  }
  const whole = JSON.parse(JSON.stringify(body)) as { index: [string, unknown][] }
  const firsts = ['', ...bounds]
  const shards = firsts.map((first, j) => whole.index.filter(([term]) => term >= first && (j + 1 === firsts.length || term < firsts[j + 1]!)))
  const table = { ...whole, index: [], shards: firsts.map((first, j) => ({ first, file: `body-${j}.json` })) }
  return { primary: JSON.stringify(primary), table, shards, whole }
}

const ids = (index: SearchIndex, q: string) => search(index, q).map((h) => h.id)

describe('a body index cut into shards', () => {
  it('finds a shard for every term and every shard a prefix may reach', () => {
    const parts = [{ first: '' }, { first: 'card' }, { first: 'invoic' }, { first: 'refund' }]
    expect(partsFor(parts, 'archiv', false)).toEqual([0])
    expect(partsFor(parts, 'card', false)).toEqual([1])
    expect(partsFor(parts, 'zip', false)).toEqual([3])
    expect(partsFor(parts, 'in', true)).toEqual([1, 2])
    expect(partsFor(parts, 'ca', true)).toEqual([0, 1])
  })

  it('asks only for the shards a query needs, and ranks as the whole index once they are loaded', () => {
    const { primary, table, shards, whole } = sharded(['f', 'p'])
    let body = openBody(table as never, 'en')
    let index: SearchIndex = { ...loadSearchIndex({ locale: 'en', primary }), body }
    const query = 'zip archive'
    expect(missingShards(index, body, query)).toEqual([0, 2])
    // Before the shards arrive, the primary index answers alone.
    expect(ids(index, query)).toEqual([])
    for (const j of missingShards(index, body, query)) body = withShard(body, j, shards[j])
    index = { ...index, body }
    expect(missingShards(index, body, query)).toEqual([])
    const reference = loadSearchIndex({ locale: 'en', primary, body: JSON.stringify(whole) })
    expect(search(index, query)).toEqual(search(reference, query))
    expect(ids(index, query)).toEqual(['data/export'])
  })

  it('loads every shard at once for the CLI, ranking exactly as one index', () => {
    const { primary, table, shards, whole } = sharded(['c', 'j', 'r'])
    const all = loadSearchIndex({ locale: 'en', primary, body: table as never, bodyShards: shards })
    const reference = loadSearchIndex({ locale: 'en', primary, body: JSON.stringify(whole) })
    for (const q of ['invoices', 'card refund', 'email link to join', 'inv']) expect(search(all, q)).toEqual(search(reference, q))
  })
})
