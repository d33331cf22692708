/**
 * Signpost as a new user gets it: the packed tarballs installed into a fresh project outside this
 * repository (from the npm registry for everything else), then used the three documented ways —
 * a Vite + React app and a Vue app using <signpost-help> with typed props and events, and a plain
 * HTML page loading the CDN bundle with the tracker configured by attributes — each built and
 * loaded in Chromium over a knowledge base that the installed `signpost` CLI built.
 */
import { execFile, execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll } from '../../packaging/pack.ts'

const run = promisify(execFile)
const repo = join(import.meta.dirname, '../..')
const app = join(import.meta.dirname, 'app')

/** The dependencies a user would add next to Signpost's, as ranges from the registry. */
const THIRD_PARTY = {
  dependencies: { react: '^19.2.0', 'react-dom': '^19.2.0', vue: '^3.5.0' },
  devDependencies: {
    '@types/react': '^19.2.0',
    '@types/react-dom': '^19.2.0',
    '@vitejs/plugin-vue': '^6.0.0',
    typescript: '^5.9.0',
    vite: '^8.0.0',
    'vue-tsc': '^3.1.0',
  },
}

let project: string
let server: Server
let origin: string
let browser: Browser
/** Bodies POSTed to /collect by the CDN bundle's tracker. */
const collected: { events: { site: string; type: string; query?: string }[] }[] = []

/** Runs an installed bin of the project with this process's Node (24), as `npx` would. */
async function bin(name: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [join(project, 'node_modules/.bin', name), ...args], { cwd: project, env: { ...process.env, NODE_ENV: 'production' } })
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'signpost-fresh-'))
  const tarballs = packAll(join(project, '.tarballs'), {
    // The dashboard page was built by vitest's global setup and end-to-end tests are serving it
    // now: rebuilding it would empty packages/dashboard/dist under them. Only its Node side here.
    buildCommands: { dashboard: [process.execPath, join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'] },
  })
  cpSync(app, project, { recursive: true })
  const signpost = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]))
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'fresh-app', private: true, type: 'module', dependencies: { ...signpost, ...THIRD_PARTY.dependencies }, devDependencies: THIRD_PARTY.devDependencies }),
  )
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project })
  mkdirSync(join(project, 'content'))
  writeFileSync(join(project, 'content/refunds.md'), '---\ntitle: Refund a payment\nsummary: Give a customer their money back.\n---\n\nOpen the invoice and choose **Refund**.\n')
  writeFileSync(join(project, 'content/password.md'), '---\ntitle: Reset your password\nsummary: Sign in again when you forgot it.\n---\n\nUse the *Forgot password* link.\n')

  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname)
    if (req.method === 'POST' && path === '/collect') {
      let body = ''
      for await (const chunk of req) body += chunk
      collected.push(JSON.parse(body))
      res.writeHead(202).end()
      return
    }
    const file = join(project, normalize(path))
    if (!file.startsWith(project) || !existsSync(file) || !extname(file)) return void res.writeHead(404).end()
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
}, 600_000)

afterAll(async () => {
  await browser?.close()
  server?.close()
  if (project) rmSync(project, { recursive: true, force: true })
})

/** Opens a page, types a query into the inline widget and returns the result titles. */
async function search(path: string, query: string): Promise<{ titles: string[]; searched: string | null; errors: string[] }> {
  const page = await browser.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(String(error)))
  try {
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`${response.status()} ${response.url()}`)
    })
    await page.goto(path.startsWith('http') ? path : `${origin}${path}`)
    // signpost-search fires (and is tracked) once the query has settled.
    await page.evaluate(() => {
      ;(window as unknown as { settled: Promise<void> }).settled = new Promise((resolve) => addEventListener('signpost-search', () => resolve(), { once: true }))
    })
    await page.locator('signpost-help input[type="search"]').fill(query)
    const titles = page.locator('signpost-help [role="option"] .result-title')
    await titles.first().waitFor({ timeout: 20_000 })
    await page.evaluate(() => (window as unknown as { settled: Promise<void> }).settled)
    const output = page.locator('#searched')
    return { titles: await titles.allTextContents(), searched: (await output.count()) ? await output.textContent() : null, errors }
  } finally {
    // Leaving the page flushes the tracker (sendBeacon on pagehide).
    await page.close({ runBeforeUnload: true })
  }
}

