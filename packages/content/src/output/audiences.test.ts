import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { type LearnedFile, search } from '@signpost/core'
import { afterAll, describe, expect, it } from 'vitest'
import { type BuildResult, buildContent } from '../build.ts'
import { searchIndexOf } from '../kb-reader.ts'
import { loadEmbedder, ModelMissingError } from '../semantic/word-table.ts'
import { article, contentFixture } from '../test-support/fixture.ts'

/**
 * Each article carries its audience's marker word everywhere a word can travel into the output:
 * id (file name), title, summary, keywords, tags, heading, body (five times, so the semantic
 * layer's completions take it), image file, image alt and a query learned from traffic.
 */
const MARKERS = { public: 'qzxpub', pro: 'qzxpro', internal: 'qzxint', multi: 'qzxmulti' } as const
type Marker = keyof typeof MARKERS
/** Who may see each marker: the public one is in every knowledge base. */
const READERS: Record<Marker, (kb: string) => boolean> = {
  public: () => true,
  pro: (kb) => kb === 'pro',
  internal: (kb) => kb === 'internal',
  multi: (kb) => kb === 'pro' || kb === 'internal',
}
const KBS = ['public', 'pro', 'internal']

function page(marker: string, audience: string | undefined, title: string, links = '', n = '') {
  const fm = [
    `title: ${title} ${marker}${n}`,
    `summary: How ${marker} works.`,
    `keywords: [${marker} keyword]`,
    `tags: [${marker}tag]`,
    'category: Guides',
    ...(audience ? [`audience: ${audience}`] : []),
  ].join('\n')
  const body = `## The ${marker} heading\n\n${Array(5).fill(`Use ${marker} here.`).join(' ')}\n\n![${marker} diagram](${marker}-diagram.svg)\n\n${links}`
  return article(fm, body)
}
const svg = (marker: string) => `<svg xmlns="http://www.w3.org/2000/svg"><text>${marker}</text></svg>`

const fx = await contentFixture({
  // Links across audiences: the public page to a pro one (dead for public readers), pro to a
  // page pro may see, internal to a public one.
  'guides/qzxpub-start.md': page(MARKERS.public, undefined, 'Start', 'See [the pro setup](qzxpro-setup.md) and [the audit](qzxmulti-audit.md). <a href="#signpost:guides/qzxint-escalate-1">Agents</a> know more.'),
  'guides/qzxpro-setup.md': page(MARKERS.pro, '[pro]', 'Setup', 'See [the audit](qzxmulti-audit.md).'),
  'guides/qzxmulti-audit.md': page(MARKERS.multi, '[pro, internal]', 'Audit'),
  ...Object.fromEntries(
    [1, 2, 3].map((n) => [`guides/qzxint-escalate-${n}.md`, page(MARKERS.internal, '[internal]', 'Escalate case', 'Back to [the start](qzxpub-start.md).', String(n))]),
  ),
  ...Object.fromEntries(Object.values(MARKERS).map((m) => [`guides/${m}-diagram.svg`, svg(m)])),
  // A writer's synonyms naming words only restricted articles use; and one every reader may have.
  'synonyms.yml': 'need help: [qzxint heading, start]\nescalate now: [start]\nqzxpro plan: [setup]\nqzxmulti check: [audit]\nbegin: [start]\n',
})
afterAll(() => fx.cleanup())

/**
 * Each article's marker searched before opening it; the internal articles also share a word
 * they never use (`qzxintsyn`), which the build learns as a synonym of their common title words.
 */
const learned: LearnedFile = {
  format: 1,
  site: 'test',
  from: '2026-09-01',
  to: '2026-11-30',
  pairs: [
    { query: 'qzxpub question', article: 'guides/qzxpub-start', sessions: 5, helpful: 1, contacts: 0 },
    { query: 'qzxpro question', article: 'guides/qzxpro-setup', sessions: 5, helpful: 1, contacts: 0 },
    { query: 'qzxmulti question', article: 'guides/qzxmulti-audit', sessions: 5, helpful: 1, contacts: 0 },
    ...[1, 2, 3].map((n) => ({ query: 'qzxintsyn question', article: `guides/qzxint-escalate-${n}`, sessions: 5, helpful: 1, contacts: 0 })),
  ],
  views: [
    { article: 'guides/qzxpro-setup', sessions: 50 },
    { article: 'guides/qzxint-escalate-1', sessions: 40 },
  ],
}

