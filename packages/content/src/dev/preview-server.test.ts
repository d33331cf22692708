import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startPreviewServer } from './preview-server.ts'

/** A raw GET: fetch() would refuse to send a malformed path like `/%`. */
const get = (url: string, path: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { path }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })

describe('the dev preview server', () => {
  it('answers 400 to a malformed path and keeps serving', async () => {
    const out = await mkdtemp(join(tmpdir(), 'signpost-preview-'))
    await writeFile(join(out, 'manifest.json'), '{}')
    const { server, url } = await startPreviewServer(out, 0)
    try {
      for (const bad of ['/%', '/%E0%A4%A', '/a%2']) {
        const res = await get(url, bad)
        expect(res.status).toBe(400)
        expect(res.body).toContain('is not a valid URL path')
      }
      expect((await get(url, '/manifest.json')).status).toBe(200)
    } finally {
      server.close()
      await rm(out, { recursive: true, force: true })
    }
  })
})
