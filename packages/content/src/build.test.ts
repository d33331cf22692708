import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArticleShard, Manifest } from '@signpost/core'
import { afterEach, describe, expect, it } from 'vitest'
import { buildContent, createBuildCache } from './build.ts'
import { writeOutput } from './output/write.ts'
import { article, contentFixture } from './test-support/fixture.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function buildFrom(files: Record<string, string | Buffer>, options: { drafts?: boolean } = {}) {
  const fx = await contentFixture(files)
  cleanups.push(fx.cleanup)
  const result = await buildContent({ root: fx.root, ...options })
  const shard = (id: string, locale = 'en') => {
    const a = result.manifest.articles.find((x) => x.id === id && x.locale === locale)
    if (!a) throw new Error(`no article ${id}`)
    return JSON.parse(String(result.files.get(a.shard))) as ArticleShard
  }
  return { ...fx, result, shard }
}

describe('signpost build', () => {
  it('gives each article the id of its path, with the locale from its top-level folder', async () => {
    const { result } = await buildFrom({
      'en/billing/refunds.md': article('title: Refunds'),
      'es/billing/refunds.md': article('title: Reembolsos'),
      'README.md': '# not an article',
    })
    expect(result.manifest.articles.map((a) => [a.locale, a.id, a.title])).toEqual([
      ['en', 'billing/refunds', 'Refunds'],
      ['es', 'billing/refunds', 'Reembolsos'],
    ])
    expect(result.manifest.locales.map((l) => l.locale)).toEqual(['en', 'es'])
  })

  it('resolves links between articles to article ids and reports broken ones with file:line', async () => {
    const { result, shard } = await buildFrom({
      'en/billing/refunds.md': article('title: Refunds', 'See [plans](../plans/change.md#prices) and\n[gone](missing.md).'),
      'en/plans/change.md': article('title: Change plan'),
    })
    expect(shard('billing/refunds').html).toContain('href="#signpost:plans/change" data-signpost-article="plans/change" data-signpost-anchor="prices"')
    expect(shard('billing/refunds').links).toEqual(['plans/change'])
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'en/billing/refunds.md', line: 5, code: 'broken-link', severity: 'warning' }),
    )
  })

  it('sends links to an old id (an alias) to the article that has it now', async () => {
    const { shard, result } = await buildFrom({
      'a.md': article('title: A', '[old](old-b.md)'),
      'b.md': article('title: B\naliases: [old-b]'),
    })
    expect(shard('a').html).toContain('data-signpost-article="b"')
    expect(result.diagnostics.filter((d) => d.code === 'broken-link')).toEqual([])
  })

  it('opens external links in a new tab without giving them the opener', async () => {
    const { shard } = await buildFrom({ 'a.md': article('title: A', '[Stripe](https://stripe.com/docs)') })
    expect(shard('a').html).toContain('<a href="https://stripe.com/docs" target="_blank" rel="noopener noreferrer">Stripe</a>')
  })

  it('links bare URLs and email addresses, and renders the rest the same with or without an @ in the article', async () => {
    // Articles without an @ are lexed with a cheaper inline-text rule (render.ts): the paragraph
    // below must come out the same in an article where a later @ keeps marked's own rule.
    const paragraph =
      'See www.example.com/help, https://example.com/a_b?x=1 or ftp://files.example.com. Some *em*, __strong__, ' +
      '~~gone~~, snake_case_word, (mailto:nobody), xmpp:chat, a.b.c and `code`  \nafter a hard break.'
    const { shard } = await buildFrom({
      'plain.md': article('title: Plain', paragraph),
      'with-at.md': article('title: With at', `${paragraph}\n\nWrite to help@example.com or mailto:team@example.com.`),
    })
    const plain = shard('plain').html.trim()
    const withAt = shard('with-at').html
    expect(withAt.startsWith(plain)).toBe(true)
    expect(plain).toContain('<a href="http://www.example.com/help" target="_blank" rel="noopener noreferrer">www.example.com/help</a>')
    expect(plain).toContain('<del>gone</del>')
    expect(plain).toContain('snake_case_word')
    expect(withAt).toContain('<a href="mailto:help@example.com">help@example.com</a>')
    expect(withAt).toContain('<a href="mailto:team@example.com">mailto:team@example.com</a>')
  })

  it('keeps script, javascript: links and event handlers out of the output, with warnings', async () => {
    const { result } = await buildFrom({
      'a.md': article(
        'title: A',
        [
          'Hello <script>alert(1)</script>',
          '',
          '[click](javascript:alert(2))',
          '',
          '<a href="javascript:alert(3)">raw</a>',
          '',
          '<img src="x.png" onerror="alert(4)">',
          '',
          '<div onclick="alert(5)">hi</div>',
          '',
          '<iframe src="https://evil.example"></iframe>',
        ].join('\n'),
      ),
    })
    const everything = [...result.files.values()].map(String).join('\n')
    expect(everything).not.toMatch(/<script|javascript:|onerror|onclick|<iframe/i)
    expect(result.diagnostics.filter((d) => d.code === 'unsafe-html' || d.code === 'unsafe-link').map((d) => [d.line, d.message])).toEqual([
      [4, 'unsafe HTML removed: <script>'],
      [6, 'link "javascript:alert(2)" has an unsafe scheme, removed'],
      [8, 'unsafe HTML removed: attribute href'],
      [10, 'unsafe HTML removed: attribute onerror'],
      [12, 'unsafe HTML removed: attribute onclick'],
      [14, 'unsafe HTML removed: <iframe>'],
    ])
  })

  it('copies images under content-hashed names and reports missing ones', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'
    const { result, shard } = await buildFrom({
      'en/billing/refunds.md': article('title: Refunds', '![Refund button](../../images/refund.svg)\n\n![gone](nope.png)'),
      'images/refund.svg': svg,
    })
    const name = [...result.files.keys()].find((k) => k.startsWith('images/'))!
    expect(name).toMatch(/^images\/refund\.[0-9a-f]{10}\.svg$/)
    expect(String(result.files.get(name))).toBe(svg)
    expect(shard('billing/refunds').html).toContain(`<img src="${name}" alt="Refund button" loading="lazy" decoding="async">`)
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'broken-image', line: 6 }))
  })

  it('resolves DocFX includes, nested ones relative to the snippet, and warns about missing ones', async () => {
    const { shard, result } = await buildFrom({
      'guide/setup.md': article('title: Setup', 'Open [!INCLUDE[name](../includes/product.md)] now.\n\n[!INCLUDE[steps](../includes/steps.md)]\n\n[!INCLUDE[x](../includes/missing.md)]'),
      'includes/product.md': '---\nms.topic: include\n---\nTidewater',
      'includes/steps.md': '1. Sign in to [!INCLUDE[name](product.md)].\n2. Choose **Billing**.',
    })
    const html = shard('guide/setup').html
    expect(html).toContain('<p>Open Tidewater now.</p>')
    expect(html).toContain('<li>Sign in to Tidewater.</li>')
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'guide/setup.md', line: 8, code: 'broken-include' }))
  })

  it('turns MDX, Docusaurus admonitions, DocFX images and GitHub alerts into plain HTML', async () => {
    const { shard, result } = await buildFrom({
      'a.md': article(
        'title: A',
        [
          "import Tabs from '@theme/Tabs';",
          '',
          ':::tip Pro tip',
          'Use **keys**.',
          ':::',
          '',
          '<Tabs>',
          'Inside tabs.',
          '</Tabs>',
          '',
          ':::image type="content" source="media/a.png" alt-text="Screen":::',
          '',
          '> [!WARNING]',
          '> Deleting is final.',
          '',
          '<img alt="x" src={useBaseUrl(\'img/x.png\')} />',
        ].join('\n'),
      ),
    })
    const html = shard('a').html
    expect(html).toContain('<div class="callout callout-tip" role="note">')
    expect(html).toContain('<strong>Pro tip</strong>')
    expect(html).toContain('<p>Use <strong>keys</strong>.</p>')
    expect(html).toContain('<p>Inside tabs.</p>')
    expect(html).toContain('<div class="callout callout-warning" role="note">')
    expect(html).toContain('Deleting is final.')
    expect(html).toContain('<img alt="x" src="img/x.png" />')
    expect(html).not.toMatch(/import|Tabs|:::/)
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual(
      expect.arrayContaining([
        ['mdx', 4],
        ['jsx', 10],
        ['jsx', 12],
        ['broken-image', 14],
      ]),
    )
  })

  it('drops JSX components inside a line or over several lines, with warnings, keeping their text', async () => {
    const { shard, result } = await buildFrom({
      'a.md': article(
        'title: A',
        [
          '**User-Agent** <Required /> and **X-Forwarded-For** <Optional tone="soft" size={2} />',
          '',
          'Press <Kbd>Ctrl</Kbd> to copy; `<Optional />` stays code; the file is VIES_\\<Period>.xml.',
          '',
          '<CtaBox',
          '  headline="Start a trial"',
          '  link="https://example.com/register"',
          '/>',
          '',
          'After the box.',
          '',
          'Code `<Tip />` then <Tip /> here.',
        ].join('\n'),
      ),
    })
    const html = shard('a').html
    expect(html).toContain('<p><strong>User-Agent</strong>  and <strong>X-Forwarded-For</strong> </p>')
    expect(html).toContain('Press Ctrl to copy; <code>&lt;Optional /&gt;</code> stays code; the file is VIES_&lt;Period&gt;.xml.')
    expect(html).toContain('<p>After the box.</p>')
    expect(html).toContain('<p>Code <code>&lt;Tip /&gt;</code> then  here.</p>')
    expect(html).not.toMatch(/Required|Kbd|CtaBox|Start a trial|register/)
    const jsx = result.diagnostics.filter((d) => d.code === 'jsx').map((d) => [d.line, d.col, d.message])
    expect(jsx).toEqual([
      [4, 16, 'JSX component Required dropped (its text is kept)'],
      [4, 53, 'JSX component Optional dropped (its text is kept)'],
      [6, 7, 'JSX component Kbd dropped (its text is kept)'],
      [8, 1, 'JSX component CtaBox dropped (its text is kept)'],
      [15, 'Code `<Tip />` then '.length + 1, 'JSX component Tip dropped (its text is kept)'],
    ])
    expect(result.diagnostics.filter((d) => d.code === 'unsafe-html')).toEqual([])
  })

  it('ends a code fence where markdown does: a fence line with an info string opens nothing and closes nothing', async () => {
    // The writer forgot to close the bash block: the json line is code, and the bare fence after it closes the block.
    const { shard, result } = await buildFrom({
      'a.md': article(
        'title: A',
        ['```bash', 'curl https://example.com', '```json title="Response"', '{ "ok": true }', '```', '', '**site_id** <Required />', '', ':::tip', 'Keep it.', ':::'].join('\n'),
      ),
    })
    const html = shard('a').html
    expect(html).toContain('```json title=&quot;Response&quot;\n{ &quot;ok&quot;: true }\n</code></pre>')
    expect(html).toContain('<p><strong>site_id</strong> </p>')
    expect(html).toContain('<div class="callout callout-tip" role="note">')
    expect(result.diagnostics.filter((d) => d.code === 'jsx').map((d) => d.line)).toEqual([10])
    expect(result.diagnostics.filter((d) => d.code === 'unsafe-html')).toEqual([])
  })

  it('drops a Docusaurus <head> block (page metadata) with a warning, and no sanitizer is needed', async () => {
    const head = ['<head>', '  <script type="application/ld+json">{`', '    { "@type": "FAQPage", "name": "Hidden question" }', '  `}</script>', '</head>']
    const { shard, result } = await buildFrom({ 'a.md': article('title: A', [...head, '', 'Visible text.'].join('\n')) })
    expect(shard('a').html.trim()).toBe('<p>Visible text.</p>')
    expect(result.diagnostics.map((d) => [d.code, d.line, d.message])).toContainEqual(['mdx', 4, 'MDX <head> (page metadata) dropped'])
    expect(result.diagnostics.filter((d) => d.code === 'unsafe-html')).toEqual([])
  })

  it('uses the first heading as title, with a warning, when frontmatter has none', async () => {
    const { result } = await buildFrom({ 'a.md': '# From the heading\n\nText.' })
    expect(result.manifest.articles[0]?.title).toBe('From the heading')
    expect(result.errors).toBe(0)
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'missing-title', severity: 'warning' }))
  })

  it('fails an article with neither title nor heading, naming the file', async () => {
    const { result } = await buildFrom({ 'billing/refunds.md': 'Just text.' })
    expect(result.errors).toBe(1)
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'billing/refunds.md', line: 1, code: 'missing-title', severity: 'error' }))
  })

  it('leaves drafts out unless asked, and reports duplicate titles', async () => {
    const files = {
      'a.md': article('title: Same'),
      'b.md': article('title: Same'),
      'c.md': article('title: Unfinished\ndraft: true'),
    }
    const { result } = await buildFrom(files)
    expect(result.manifest.articles.map((a) => a.id)).toEqual(['a', 'b'])
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'b.md', code: 'duplicate-title' }))
    const withDrafts = await buildFrom(files, { drafts: true })
    expect(withDrafts.result.manifest.articles.map((a) => [a.id, a.draft])).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['c', true],
    ])
  })

  it('falls back to the first sentences when an article has no summary', async () => {
    const { result } = await buildFrom({ 'a.md': article('title: A', 'Refunds reach your card within ten days. '.repeat(10)) })
    const summary = result.manifest.articles[0]!.summary
    expect(summary.startsWith('Refunds reach your card within ten days.')).toBe(true)
    expect(summary.length).toBeLessThanOrEqual(161)
  })

  it('ships the synonyms file of each locale in the manifest and reports a bad entry', async () => {
    const { result } = await buildFrom({
      'en/a.md': article('title: A'),
      'es/a.md': article('title: A'),
      'synonyms.yml': 'stop paying: [cancel subscription]\nbill: invoice\nbad: [1, {}]\n',
      'synonyms.es.yml': 'dejar de pagar: [cancelar suscripción]\n',
    })
    expect(result.manifest.locales.map((l) => l.synonyms)).toEqual([
      { 'stop paying': ['cancel subscription'], bill: ['invoice'] },
      { 'dejar de pagar': ['cancelar suscripción'] },
    ])
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'synonyms.yml', line: 3, severity: 'error' }))
  })

  it('writes byte-identical output for the same input', async () => {
    const files = {
      'en/a.md': article('title: A\nkeywords: [x]', '## One\n\n[b](b.md) text'),
      'en/b.md': article('title: B', '![i](../img.svg)'),
      'img.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    }
    const first = await buildFrom(files)
    const second = await buildFrom(files)
    await writeOutput(join(first.dir, 'out'), first.result.files)
    await writeOutput(join(second.dir, 'out'), second.result.files)
    const listing = async (dir: string) => {
      const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
      return Promise.all(names.sort().map(async (n) => [n.slice(dir.length), await readFile(n, 'utf8')]))
    }
    const a = await listing(join(first.dir, 'out'))
    // manifest, 2 shards, the image, the primary index, the body's table and its one term shard
    expect(a.length).toBe(7)
    expect(a).toEqual(await listing(join(second.dir, 'out')))
    const manifest = JSON.parse(a.find(([n]) => n === '/manifest.json')![1]!) as Manifest
    expect(manifest.articles.every((x) => x.shard.includes(x.hash))).toBe(true)
  })

  it('renders again only the articles whose file or include changed', async () => {
    const fx = await contentFixture({
      'a.md': article('title: A', '[!INCLUDE[x](includes/shared.md)]'),
      'b.md': article('title: B'),
      'c.md': article('title: C'),
      'includes/shared.md': 'Shared v1',
    })
    cleanups.push(fx.cleanup)
    const cache = createBuildCache()
    const first = await buildContent({ root: fx.root, cache })
    expect(first.rendered).toHaveLength(3)
    const { writeFileIn } = await import('./test-support/fixture.ts')
    await writeFileIn(fx.root, 'b.md', article('title: B2'))
    const second = await buildContent({ root: fx.root, cache })
    expect(second.rendered).toEqual(['en:b'])
    expect(second.manifest.articles.find((x) => x.id === 'b')?.title).toBe('B2')
    await writeFileIn(fx.root, 'includes/shared.md', 'Shared v2')
    const third = await buildContent({ root: fx.root, cache })
    expect(third.rendered).toEqual(['en:a'])
    expect(String(third.files.get(third.manifest.articles[0]!.shard))).toContain('Shared v2')
  })
})

