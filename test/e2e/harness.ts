import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from '@signpost/content'
import { runCli as runServer } from '@signpost/server'
import { type Browser, chromium } from 'playwright-core'
import { createServer } from 'vite'

export const repo = join(import.meta.dirname, '../..')
export const artifacts = join(repo, 'test-results')

export interface Loop {
  serverUrl: string
  demoUrl: string
  token: string
  browser: Browser
  report<T>(name: string): Promise<T>
  stop(): Promise<void>
}

/**
 * The whole product on this machine for one test file (the dashboard is built once, by
 * build-dashboard.ts): the demo help center built into a temp folder, the analytics server on a fresh SQLite file (port 0), the demo app served by Vite, and
 * Debian's Chromium.
 */
export async function startLoop(): Promise<Loop> {
  const work = await mkdtemp(join(tmpdir(), 'signpost-e2e-'))
  const token = `e2e-${Math.random().toString(36).slice(2)}-report-token`
  await mkdir(artifacts, { recursive: true })
  await build({ root: join(repo, 'content'), out: join(work, 'public/kb') })
  // One customer walks the loop: their queries must show although fewer than k (3) sessions searched them.
  await writeFile(join(work, 'signpost.config.json'), JSON.stringify({ kAnonymity: 1 }))
  const stopServer = new AbortController()
  const listening = await new Promise<string>((resolve, reject) => {
    runServer(['serve', '--port', '0', '--db', join(work, 'signpost.db')], {
      signal: stopServer.signal,
      onListening: resolve,
      cwd: work,
      env: { ...process.env, SIGNPOST_REPORT_TOKEN: token },
    }).catch(reject)
  })
  const serverUrl = listening.replace(/\/$/, '')
  process.env.VITE_SIGNPOST_SERVER = serverUrl
  const demo = await createServer({
    configFile: join(repo, 'demo/vite.config.ts'),
    publicDir: join(work, 'public'),
    server: { port: 0, host: '127.0.0.1' },
    logLevel: 'error',
  })
  await demo.listen()
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  return {
    serverUrl,
    demoUrl: demo.resolvedUrls!.local[0]!.replace(/\/$/, ''),
    token,
    browser,
    async report<T>(name: string) {
      const response = await fetch(`${serverUrl}/v1/reports/${name}?site=demo`, { headers: { authorization: `Bearer ${token}` } })
      if (response.status !== 200) throw new Error(`GET /v1/reports/${name}: ${response.status} ${await response.text()}`)
      return (await response.json()) as T
    },
    async stop() {
      await browser.close()
      await demo.close()
      stopServer.abort()
      await rm(work, { recursive: true, force: true })
    },
  }
}

export async function until<T>(check: () => Promise<T | false | undefined>, what: string, ms = 20_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 250))
  }
}
