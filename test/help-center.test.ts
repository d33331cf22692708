import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '@signpost/content'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The demo product's own help center, held to what a writer would hold it to in CI: it builds
 * without warnings, and real customer questions find the article that answers them.
 */
const root = join(import.meta.dirname, '..')
let out: string
let build: { code: number; stderr: string }

const io = () => {
  let stdout = ''
  let stderr = ''
  return {
    cwd: root,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    text: () => ({ stdout, stderr }),
  }
}

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'signpost-help-center-'))
  const run = io()
  build = { code: await runCli(['build', 'content', '--out', out], run), stderr: run.text().stderr }
})
afterAll(() => rm(out, { recursive: true, force: true }))

describe('content/ (the Tidewater help center)', () => {
  it('builds in two locales with no errors or warnings', async () => {
    expect(build).toEqual({ code: 0, stderr: '' })
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))
    expect(manifest.locales.map((l: { locale: string }) => l.locale)).toEqual(['en', 'es'])
    expect(manifest.articles.length).toBeGreaterThanOrEqual(60)
  })

  for (const locale of ['en', 'es']) {
    it(`answers the ${locale} customer questions in content/queries.${locale}.json within the top 5`, async () => {
      const queries = JSON.parse(await readFile(join(root, `content/queries.${locale}.json`), 'utf8')) as { q: string; targets: string[] }[]
      const run = io()
      await runCli(['search', '--queries', `content/queries.${locale}.json`, '--index', out, '--locale', locale, '--json'], run)
      const results = JSON.parse(run.text().stdout) as { q: string; results: { id: string }[] }[]
      const misses = results.filter((r, i) => !r.results.slice(0, 5).some((h) => queries[i]!.targets.includes(h.id))).map((r) => r.q)
      expect(misses).toEqual([])
    })
  }
})