describe('a fresh project outside the repository', () => {
  it('builds a folder of markdown with the installed signpost CLI', async () => {
    const { stdout, stderr } = await bin('signpost', ['build', 'content', '--out', 'kb'])
    expect(stdout + stderr).toMatch(/^signpost build: 2 articles, 1 locale \(en\), 0 warnings/m)
    expect(existsSync(join(project, 'kb/manifest.json'))).toBe(true)
  })

  it('imports a help center exported from Intercom with the installed CLI', async () => {
    const sample = join(repo, 'packages/content/src/import/fixtures/intercom.json')
    const { stdout } = await bin('signpost', ['import', 'intercom', sample, '--out', 'imported'])
    expect(stdout).toBe('signpost import: 3 articles (en, es), 1 draft, 1 link between them rewritten → imported\n')
    expect(readFileSync(join(project, 'imported/en/payments/connect-stripe.md'), 'utf8')).toContain('Then read [Payouts](./payouts.md).')
  })

  it('previews with the installed widget: signpost dev serves its CDN bundle', async () => {
    const dev = spawn(process.execPath, [join(project, 'node_modules/.bin/signpost'), 'dev', 'content', '--out', 'kb-dev', '--port', '0'], { cwd: project })
    try {
      let out = ''
      dev.stdout.on('data', (chunk) => (out += chunk))
      await expect.poll(() => /preview at (\S+)/.exec(out)?.[1], { timeout: 20_000 }).toBeTruthy()
      const url = /preview at (\S+)/.exec(out)![1]!
      expect(await (await fetch(url)).text()).toContain('<script type="module" src="/__signpost/widget/signpost.js">')
      const bundle = await fetch(new URL('__signpost/widget/signpost.js', url))
      expect(bundle.status).toBe(200)
    } finally {
      dev.kill()
    }
  })

  it('type-checks <signpost-help> props and events in React JSX and Vue templates', async () => {
    // Each app holds one deliberately wrong prop under @ts-expect-error / @vue-expect-error, so
    // the check also fails if the element's types went missing.
    await bin('tsc', ['-p', 'tsconfig.json'])
    await bin('vue-tsc', ['-p', 'tsconfig.json'])
  })

  it('bundles the React and Vue apps with Vite, search worker included', async () => {
    await bin('vite', ['build'])
    const assets = readdirSync(join(project, 'dist/assets'))
    expect(assets.some((f) => f.startsWith('worker-'))).toBe(true)
    expect(existsSync(join(project, 'dist/react.html')) && existsSync(join(project, 'dist/vue.html'))).toBe(true)
  })

  it('searches in the built React app, which receives the typed signpost-search event', async () => {
    const { titles, searched, errors } = await search('/dist/react.html', 'refund')
    expect(titles[0]).toBe('Refund a payment')
    expect(searched).toBe('refund:1')
    expect(errors).toEqual([])
  })

  it('searches in the React app under the Vite dev server too, the worker found and no request failing', async () => {
    const port = await freePort()
    const vite = spawn(process.execPath, [join(project, 'node_modules/.bin/vite'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: project })
    let log = ''
    vite.stdout.on('data', (chunk) => (log += chunk))
    vite.stderr.on('data', (chunk) => (log += chunk))
    try {
      const answers = () => fetch(`http://127.0.0.1:${port}/react.html`).then((r) => r.ok, () => false)
      await expect.poll(answers, { timeout: 30_000 }).toBe(true)
      // The dev server serves public/ at the root.
      await bin('signpost', ['build', 'content', '--out', 'public/kb'])
      const { titles, searched, errors } = await search(`http://127.0.0.1:${port}/react.html`, 'refund')
      expect(titles[0]).toBe('Refund a payment')
      expect(searched).toBe('refund:1')
      expect(errors).toEqual([])
      expect(log).not.toMatch(/error|failed/i)
    } finally {
      vite.kill()
    }
  })

  it('searches in the built Vue app, which receives the typed signpost-search event', async () => {
    const { titles, searched, errors } = await search('/dist/vue.html', 'password')
    expect(titles[0]).toBe('Reset your password')
    expect(searched).toBe('password:1')
    expect(errors).toEqual([])
  })

  it('serves a plain HTML page from the CDN bundle, whose tracker is configured by attributes', async () => {
    const { titles, errors } = await search('/plain.html', 'password')
    expect(titles[0]).toBe('Reset your password')
    expect(errors).toEqual([])
    await expect.poll(() => collected.flatMap((batch) => batch.events.map((e) => `${e.site} ${e.type} ${e.query ?? ''}`)), { timeout: 15_000 }).toContain('pk_plain search password')
  })
})

/** A Node on this machine older than Signpost supports (Debian's is 20), if there is one. */
function oldNode(): string | undefined {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node', '/bin/node']) {
    if (!existsSync(candidate)) continue
    const [major, minor] = execFileSync(candidate, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number)
    if (major! < 22 || (major === 22 && minor! < 18)) return candidate
  }
  return undefined
}

describe.skipIf(!oldNode())('the installed CLI on an unsupported Node', () => {
  it('says which Node it needs and exits 1', async () => {
    const failure = await run(oldNode()!, [join(project, 'node_modules/.bin/signpost'), 'build', 'content'], { cwd: project }).catch((error) => error)
    expect(failure.code).toBe(1)
    expect(failure.stderr).toMatch(/^signpost: Node\.js 2\d\.\d+\.\d+ is not supported; Signpost needs Node\.js 22\.18 or newer/)
  })
})

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}