describe('raw HTML', () => {
  it('drops writers\' HTML comments and keeps what follows a comment sanitized', async () => {
    const { shard, result } = await buildFrom({
      'a.md': article('title: A', 'Before\n\n<!-- hidden note -->\n\n<!-- x --> <img src=x onerror="alert(1)">\n\nAfter <a name="anchor"></a> text'),
    })
    const html = shard('a').html
    expect(html).not.toContain('hidden note')
    expect(html).not.toContain('onerror')
    expect(html).toContain('<a name="anchor"></a>')
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ code: 'unsafe-html', line: 8 }))
  })

  it('keeps script, javascript: URLs and event handlers out even when they hide among inert-looking HTML', async () => {
    const attempts = [
      '<scr<!-- -->ipt>alert(1)</script>',
      '<a name=x onclick=alert(2)>x</a>',
      '<b onmouseover="alert(3)">bold</b>',
      '<a name="x" href="javascript:alert(4)">y</a>',
      '<!--><img src=x onerror=alert(5)>',
      '<br/onload=alert(6)>',
      '<div class="callout callout-note" role="note" onclick="alert(7)">z</div>',
      '<a id=x\nonfocus=alert(8) autofocus>w</a>',
      '<table><tr><td><svg onload=alert(9)></td></tr></table>',
      'Inline <kbd onclick=alert(10)>K</kbd> tag',
      '<a href="java&#115;cript:alert(11)">entity</a>',
      '<a href=" javascript:alert(12)">space</a>',
      '<img alt="shot" src="img/a.png" onerror="alert(13)">',
      '<div class="box"onclick="alert(14)">glued</div>',
      '<a title="t" href="https://example.com/"\nonmouseover=alert(15)>m</a>',
      '<video controls src="clip.mp4" onerror="alert(16)"></video>',
      '<video controls><source src="javascript:alert(17)"></video>',
      '<video poster="javascript:alert(18)" controls></video>',
      '<video autoplayonerror=alert(19)></video>',
      '<table><colgroup><col width="1" onclick="alert(20)"></colgroup></table>',
      '<a target="_blank" href="javascript:alert(21)">new tab</a>',
    ]
    const { result, shard } = await buildFrom({ 'a.md': article('title: A', attempts.join('\n\n')) })
    const html = shard('a').html
    expect(html).not.toMatch(/<script|javascript:|\s(on[a-z]+|autofocus)\s*=/i)
    expect(html).toContain('<kbd>K</kbd>')
    expect(new Set(result.diagnostics.filter((d) => d.code === 'unsafe-html').map((d) => d.message))).toEqual(
      new Set(
        ['onclick', 'onmouseover', 'href', 'onerror', 'onload', 'onfocus', 'autofocus', 'src', 'poster', 'autoplayonerror'].map(
          (a) => `unsafe HTML removed: attribute ${a}`,
        ),
      ),
    )
  })

  it('writes inert raw HTML as it is, without comments and without a sanitizer warning', async () => {
    const { result, shard } = await buildFrom({
      'a.md': article(
        'title: A',
        '<a name=setup></a>\n\n<table>\n<tr><th>Column</th><th>Value &amp; more</th></tr>\n</table>\n\n<!-- hidden --> shown\n\n<!-->after an empty comment\n\n' +
          '<div class="browser">\n<img alt="The dashboard" src="img/dashboard.png" width="600" />\n</div>\n\n' +
          'See <a href="https://example.com/docs?page=2#setup" title="Docs">the docs</a> or <a href="../billing/refunds">refunds</a>.\n\n<hr / >\n\n' +
          '<video autoPlay loop muted controls width="100%">\n<source src="video/tour.mp4" type="video/mp4" />\n</video>\n\n' +
          '<table><colgroup><col width="220" /><col /></colgroup><tr><td>x</td></tr></table>\n\n' +
          'Get <a target="_blank" download="sample.csv" href="files/sample.csv">the sample</a>.',
      ),
    })
    const html = shard('a').html
    expect(html).toContain('<a name=setup></a>')
    expect(html).toContain('<div class="browser">\n<img alt="The dashboard" src="img/dashboard.png" width="600" />\n</div>')
    expect(html).toContain('<a href="https://example.com/docs?page=2#setup" title="Docs">the docs</a>')
    expect(html).toContain('<a href="../billing/refunds">refunds</a>')
    expect(html).toContain('<video autoPlay loop muted controls width="100%">\n<source src="video/tour.mp4" type="video/mp4" />\n</video>')
    expect(html).toContain('<colgroup><col width="220" /><col /></colgroup>')
    // A new tab without the page as its opener, as the sanitizer's hook would have it.
    expect(html).toContain('<a target="_blank" download="sample.csv" href="files/sample.csv" rel="noopener noreferrer">the sample</a>')
    expect(html).toContain('<tr><th>Column</th><th>Value &amp; more</th></tr>')
    expect(html).toContain(' shown')
    expect(html).toContain('after an empty comment')
    expect(html).not.toContain('hidden')
    expect(result.diagnostics.filter((d) => d.code === 'unsafe-html')).toEqual([])
  })

  it('renders the markdown right after a callout, even without a blank line between them', async () => {
    const { shard } = await buildFrom({
      'a.md': article('title: A', '1. Open it.\n\n   > [!NOTE]\n   > Careful.\n1. Choose the **Post** action.\n\n:::tip\nHint.\n:::\n- Then **this**.'),
    })
    const html = shard('a').html
    expect(html).toContain('<strong>Post</strong>')
    expect(html).toContain('<li>Then <strong>this</strong>.</li>')
    expect(html).not.toContain('**')
  })
})
