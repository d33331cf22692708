/**
 * Widget benchmark: bundle sizes (gzip), then on both shared corpora in headless Chromium
 * (production bundle, knowledge bases built with the content pipeline):
 * - open → first results: click the launcher on a cold page, type a query, time until results show;
 * - keystroke → results p50/p95: the dev query set typed letter by letter once the index is in;
 * - the longest main-thread task from open to the end of typing (Long Tasks API: ≥ 50 ms only),
 *   and the longest keystroke handling measured directly.
 *
 * Run: `npx node packages/widget/bench/run.ts` (CHROME_PATH honoured; ../shared absent → sizes only);
 * `--semantic` builds the knowledge bases with `--semantic`, so each keystroke also fetches the
 * word buckets of the words typed and blends keyword and meaning.
 * Machine is shared and noisy: compare figures from the same run.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { type Server, createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build as buildKb } from '@signpost/content'
import { chromium } from 'playwright-core'
import { build as viteBuild } from 'vite'
import { bundleSizes } from './bundle-sizes.ts'

const widgetDir = fileURLToPath(new URL('..', import.meta.url))
const shared = process.env.SIGNPOST_SHARED ?? fileURLToPath(new URL('../../../../shared', import.meta.url))
const outRoot = join(tmpdir(), 'signpost-widget-bench')
const kb = (s: number) => `${(s / 1024).toFixed(1)} KiB`
const semantic = process.argv.includes('--semantic')

// 1. Bundle sizes.
const chunks = await bundleSizes()
console.log('bundle (production build, gzip -9):')
const firstQuery = chunks.filter((c) => c.isEntry || c.isWorker).reduce((n, c) => n + c.gzip, 0)
console.log(`  first-query path (entry + search worker): ${firstQuery} B (${kb(firstQuery)}), budget 20 KiB`)
for (const c of chunks.sort((a, b) => Number(b.isEntry) - Number(a.isEntry) || Number(b.isWorker) - Number(a.isWorker) || b.gzip - a.gzip)) {
  const role = c.isEntry ? 'entry: element, Lit, worker client' : c.isWorker ? 'search worker: MiniSearch + core search (first query)' : c.modules.some((m) => m.includes('dompurify')) ? 'lazy: DOMPurify, first article' : c.modules.some((m) => m.includes('views/lazy')) ? 'lazy: views, on open' : 'lazy'
  console.log(`  ${c.file.padEnd(40)} ${String(c.bytes).padStart(7)} B  gzip ${String(c.gzip).padStart(6)} B (${kb(c.gzip)})  ${role}`)
}

const corpora = [
  { name: 'plausible-docs', root: join(shared, 'corpora/plausible-docs/docs'), queries: join(shared, 'corpora/queries/plausible-docs.dev.json') },
  { name: 'business-central', root: join(shared, 'corpora/business-central/business-central'), queries: join(shared, 'corpora/queries/business-central.dev.json') },
].filter((c) => {
  if (existsSync(c.root)) return true
  console.log(`skipping ${c.name}: ${c.root} not found (the shared corpora live in ../shared)`)
  return false
})
if (corpora.length === 0) process.exit(0)

// 2. The production bundle on disk and the knowledge bases.
await viteBuild({ configFile: join(widgetDir, 'vite.config.ts'), logLevel: 'warn' })
for (const c of corpora) {
  const t = performance.now()
  await buildKb({ root: c.root, out: join(outRoot, c.name), semantic })
  console.log(`built ${c.name}${semantic ? ' --semantic' : ''} knowledge base in ${Math.round(performance.now() - t)} ms`)
}

// 3. A static server: the bundle at /widget/, knowledge bases at /kb/<corpus>/, the page at /.
const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html', '.png': 'image/png', '.svg': 'image/svg+xml' }
const page = (corpus: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title>
<script type="module" src="/widget/signpost.js"></script></head>
<body><main><h1>Host app</h1></main><signpost-help kb="/kb/${corpus}/manifest.json"></signpost-help></body></html>`
const server: Server = createServer(async (req, res) => {
  const url = new URL(req.url!, 'http://x')
  if (url.pathname.startsWith('/page/')) {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page(url.pathname.slice(6)))
    return
  }
  const file = url.pathname.startsWith('/widget/')
    ? join(widgetDir, 'dist', normalize(url.pathname.slice(8)))
    : join(outRoot, normalize(url.pathname.slice(4)))
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file')
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    res.end(await readFile(file))
  } catch {
    res.writeHead(404).end()
  }
})
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
})

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN
}

try {
  for (const c of corpora) {
    const queries: string[] = existsSync(c.queries)
      ? (JSON.parse(await readFile(c.queries, 'utf8')) as { q: string }[]).map((q) => q.q)
      : (JSON.parse(await readFile(join(outRoot, c.name, 'manifest.json'), 'utf8')) as { articles: { title: string }[] }).articles
          .slice(0, 200)
          .map((a) => a.title.toLowerCase().slice(0, 14))
    const typed = queries.slice(0, 60)

    // Open → first results, cold (fresh context: nothing cached), 5 runs.
    const openTimes: number[] = []
    for (let run = 0; run < 5; run++) {
      const context = await browser.newContext()
      const p = await context.newPage()
      await p.goto(`${origin}/page/${c.name}`)
      await p.waitForFunction(() => customElements.get('signpost-help'))
      const ms = await p.evaluate(async (q) => {
        const el = document.querySelector('signpost-help')!
        const root = el.shadowRoot!
        const t0 = performance.now()
        ;(root.querySelector('.launcher') as HTMLElement).click()
        while (!root.querySelector('input')) await new Promise((r) => setTimeout(r, 0))
        const input = root.querySelector('input')!
        input.value = q
        input.dispatchEvent(new Event('input', { bubbles: true }))
        while (!root.querySelector('[role="option"]')) await new Promise((r) => setTimeout(r, 1))
        return performance.now() - t0
      }, typed[0]!)
      openTimes.push(ms)
      await context.close()
    }

    // Keystroke → results, and long tasks, on one warm page.
    const context = await browser.newContext()
    const p = await context.newPage()
    await p.goto(`${origin}/page/${c.name}`)
    await p.waitForFunction(() => customElements.get('signpost-help'))
    const result = await p.evaluate(async (qs) => {
      const longTasks: number[] = []
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longTasks.push(e.duration)
      }).observe({ type: 'longtask', buffered: false })
      const el = document.querySelector('signpost-help') as HTMLElement & { open(): Promise<void>; settled(): Promise<void> }
      const root = el.shadowRoot!
      await el.open()
      const input = root.querySelector('input')!
      const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)))
      const perKey: number[] = []
      let bodyWaited = 0
      for (const q of qs) {
        for (let i = 1; i <= q.length; i++) {
          const t0 = performance.now()
          input.value = q.slice(0, i)
          input.dispatchEvent(new Event('input', { bubbles: true }))
          await el.settled()
          perKey.push(performance.now() - t0)
          await frame()
        }
        // Let the body index arrive during the first query, as it would for a customer.
        if (bodyWaited++ === 0) await new Promise((r) => setTimeout(r, 1500))
      }
      await new Promise((r) => setTimeout(r, 100))
      return { perKey, longTasks }
    }, typed)
    await context.close()

    const keys = result.perKey
    console.log(`\n${c.name}: ${typed.length} queries, ${keys.length} keystrokes`)
    console.log(`  open → first results (cold, 5 runs): median ${percentile(openTimes, 50).toFixed(0)} ms, max ${Math.max(...openTimes).toFixed(0)} ms`)
    console.log(`  keystroke → results rendered: p50 ${percentile(keys, 50).toFixed(1)} ms, p95 ${percentile(keys, 95).toFixed(1)} ms, max ${Math.max(...keys).toFixed(1)} ms`)
    console.log(
      `  long tasks (≥ 50 ms) from open to end of typing: ${result.longTasks.length}${result.longTasks.length ? `, longest ${Math.max(...result.longTasks).toFixed(0)} ms` : ''}`,
    )
  }
} finally {
  await browser.close()
  server.close()
}
