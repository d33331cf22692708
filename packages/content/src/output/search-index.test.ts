import { BODY_FIELDS, createBodyIndex, createPrimaryIndex, indexOptions, loadSearchIndex, PRIMARY_FIELDS, search } from '@signpost/core'
import { describe, expect, it } from 'vitest'
import { serializeIndex, wordCachedTokenize } from './search-index.ts'

const primaryDocs = [
  { id: 'billing/refunds', title: 'Refunds and returns', keywords: 'money back \n refund policy', tags: 'billing \n ' },
  { id: 'billing/refund-status', title: 'Where is my refund?', keywords: '', tags: 'billing \n Billing' },
  { id: 'account/delete', title: 'Delete your account', keywords: 'close account, cancel', tags: '' },
  { id: 'es/facturas', title: 'Exportación de facturas — Ｒéfund', keywords: 'facturación \n exportar', tags: 'ñandú' },
  { id: 'empty', title: '', keywords: '', tags: '' },
]
const bodyDocs = primaryDocs.map((d, i) => ({
  id: d.id,
  summary: `${d.title} in short. The the the ${i}`,
  headings: i % 2 ? 'Returns \n Returning an item \n returned items' : '',
  body: `${d.keywords} ${d.title} running runs ran runner, refunds refunded refunding. ${'word '.repeat(i)} 日本語のテキスト 2026-01-31 v1.2`,
}))

describe('serializeIndex', () => {
  it('writes exactly what MiniSearch serializes, for both kinds of index', () => {
    for (const locale of ['en', 'es', 'de']) {
      const primary = createPrimaryIndex(locale)
      primary.addAll(primaryDocs)
      expect(serializeIndex(primaryDocs, indexOptions(locale, PRIMARY_FIELDS))).toBe(JSON.stringify(primary))
      const body = createBodyIndex(locale)
      body.addAll(bodyDocs)
      expect(serializeIndex(bodyDocs, indexOptions(locale, BODY_FIELDS))).toBe(JSON.stringify(body))
    }
  })

  it('writes an empty index MiniSearch can load', () => {
    expect(serializeIndex([], indexOptions('en', PRIMARY_FIELDS))).toBe(JSON.stringify(createPrimaryIndex('en')))
  })

  it('is what the search loads and queries', () => {
    const index = loadSearchIndex({
      locale: 'en',
      primary: serializeIndex(primaryDocs, indexOptions('en', PRIMARY_FIELDS)),
      body: serializeIndex(bodyDocs, indexOptions('en', BODY_FIELDS)),
    })
    expect(search(index, 'refund', { limit: 5 }).map((h) => h.id)).toContain('billing/refunds')
    expect(search(index, 'close my account', { limit: 1 })[0]?.id).toBe('account/delete')
  })
})

describe('wordCachedTokenize', () => {
  it('gives exactly the tokens of the index tokenizer, however the text mixes scripts and marks', () => {
    const tokenize = indexOptions('en', BODY_FIELDS).tokenize as (text: string, field: string) => string[]
    const cached = wordCachedTokenize(tokenize)
    const texts = [
      'plain ASCII text, with punctuation!',
      '  Ｒéfund—POLICY? don’t “quote” naïve café ﬁle İstanbul ΟΔΟΣ ΟΔΟΣ. σ Σ',
      'a<\u0338b x \u0308y =\u0338 \u00a0nbsp\u00a0 ok\u2003wide 👍 ok',
      '日本語のテキスト 2026-01-31\tv1.2\n\nnext\rline\fform\vtab',
      'é',
      ' é ',
      '',
      'ASCII then café',
      'café then ASCII',
    ]
    for (const text of texts) {
      expect(cached(text, 'body')).toEqual(tokenize(text, 'body'))
      expect(cached(text, 'body')).toEqual(tokenize(text, 'body'))
    }
  })
})