/** Every file under the out dir, gzip and brotli copies decompressed, by path relative to it. */
function writtenFiles(out: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const e of readdirSync(out, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue
    const path = join(e.parentPath, e.name)
    const raw = readFileSync(path)
    const data = path.endsWith('.gz') ? gunzipSync(raw) : path.endsWith('.br') ? brotliDecompressSync(raw) : raw
    files.set(relative(out, path).split(sep).join('/'), data.toString('utf8').toLowerCase())
  }
  return files
}

/** The knowledge base a written file belongs to. */
const kbOf = (name: string) => /^audiences\/([^/]+)\//.exec(name)?.[1] ?? 'public'

/** Each knowledge base's files, named relative to its own manifest, as the widget reads them. */
function filesOf(result: BuildResult, kb: string): Map<string, string | Buffer> {
  const prefix = kb === 'public' ? '' : `audiences/${kb}/`
  return new Map([...result.files].filter(([name]) => kbOf(name) === kb).map(([name, data]) => [name.slice(prefix.length), data]))
}
const manifestOf = (result: BuildResult, kb: string) => (kb === 'public' ? result.manifest : result.audiences[kb]!)

/** The isolation assertions, for a build with or without the semantic layer. */
async function assertIsolated(out: string, semantic: boolean | 'local') {
  const result = await buildContent({ root: fx.root, out, learned, semantic, cacheDir: join(fx.dir, 'cache'), semanticTuning: { base: ['help', 'question'] } })
  expect(result.errors).toBe(0)
  const written = writtenFiles(out)
  expect([...written.keys()].sort()).toEqual([...result.files.keys()].sort())

  for (const [name, text] of written) {
    for (const [marker, word] of Object.entries(MARKERS) as [Marker, string][]) {
      if (!READERS[marker](kbOf(name))) expect(text.includes(word), `${word} in ${name}`).toBe(false)
    }
  }
  // Each knowledge base holds what it may: its articles' words in its manifest, search and semantic files.
  for (const kb of KBS) {
    const own = [...written].filter(([name]) => kbOf(name) === kb)
    for (const [marker, word] of Object.entries(MARKERS) as [Marker, string][]) {
      if (!READERS[marker](kb)) continue
      expect(own.some(([name, text]) => name.endsWith('manifest.json') && text.includes(word)), `${word} in ${kb}'s manifest`).toBe(true)
      expect(own.some(([name, text]) => /\.body-\d+\./.test(name) && text.includes(word)), `${word} in ${kb}'s body index`).toBe(true)
      expect(own.some(([name, text]) => name.includes('images/') && text.includes(word)), `${word}'s image in ${kb}`).toBe(true)
      if (semantic) expect(own.some(([name, text]) => /\.(semantic|words)\./.test(name) && text.includes(word)), `${word} in ${kb}'s semantic files`).toBe(true)
    }
  }
  return result
}

