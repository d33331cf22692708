import { describe, expect, it } from 'vitest'
import { createBodyIndex, createPrimaryIndex, loadSearchIndex, loadSemantic, missingBuckets, search, type SemanticTable, type WordBucket, wordBucket, withWordBucket } from '../index.ts'

const docs = [
  { id: 'billing/cancel', title: 'Cancel your subscription', body: 'Open Billing and choose Cancel plan.' },
  { id: 'purchasing/vendors', title: 'Add a vendor', body: 'Vendors are the companies you buy from.' },
  { id: 'account/password', title: 'Reset your password', body: 'Use the forgot password link.' },
]
/** Three directions of meaning: money leaving, buying from someone, getting into an account. */
const meaning: Record<string, [number, number, number]> = {
  cancel: [1, 0, 0], subscription: [1, 0, 0], billing: [1, 0, 0], stop: [1, 0, 0], billed: [1, 0.1, 0],
  vendor: [0, 1, 0], vendors: [0, 1, 0], add: [0.2, 0.2, 0.2], supplier: [0.05, 1, 0], new: [0.1, 0.1, 0.1],
  reset: [0, 0, 1], password: [0, 0, 1], forgot: [0, 0, 1], login: [0, 0.1, 1],
}
const COUNT = 4

const b64 = (values: number[]) => btoa(String.fromCharCode(...values.map((v) => v & 0xff)))
const q8 = (v: number[]) => v.map((x) => Math.round(x * 100))
/** 4 bits a dimension, two to a byte (the low half first), as the build writes article vectors. */
const q4 = (v: number[]) => {
  const q = v.map((x) => Math.max(-7, Math.min(7, Math.round(x * 7))))
  return Array.from({ length: Math.ceil(q.length / 2) }, (_, k) => (q[2 * k]! & 0xf) | ((q[2 * k + 1] ?? 0) & 0xf) << 4)
}

function bucket(words: string[]): WordBucket {
  return { w: words, s: words.map(() => 1), v: b64(words.flatMap((w) => q8(meaning[w]!))) }
}

function table(): SemanticTable {
  const articleWords = [['cancel', 'subscription'], ['add', 'vendor'], ['reset', 'password']]
  const vectors = articleWords.flatMap((ws) => q4([0, 1, 2].map((d) => ws.reduce((s, w) => s + meaning[w]![d]!, 0) / 2)))
  return {
    format: 2,
    model: 'hand-made',
    dims: 3,
    buckets: { dir: 'index/en.words.test/', count: COUNT },
    scale: [0.01, 0.01, 0.01],
    articles: { vectors: b64(vectors), scale: [1 / 7, 1 / 7, 1 / 7] },
    completions: 'password vendor cancel subscription vendors',
  }
}

function buckets(): Map<number, WordBucket> {
  const byBucket = new Map<number, string[]>()
  for (const w of Object.keys(meaning)) byBucket.set(wordBucket(w, COUNT), [...(byBucket.get(wordBucket(w, COUNT)) ?? []), w])
  return new Map([...byBucket].map(([n, ws]) => [n, bucket(ws)]))
}

function build(withBuckets: boolean) {
  const primary = createPrimaryIndex('en')
  const body = createBodyIndex('en')
  for (const d of docs) {
    primary.add({ id: d.id, title: d.title, keywords: '', tags: '' })
    body.add({ id: d.id, summary: '', headings: '', body: d.body })
  }
  return loadSearchIndex({
    locale: 'en',
    primary: JSON.stringify(primary),
    body: JSON.stringify(body),
    titles: new Map(docs.map((d) => [d.id, d.title])),
    semantic: loadSemantic(table(), docs.map((d) => d.id), withBuckets ? buckets() : undefined),
  })
}

describe('search with meaning', () => {
  it('finds an article by a word it never uses but means the same', () => {
    const index = build(true)
    expect(search(index, 'new supplier ')[0]?.id).toBe('purchasing/vendors')
    // Without vectors the same query finds nothing: no article has either word.
    expect(search(build(false), 'new supplier ')).toEqual([])
  })

  it('keeps a keyword match first when meaning agrees', () => {
    expect(search(build(true), 'reset password ')[0]?.id).toBe('account/password')
  })

  it('ranks by keywords alone with keywordWeight 1', () => {
    expect(search(build(true), 'new supplier ', { keywordWeight: 1 })).toEqual([])
  })

  it('asks for the buckets of the words typed, completing the word being typed', () => {
    const index = build(false)
    const semantic = index.semantic!
    const needed = missingBuckets(semantic, 'supplier vend', 'en')
    expect(needed).toEqual([...new Set([wordBucket('supplier', COUNT), wordBucket('vendor', COUNT)])].sort((a, b) => a - b))
    for (const [n, b] of buckets()) if (needed.includes(n)) withWordBucket(semantic, n, b)
    expect(missingBuckets(semantic, 'supplier vend', 'en')).toEqual([])
    expect(search(index, 'supplier vend')[0]?.id).toBe('purchasing/vendors')
  })

  it('ignores a table of an older format and searches by keywords alone', () => {
    expect(loadSemantic({ ...table(), format: 1 } as unknown as SemanticTable, docs.map((d) => d.id), buckets())).toBeUndefined()
  })

  it('applies the filter to articles meaning brings in', () => {
    const hits = search(build(true), 'new supplier ', { filter: (id) => id !== 'purchasing/vendors' })
    expect(hits.map((h) => h.id)).not.toContain('purchasing/vendors')
  })
})
