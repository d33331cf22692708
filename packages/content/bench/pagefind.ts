import { spawnSync } from 'node:child_process'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { RenderedArticle } from '../src/index.ts'
import { launchChromium } from './browser.ts'
import { serveStatic } from './static-server.ts'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')

/** Writes the same articles as an HTML site (one page each), which is what Pagefind indexes. */
export async function writeHtmlSite(articles: RenderedArticle[], dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  for (const a of articles) {
    const path = join(dir, `${a.id}.html`)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(
      path,
      `<!doctype html><html lang="${a.locale}"><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>` +
        `<body><main data-pagefind-body><h1>${escapeHtml(a.title)}</h1>${a.html}</main></body></html>`,
    )
  }
  await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>')
}

/** Runs the Pagefind CLI over a site and returns its wall-clock time in ms. */
export function runPagefind(site: string, binary: string): number {
  const started = performance.now()
  const r = spawnSync(binary, ['--site', site, '--output-subdir', 'pagefind', '--silent'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pagefind failed: ${r.stderr || r.stdout}`)
  return performance.now() - started
}

export interface PagefindQueryRun {
  q: string
  ids: string[]
  /** Bytes over the wire for a cold page: pagefind.js, wasm, metadata, index chunks and the first five fragments. */
  coldBytes?: number
  warmMs: number
}

/**
 * Measures Pagefind in real Chromium: cold bytes for a sample of queries (each in a fresh browser
 * context, so nothing is cached), then every query warm in one page for ranking and latency.
 */
export async function measurePagefind(site: string, queries: string[], coldSample: number): Promise<PagefindQueryRun[]> {
  const { url, server } = await serveStatic(site)
  const browser = await launchChromium()
  try {
    const runs: PagefindQueryRun[] = queries.map((q) => ({ q, ids: [], warmMs: 0 }))
    const step = Math.max(1, Math.floor(queries.length / coldSample))
    for (let i = 0; i < queries.length; i += step) {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.goto(`${url}/index.html`)
      let bytes = 0
      page.on('requestfinished', async (req) => {
        const sizes = await req.sizes().catch(() => undefined)
        if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize
      })
      await page.evaluate(async (q) => {
        const entry = '/pagefind/pagefind.js'
        const pagefind = await import(entry)
        const search = await pagefind.search(q)
        await Promise.all(search.results.slice(0, 5).map((r: { data(): Promise<unknown> }) => r.data()))
      }, queries[i]!)
      await page.waitForTimeout(50)
      runs[i]!.coldBytes = bytes
      await context.close()
    }
    const page = await browser.newPage()
    await page.goto(`${url}/index.html`)
    await page.evaluate(async () => {
      const w = window as unknown as { pf: unknown }
      const entry = '/pagefind/pagefind.js'
      w.pf = await import(entry)
      await (w.pf as { search(q: string): Promise<unknown> }).search('warm up')
    })
    for (const run of runs) {
      const result = await page.evaluate(async (q) => {
        const pf = (window as unknown as { pf: { search(q: string): Promise<{ results: { data(): Promise<{ url: string }> }[] }> } }).pf
        const started = performance.now()
        const search = await pf.search(q)
        const ms = performance.now() - started
        const data = await Promise.all(search.results.slice(0, 5).map((r) => r.data()))
        return { ms, urls: data.map((d) => d.url) }
      }, run.q)
      run.warmMs = result.ms
      run.ids = result.urls.map((u) => decodeURIComponent(u).replace(/^\//, '').replace(/\.html$/, ''))
    }
    return runs
  } finally {
    await browser.close()
    server.close()
  }
}
