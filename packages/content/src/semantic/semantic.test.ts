import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { search, type SemanticTable } from '@signpost/core'
import { afterAll, describe, expect, it } from 'vitest'
import { buildContent } from '../build.ts'
import { captureIO, contentFixture } from '../test-support/fixture.ts'
import { runCli } from '../cli/run.ts'
import { searchIndexOf } from '../kb-reader.ts'

/**
 * The real model (from its npm package, offline) on a small general vocabulary: the words a
 * customer might type that the articles never use, and some filler around them.
 */
const BASE = `supplier suppliers seller merchant wholesaler buy purchase purchasing order money pay payment
charge charges billed bill stop quit end terminate unsubscribe login forgot forgotten locked sign
lost remember secret code key door house tree river music happy blue green dog cat car computer phone
new old big small fast slow good bad want need help please time day week month year people person`.split(/\s+/)

const pages = {
  'purchasing/vendors.md': '---\ntitle: Add a vendor\nsummary: Register a company you buy goods from.\n---\n\n## Vendor cards\n\nOpen Vendors and choose New.\n',
  'billing/cancel.md': '---\ntitle: Cancel your subscription\nsummary: End your plan.\n---\n\nOpen Billing and choose Cancel plan.\n',
  'account/password.md': '---\ntitle: Reset your password\nsummary: Get back into your account.\n---\n\nUse the forgot password link on the sign in page.\n',
  'reports/export.md': '---\ntitle: Export a report\nsummary: Download a report as CSV.\n---\n\nChoose Export on any report.\n',
  'es/compras/proveedores.md': '---\ntitle: Añadir un proveedor\n---\n\nAbra Proveedores.\n',
}

const fx = await contentFixture(pages)
const cacheDir = join(fx.dir, 'cache')
const tuning = { base: BASE }
const build = (semantic: boolean | 'local' = true) => buildContent({ root: fx.root, semantic, cacheDir, semanticTuning: tuning })
const first = await build()
afterAll(() => fx.cleanup())

describe('signpost build --semantic', () => {
  it('finds an article by a word it never uses that means the same', () => {
    const index = searchIndexOf(first.manifest, first.files, 'en')
    expect(search(index, 'my supplier ', { keywordWeight: 1 })).toEqual([])
    expect(search(index, 'my supplier ')[0]?.id).toBe('purchasing/vendors')
    expect(search(index, 'how do I stop being billed')[0]?.id).toBe('billing/cancel')
  })

  it('lists the table in the locale entry and leaves a language the model does not know keyword-only, saying so', () => {
    const en = first.manifest.locales.find((l) => l.locale === 'en')!
    const es = first.manifest.locales.find((l) => l.locale === 'es')!
    expect(en.semantic).toMatch(/^index\/en\.semantic\.[0-9a-f]{10}\.json$/)
    expect(es.semantic).toBeUndefined()
    expect(first.keywordOnly).toEqual(['es'])
    const table = JSON.parse(String(first.files.get(en.semantic!))) as SemanticTable
    expect(table.dims).toBe(64)
    // Article vectors in 4 bits a dimension: 32 bytes an article of the locale.
    expect(atob(table.articles.vectors).length).toBe(4 * 32)
    expect(table.buckets.count).toBeGreaterThan(1)
    for (let n = 0; n < table.buckets.count; n++) expect(first.files.has(`${table.buckets.dir}${n}.json`)).toBe(true)
  })

  it('reuses the cached word table and writes the same files again', async () => {
    expect(existsSync(join(cacheDir, 'semantic'))).toBe(true)
    const again = await build()
    expect([...again.files.keys()].sort()).toEqual([...first.files.keys()].sort())
  })

  it('in local mode ships only the corpus words, inside the table', async () => {
    const local = await build('local')
    const en = local.manifest.locales.find((l) => l.locale === 'en')!
    const table = JSON.parse(String(local.files.get(en.semantic!))) as SemanticTable
    expect(table.buckets.count).toBe(0)
    expect(table.words!.w).toContain('vendor')
    expect(table.words!.w).not.toContain('supplier')
    const index = searchIndexOf(local.manifest, local.files, 'en')
    expect(search(index, 'vendr cards')[0]?.id).toBe('purchasing/vendors')
  })

  it('ranks the same in `signpost search`, which reads the table and buckets from disk', async () => {
    const out = join(fx.dir, 'kb')
    await buildContent({ root: fx.root, semantic: true, cacheDir, semanticTuning: tuning, out })
    const io = captureIO(fx.dir)
    expect(await runCli(['search', 'my supplier ', '--index', out, '--json'], io)).toBe(0)
    expect((JSON.parse(io.out()) as { results: { id: string }[] }[])[0]!.results[0]!.id).toBe('purchasing/vendors')
  })

  it('builds without the model when --semantic is not given', async () => {
    const plain = await buildContent({ root: fx.root })
    expect(plain.manifest.locales.every((l) => l.semantic === undefined)).toBe(true)
  })

  it('refuses a --semantic value it does not know', async () => {
    const io = captureIO(fx.dir)
    expect(await runCli(['build', fx.root, '--semantic=cloud', '--out', join(fx.dir, 'out')], io)).toBe(2)
    expect(io.err()).toContain('--semantic takes no value or "local"')
  })
})
