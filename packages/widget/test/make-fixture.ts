/**
 * Builds the knowledge bases the browser tests and the demo read, with the real content pipeline:
 * - test/fixtures/dist/kb: the fixture articles of test/fixtures/content (en + es)
 * - test/fixtures/dist/xss: one article per DOMPurify XSS payload, its shard HTML left raw
 *   (unsanitized), so the widget's own sanitizing is what the XSS test exercises.
 * Run before `wtr`: `npx node packages/widget/test/make-fixture.ts`.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ArticleShard, KB_FORMAT_VERSION, type Manifest, createBodyIndex, createPrimaryIndex } from '@signpost/core'
import { build } from '@signpost/content'

const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, 'fixtures', 'dist')

await rm(out, { recursive: true, force: true })
await build({ root: join(here, 'fixtures', 'content'), out: join(out, 'kb') })

const payloads = await import('/work/shared/security/dompurify-fixtures.mjs' as string).then(
  (m: { default: { payload: string }[] }) => m.default.map((f) => f.payload),
  () => [] as string[],
)
// Always include a few classics, so the XSS test means something even without ../shared.
payloads.unshift(
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(2)></svg>',
  '<a href="javascript:alert(3)" id="js-link">click</a>',
  '<iframe srcdoc="<script>parent.alert(4)</script>"></iframe>',
  '<script>alert(5)</script>',
)
const xss = join(out, 'xss')
await mkdir(join(xss, 'articles'), { recursive: true })
const primary = createPrimaryIndex('en')
const body = createBodyIndex('en')
const manifest: Manifest = {
  format: KB_FORMAT_VERSION,
  build: 'xss',
  defaultLocale: 'en',
  locales: [
    { locale: 'en', dir: 'ltr', primaryIndex: 'primary.json', bodyIndex: 'body.json', synonyms: {}, articleCount: payloads.length },
  ],
  articles: [],
}
for (const [i, html] of payloads.entries()) {
  const id = `xss/${i}`
  const title = `Payload ${i} <img src=x onerror=alert('title${i}')>`
  manifest.articles.push({ id, locale: 'en', title, summary: html.slice(0, 300), hash: String(i), shard: `articles/${i}.json` })
  const shard: ArticleShard = { format: KB_FORMAT_VERSION, id, locale: 'en', title, html, headings: [], links: [], related: [] }
  await writeFile(join(xss, 'articles', `${i}.json`), JSON.stringify(shard))
  primary.add({ id, title: `payload ${i}`, keywords: '', tags: '' })
  body.add({ id, summary: '', headings: '', body: html })
}
await writeFile(join(xss, 'manifest.json'), JSON.stringify(manifest))
await writeFile(join(xss, 'primary.json'), JSON.stringify(primary))
await writeFile(join(xss, 'body.json'), JSON.stringify(body))
await writeFile(join(xss, 'payloads.json'), JSON.stringify(payloads))
// The production bundle, for the CSP test of what ships and for the demo page.
const { build: viteBuild } = await import('vite')
await viteBuild({ configFile: join(here, '..', 'vite.config.ts'), logLevel: 'warn' })

const kbManifest = JSON.parse(await readFile(join(out, 'kb', 'manifest.json'), 'utf8')) as Manifest
console.log(`fixtures: ${kbManifest.articles.length} articles in ${join(out, 'kb')}, ${payloads.length} XSS payloads in ${xss}`)
