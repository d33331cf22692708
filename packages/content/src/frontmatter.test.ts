import { describe, expect, it } from 'vitest'
import { FileDiagnostics } from './diagnostics.ts'
import { parseSource, simpleEntries, yamlEntries } from './frontmatter.ts'

function parse(source: string) {
  const diags = new FileDiagnostics('en/billing/refunds.md')
  const result = parseSource(source, diags)
  return { ...result, diags: diags.list }
}

describe('frontmatter', () => {
  it('reads every key of the content contract', () => {
    const { frontmatter, body, bodyLine } = parse(
      '---\ntitle: Refunds\nsummary: Money back.\nkeywords: [money back, chargeback]\ntags: billing\ncategory: Billing\nroutes: ["/settings/billing"]\norder: 2\ndraft: false\naliases: [old-refunds]\nupdated: 2026-03-01\n---\n# Body\n',
    )
    expect(frontmatter).toMatchObject({
      title: 'Refunds',
      summary: 'Money back.',
      keywords: ['money back', 'chargeback'],
      tags: ['billing'],
      category: 'Billing',
      routes: ['/settings/billing'],
      order: 2,
      draft: false,
      aliases: ['old-refunds'],
      updated: '2026-03-01',
    })
    expect(body).toBe('# Body\n')
    expect(bodyLine).toBe(13)
  })

  it('reports a value of the wrong type at its line and column', () => {
    const { diags } = parse('---\ntitle: Refunds\n  \norder: soon\n---\n')
    expect(diags).toContainEqual(expect.objectContaining({ severity: 'error', line: 4, col: 1, message: 'frontmatter "order": expected a number' }))
  })

  it('reads who may see an article from "audience", as a list or one name', () => {
    expect(parse('---\ntitle: T\naudience: [pro, internal]\n---\n').frontmatter.audience).toEqual(['internal', 'pro'])
    expect(parse('---\ntitle: T\naudience: pro\n---\n').frontmatter.audience).toEqual(['pro'])
    expect(parse('---\ntitle: T\n---\n').frontmatter.audience).toBeUndefined()
    expect(parse('---\ntitle: T\naudience: [public, pro]\n---\n').frontmatter.audience).toBeUndefined()
  })

  it('refuses an audience that is not a list of lowercase names, at its line', () => {
    for (const value of ['[Pro]', '[pro team]', '[]', '{ pro: true }', '[pro, 3]']) {
      const { diags } = parse(`---\ntitle: T\nsummary: S.\naudience: ${value}\n---\n`)
      expect(diags, value).toContainEqual(
        expect.objectContaining({ severity: 'error', line: 4, col: 1, message: 'frontmatter "audience": expected a list of lowercase audience names, like [pro, internal]' }),
      )
    }
  })

  it('says that an article with an empty "audience" is public', () => {
    const { frontmatter, diags } = parse('---\ntitle: T\nsummary: S.\naudience:\n---\n')
    expect(frontmatter.audience).toBeUndefined()
    expect(diags).toEqual([expect.objectContaining({ severity: 'warning', line: 4, message: 'frontmatter "audience" has no value: the article is public' })])
  })

  it('reports broken YAML with the line it is on', () => {
    const { diags } = parse('---\ntitle: Refunds\nsummary: [unclosed\n---\n')
    expect(diags[0]).toMatchObject({ severity: 'error', code: 'frontmatter-syntax', line: 3 })
  })

  it('warns about unknown keys without failing', () => {
    const { diags, frontmatter } = parse('---\ntitle: Refunds\nauthor: kim\n---\n')
    expect(frontmatter.title).toBe('Refunds')
    expect(diags).toEqual([expect.objectContaining({ severity: 'warning', code: 'unknown-key', line: 3 })])
  })

  it('reads Docusaurus and DocFX descriptions and keywords', () => {
    const { frontmatter, diags } = parse('---\ntitle: T\ndescription: From Docusaurus.\nms.search.keywords: vat, tax\n---\n')
    expect(frontmatter.summary).toBe('From Docusaurus.')
    expect(frontmatter.keywords).toEqual(['vat', 'tax'])
    expect(diags).toEqual([])
  })

  it('refuses routes that are not host paths', () => {
    const { diags } = parse('---\ntitle: T\nroutes: [billing]\n---\n')
    expect(diags[0]).toMatchObject({ severity: 'error', line: 3, message: 'frontmatter "routes": routes are host paths starting with "/"' })
  })

  it('reports an unclosed frontmatter block', () => {
    const { diags } = parse('---\ntitle: T\n')
    expect(diags[0]).toMatchObject({ severity: 'error', code: 'unclosed-frontmatter', line: 1 })
  })
})

describe('frontmatter without the YAML library', () => {
  const cases = [
    'title: Refunds\ndescription: How to get your money back:a guide\nms.date: 08/13/2025',
    'description: Money back: a guide',
    'title: "Quoted: with colon"\nsummary: \'single\'\nms.search.form: 900, 901\nms.update-cycle: 180-days',
    'title: A ]\ncategory: x, y\nurl: https://example.com/a?b=c#d\nother: https://example.com/a?b=c\nnote: a%b@c`d|e>f!g&h*i',
    'title: 1.5\norder: 3\ndraft: true\nupdated: 2026-01-31\nkey: ~\nother: yes\nnum: 1_000\nhex: 0x1F',
    'title: x\ntitle: y',
    'tags:\n  - a\n  - b',
    'title: a # comment\nsummary: "esc\\"aped"',
    'title: "unclosed\nsummary: x',
    'title:\nsummary:   \n\nkeywords: a, b\r\ncategory: Billing\r\n',
    'title: é ü 日本\n_private: x\na.b-c: "x\'y"',
    'title: x\n  continued',
    'title: Lists\nms.collection:\n  - bap-ai-copilot\nms.custom:\n - ai-gen-docs-bap\n - ai-seo-date: 06/16/2025\n - ai-seo-date:06/18/2025\ntags:\n- a\n\n- "b c"\nempty:\nms.search.form: 1290',
    'title: Set Up #Required; shown in search results.\n# a comment line\nauthor: jswymer # alias\nlang: C#\nms. search.keywords: cloud, migrate\nms.search.form: 4010,',
    'tags:\n  - a\n - b',
    'tags:\n  - a\n  - b: c\n    d: e',
    'tags:\n  - 007\n  - -1\n  - 1.5',
    'order: 0\nother: 123456789012345',
    'url: https://example.com/#top # the top',
  ]
  it('reads `key: text` lines and lists as the library does, and leaves everything else to it', () => {
    let fast = 0
    for (const yaml of cases) {
      const simple = simpleEntries(yaml)
      if (!simple) continue
      fast++
      const diags = new FileDiagnostics('a.md')
      expect(simple).toEqual(yamlEntries(yaml, diags))
      expect(diags.list).toEqual([])
    }
    expect(fast).toBeGreaterThanOrEqual(7)
    expect(simpleEntries('description: Money back: a guide')).toBeUndefined()
    expect(simpleEntries('url: https://example.com/#top # the top')?.[0]?.value).toBe('https://example.com/#top')
    expect(simpleEntries('title: x\ntitle: y')).toBeUndefined()
    expect(simpleEntries('order: 3.5')).toBeUndefined()
    expect(simpleEntries('tags:\n  - a\n - b')).toBeUndefined()
  })
})
