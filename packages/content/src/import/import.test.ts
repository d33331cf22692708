import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../cli/run.ts'
import { captureIO, contentFixture } from '../test-support/fixture.ts'

const fixtures = join(import.meta.dirname, 'fixtures')
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** Imports a sample export (written from the vendor's API docs) into an empty folder, then checks it. */
async function importSample(vendor: string, ...flags: string[]) {
  const fx = await contentFixture({})
  cleanups.push(fx.cleanup)
  const io = captureIO(fx.dir)
  const code = await runCli(['import', vendor, join(fixtures, `${vendor}.json`), '--out', 'content', ...flags], io)
  const files = (await readdir(fx.root, { recursive: true })).filter((f) => f.endsWith('.md')).sort()
  const check = captureIO(fx.dir)
  const checkCode = await runCli(['check', 'content', '--format', 'json'], check)
  const { diagnostics } = JSON.parse(check.out()) as { diagnostics: { code: string }[] }
  return { code, io, files, fx, checkCode, problems: diagnostics.filter((d) => d.code !== 'missing-summary') }
}

describe('signpost import', () => {
  it('turns a Zendesk export into markdown: sections as folders, locales, images kept, links rewritten', async () => {
    const { code, io, files, fx, checkCode, problems } = await importSample('zendesk')
    expect(code).toBe(0)
    expect(io.out()).toBe('signpost import: 4 articles (en, es), 1 draft, 2 links between them rewritten → content\n')
    expect(io.err()).toBe('signpost import: a link to an article not in the export was kept as it is: https://acme.zendesk.com/hc/en-us/articles/360999-Gone\n')
    expect(files).toEqual(['en/account/reset-your-password.md', 'en/billing-payments/new-pricing-draft.md', 'en/billing-payments/refund-a-payment.md', 'es/billing-payments/refund-a-payment.md'])
    expect(await readFile(join(fx.root, 'en/billing-payments/refund-a-payment.md'), 'utf8')).toBe(
      '---\ntitle: Refund a payment\ncategory: Billing & Payments\ntags:\n  - billing\n  - refunds\nupdated: 2026-03-01\n---\n\n' +
        'Open the invoice and choose **Refund**.\n\n![The Refund button](https://acme.zendesk.com/hc/article_attachments/9001/refund.png)\n\n' +
        '## Partial refunds\n\n| Plan | Refund |\n| --- | --- |\n| Monthly | Prorated |\n\n' +
        'Forgot your password first? See [Reset your password](../account/reset-your-password.md#steps). Older: [an archived article](https://acme.zendesk.com/hc/en-us/articles/360999-Gone).\n',
    )
    expect(await readFile(join(fx.root, 'en/billing-payments/new-pricing-draft.md'), 'utf8')).toContain('\ndraft: true\n')
    // The build resolves every rewritten link and anchor: no broken links, headings or images.
    expect(checkCode).toBe(0)
    expect(problems).toEqual([])
  })

  it('keeps a Zendesk article restricted to user segments out of the public knowledge base, as their audiences', async () => {
    const fx = await contentFixture({})
    cleanups.push(fx.cleanup)
    const page = (id: number, title: string, segment: object) => ({ id, title, locale: 'en-us', section_id: 200, body: `<p>${title}.</p>`, ...segment })
    const exported = {
      articles: [page(1, 'Refunds', { user_segment_id: null }), page(2, 'Seat licenses', { user_segment_id: 77 }), page(3, 'Escalations', { user_segment_ids: [88, 99] })],
      sections: [{ id: 200, name: 'Billing' }],
      user_segments: [{ id: 77, name: 'Pro customers', user_type: 'signed_in_users' }, { id: 88, name: 'Agents & admins', user_type: 'staff' }],
    }
    await writeFile(join(fx.dir, 'export.json'), JSON.stringify(exported))
    const io = captureIO(fx.dir)
    expect(await runCli(['import', 'zendesk', 'export.json', '--out', 'content'], io)).toBe(0)
    expect(io.out()).toContain('signpost import: only some readers may see articles of audiences agents-admins (1), pro-customers (1), segment-99 (1): the build keeps them out of the public knowledge base\n')
    expect(await readFile(join(fx.root, 'en/billing/refunds.md'), 'utf8')).not.toContain('audience')
    expect(await readFile(join(fx.root, 'en/billing/seat-licenses.md'), 'utf8')).toContain('\naudience:\n  - pro-customers\n')
    expect(await runCli(['build', 'content', '--out', 'kb'], captureIO(fx.dir))).toBe(0)
    const manifest = JSON.parse(await readFile(join(fx.dir, 'kb/manifest.json'), 'utf8')) as { articles: { id: string }[] }
    expect(manifest.articles.map((a) => a.id)).toEqual(['billing/refunds'])
  })

  it('turns an Intercom export into markdown, each translation the same article in its locale', async () => {
    const { code, files, fx, checkCode, problems } = await importSample('intercom')
    expect(code).toBe(0)
    expect(files).toEqual(['en/payments/connect-stripe.md', 'en/payments/payouts.md', 'es/payments/connect-stripe.md'])
    expect(await readFile(join(fx.root, 'es/payments/connect-stripe.md'), 'utf8')).toBe(
      '---\ntitle: Conectar Stripe\nsummary: Cobra tus facturas con tarjeta.\ncategory: Payments\nupdated: 2025-02-21\n---\n\nAbre **Ajustes → Pagos**.\n',
    )
    const en = await readFile(join(fx.root, 'en/payments/connect-stripe.md'), 'utf8')
    expect(en).toContain('- Card payments\n- Payouts every two days')
    expect(en).toContain('Then read [Payouts](./payouts.md).')
    expect(await readFile(join(fx.root, 'en/payments/payouts.md'), 'utf8')).toContain('\ndraft: true\n')
    expect(checkCode).toBe(0)
    expect(problems).toEqual([])
  })

  it('turns a Help Scout export into markdown in the locale given, links by article number rewritten', async () => {
    const { code, files, fx, problems } = await importSample('helpscout', '--locale', 'en')
    expect(code).toBe(0)
    expect(files).toEqual(['en/your-data/delete-your-account.md', 'en/your-data/export-your-data.md'])
    expect(await readFile(join(fx.root, 'en/your-data/export-your-data.md'), 'utf8')).toBe(
      '---\ntitle: Export your data\ncategory: Your data\nkeywords:\n  - download\n  - backup\nupdated: 2026-01-15\n---\n\n' +
        'Go to **Settings** and choose `Export`.\n\n```\ncurl https://api.example.com/export\n```\n\nSee also [Delete your account](./delete-your-account.md).\n',
    )
    expect(await readFile(join(fx.root, 'en/your-data/delete-your-account.md'), 'utf8')).toContain('\ndraft: true\n')
    expect(problems).toEqual([])
  })

  it('names the file and what is wrong, and never overwrites an article without --force', async () => {
    const fx = await contentFixture({})
    cleanups.push(fx.cleanup)
    await writeFile(join(fx.dir, 'tickets.json'), '{"tickets": []}')
    const wrong = captureIO(fx.dir)
    expect(await runCli(['import', 'zendesk', 'tickets.json'], wrong)).toBe(1)
    expect(wrong.err()).toBe(`signpost import: ${join(fx.dir, 'tickets.json')}: a Zendesk export has an "articles" list (GET /api/v2/help_center/articles.json?include=sections,categories)\n`)

    const usage = captureIO(fx.dir)
    expect(await runCli(['import', 'freshdesk', 'tickets.json'], usage)).toBe(2)
    expect(usage.err()).toContain('the first argument is the vendor: zendesk, intercom, helpscout')

    const sample = join(fixtures, 'intercom.json')
    expect(await runCli(['import', 'intercom', sample], captureIO(fx.dir))).toBe(0)
    const again = captureIO(fx.dir)
    expect(await runCli(['import', 'intercom', sample], again)).toBe(1)
    expect(again.err()).toMatch(/content\/en\/payments\/connect-stripe\.md exists already \(--force overwrites\)/)
    expect(await runCli(['import', 'intercom', sample, '--force'], captureIO(fx.dir))).toBe(0)
  })
})
