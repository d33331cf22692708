import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run.ts'
import { article, captureIO, contentFixture } from '../test-support/fixture.ts'
import { sanitizeSvg } from './sanitize.ts'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

const EVIL = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(document.domain)</script>
  <a href="javascript:alert(2)"><rect width="5" height="5" fill="red"/></a>
  <foreignObject><iframe src="https://evil.example"></iframe></foreignObject>
</svg>`

describe('sanitizeSvg', () => {
  it('keeps the drawing and drops scripts, handlers, javascript: links and foreignObject', () => {
    const r = sanitizeSvg(Buffer.from(EVIL))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const svg = r.data.toString()
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 10 10">/)
    expect(svg).toContain('<rect width="5" height="5" fill="red"/>')
    expect(svg).not.toMatch(/script|onload|javascript|foreignObject|iframe/i)
    expect(r.removed).toEqual(expect.arrayContaining(['onload', '<script>', 'href', '<foreignobject>']))
  })

  it('refuses a file that is not an SVG image', () => {
    expect(sanitizeSvg(Buffer.from('<p>hello</p><script>x</script>'))).toEqual({ ok: false, reason: 'not an SVG image (no single <svg> root element)' })
  })

  it('leaves a clean SVG as it was drawn, with nothing reported', () => {
    const r = sanitizeSvg(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><circle r="1"/></svg>'))
    expect(r).toEqual({ ok: true, data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><circle r="1"/></svg>'), removed: [] })
  })
})

describe('signpost build with SVG images', () => {
  it('publishes only the sanitized SVG and warns with file:line; refuses a fake SVG', async () => {
    const fx = await contentFixture({
      'a.md': article('title: A', 'Intro.\n\n![diagram](evil.svg)\n\n![fake](fake.svg)'),
      'evil.svg': EVIL,
      'fake.svg': 'not an image <script>alert(1)</script>',
    })
    cleanups.push(fx.cleanup)
    const io = captureIO(fx.dir)
    expect(await runCli(['build', 'content', '--out', 'kb'], io)).toBe(0)
    const lines = io.err().split('\n')
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^content\/a\.md:6:\d+: warning: image "evil\.svg": unsafe SVG content removed: .*<script>.* \[unsafe-image\]$/),
        'content/a.md:8:9: warning: image "fake.svg" refused: not an SVG image (no single <svg> root element) [unsafe-image]',
      ]),
    )
    const images = await readdir(join(fx.dir, 'kb/images'))
    expect(images).toHaveLength(1)
    const published = await readFile(join(fx.dir, 'kb/images', images[0]!), 'utf8')
    expect(published).toContain('<rect')
    expect(published).not.toMatch(/script|onload|javascript/i)
  })
})

describe('sanitizeSvg on plain drawings', () => {
  it('publishes an SVG of shapes and text byte for byte, prolog and role included', () => {
    const plain = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="t"><title id="t">Plan</title><rect width="4" height="4"/></svg>\n')
    expect(sanitizeSvg(plain)).toEqual({ ok: true, data: plain, removed: [] })
  })

  it('still sanitizes script behind a namespace prefix or a handler written in capitals', () => {
    for (const evil of [
      '<svg xmlns="http://www.w3.org/2000/svg"><x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" ONLOAD = "alert(1)"><rect/></svg>',
      '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    ]) {
      const r = sanitizeSvg(Buffer.from(evil))
      // What remains may hold the script's words as inert text, never an element or a handler.
      if (r.ok) expect(r.data.toString()).not.toMatch(/<[^>]*script|onload|<[^>]*alert/i)
    }
  })
})
