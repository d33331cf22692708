import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createDashboardRoutes, dashboardAssetsDir } from './index.ts'

function builtPage(): string {
  const root = mkdtempSync(join(tmpdir(), 'signpost-dashboard-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Signpost ops dashboard</title>')
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)')
  return root
}

function app(root: string): Hono {
  const app = new Hono()
  app.get('/v1/reports/summary', (c) => c.json({ ok: true }))
  app.route('/dashboard', createDashboardRoutes({ root }))
  return app
}

describe('createDashboardRoutes', () => {
  it('serves the page at /dashboard/ and revalidates it on every load', async () => {
    const res = await app(builtPage()).request('/dashboard/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('Signpost ops dashboard')
  })

  it('redirects /dashboard to /dashboard/', async () => {
    const res = await app(builtPage()).request('/dashboard')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/dashboard/')
  })

  it('serves hashed assets cached for a year, and 404s a missing one', async () => {
    const a = app(builtPage())
    const res = await a.request('/dashboard/assets/index-abc123.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toContain('immutable')
    expect((await a.request('/dashboard/assets/nope.js')).status).toBe(404)
  })

  it('answers any other path under /dashboard with the page, and leaves the API alone', async () => {
    const a = app(builtPage())
    expect(await (await a.request('/dashboard/content-gaps')).text()).toContain('Signpost ops dashboard')
    expect(await (await a.request('/v1/reports/summary')).json()).toEqual({ ok: true })
  })

  it('says how to build the page when it is missing', async () => {
    const res = await app(join(tmpdir(), 'signpost-no-such-dir')).request('/dashboard/')
    expect(res.status).toBe(503)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('npm run build -w @signpost/dashboard')
  })
})

describe('dashboardAssetsDir', () => {
  it('is the dist folder of the package', () => {
    expect(dashboardAssetsDir()).toMatch(/packages\/dashboard\/dist$/)
  })
})