describe('audience-scoped knowledge bases', () => {
  const out = join(fx.dir, 'kb')
  let result: BuildResult
  it('writes no word of an article into a file of a knowledge base whose readers it does not name', async () => {
    result = await assertIsolated(out, false)
    expect(Object.keys(result.audiences)).toEqual(['internal', 'pro'])
  })

  it('finds an audience’s article only in the knowledge bases of the audiences it names', () => {
    const found = (kb: string, q: string) => search(searchIndexOf(manifestOf(result, kb), filesOf(result, kb)), q).map((h) => h.id)
    expect(found('public', 'qzxpub')).toEqual(['guides/qzxpub-start'])
    expect(found('public', 'qzxpro')).toEqual([])
    expect(found('pro', 'qzxpro')).toEqual(['guides/qzxpro-setup'])
    expect(found('pro', 'qzxpub')).toEqual(['guides/qzxpub-start'])
    expect(found('internal', 'qzxmulti')).toEqual(['guides/qzxmulti-audit'])
    expect(found('internal', 'qzxpro')).toEqual([])
    // A query learned from traffic, by a word no article uses.
    expect(found('internal', 'qzxintsyn')).toHaveLength(3)
    expect(found('pro', 'qzxintsyn')).toEqual([])
  })

  it('lists an audience’s articles, views and synonyms (learned and the writer’s) only in its own manifest', () => {
    const ids = (kb: string) => manifestOf(result, kb).articles.map((a) => a.id)
    expect(ids('public')).toEqual(['guides/qzxpub-start'])
    expect(ids('pro')).toEqual(['guides/qzxmulti-audit', 'guides/qzxpro-setup', 'guides/qzxpub-start'])
    expect(ids('internal')).toHaveLength(5)
    expect(result.audiences.pro!.articles.find((a) => a.id === 'guides/qzxpro-setup')!.views).toBe(50)
    expect(result.audiences.internal!.locales[0]!.synonyms.qzxintsyn).toEqual(expect.arrayContaining(['escalate']))
    // The writer's synonyms: each knowledge base keeps what names only words its readers may see.
    const synonyms = (kb: string) => manifestOf(result, kb).locales[0]!.synonyms
    expect(synonyms('public')).toEqual({ 'need help': ['start'], begin: ['start'] })
    expect(synonyms('public')['qzxpro plan']).toBeUndefined()
    expect(synonyms('internal')).toMatchObject({ 'need help': ['qzxint heading', 'start'], 'escalate now': ['start'] })
    expect(synonyms('pro')['qzxpro plan']).toEqual(['setup'])
  })

  it('keeps a link to an article its readers may see, and turns one to an article they may not see into text', () => {
    const html = (kb: string, id: string) => {
      const a = manifestOf(result, kb).articles.find((x) => x.id === id)!
      return JSON.parse(String(filesOf(result, kb).get(a.shard))).html as string
    }
    expect(html('public', 'guides/qzxpub-start')).toContain('See the pro setup and the audit.')
    expect(html('pro', 'guides/qzxpub-start')).toContain('data-signpost-article="guides/qzxpro-setup"')
    expect(html('internal', 'guides/qzxpub-start')).toMatch(/See the pro setup and <a [^>]*data-signpost-article="guides\/qzxmulti-audit"/)
  })

  it('leaves the public manifest naming no audience folder', () => {
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).not.toMatch(/audiences|"pro"|"internal"/)
  })

  it('removes an audience’s folder when no article names it any more', async () => {
    const { writeFile } = await import('node:fs/promises')
    const { existsSync } = await import('node:fs')
    const clone = await contentFixture({ 'a.md': article('title: A\nsummary: A.'), 'b.md': article('title: B\nsummary: B.\naudience: [pro]') })
    try {
      const kb = join(clone.dir, 'kb')
      await buildContent({ root: clone.root, out: kb })
      expect(existsSync(join(kb, 'audiences/pro/manifest.json'))).toBe(true)
      await writeFile(join(clone.root, 'b.md'), article('title: B\nsummary: B.'))
      await buildContent({ root: clone.root, out: kb })
      expect(existsSync(join(kb, 'audiences/pro/manifest.json'))).toBe(false)
      expect(existsSync(join(kb, 'audiences'))).toBe(false)
    } finally {
      await clone.cleanup()
    }
  })
})

const model = await loadEmbedder().then(
  () => true,
  (e: unknown) => {
    if (!(e instanceof ModelMissingError)) throw e
    console.warn(`audiences.test.ts: the --semantic isolation tests are skipped: ${e.message}`)
    return false
  },
)

describe.skipIf(!model)('audience-scoped knowledge bases with --semantic', () => {
  it.each([true, 'local'] as const)('keeps every word vector, bucket and completion in its own knowledge base (--semantic=%s)', async (mode) => {
    await assertIsolated(join(fx.dir, `kb-semantic-${mode}`), mode)
  })
})
