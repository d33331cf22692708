import { expect, fixture, html } from '@open-wc/testing'
import './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, KB, fetched, optionTitles, until } from './test-support.ts'

/** The fixture's `billing/seats` names `audience: [pro]`: only the pro knowledge base holds it. */
describe('<signpost-help audience>', () => {
  it('never finds an audience’s article in the public knowledge base', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="en"></signpost-help>`)
    await el.search('seat licenses')
    expect(optionTitles(el)).not.to.include('Manage seat licenses')
    await el.search('refunds')
    expect(optionTitles(el)).to.include('Refunds')
  })

  it('searches the audience’s knowledge base, public articles included, and opens its article', async () => {
    performance.clearResourceTimings()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} audience="pro" locale="en"></signpost-help>`)
    await el.search('seat licenses')
    expect(optionTitles(el)[0]).to.equal('Manage seat licenses')
    await el.search('refunds')
    expect(optionTitles(el)).to.include('Refunds')
    expect(el.kbUrl).to.match(/\/fixtures\/dist\/kb\/audiences\/pro\/manifest\.json$/)
    await el.showArticle('billing/seats')
    await until(() => $(el, '[part="article"] p'), 'the article body')
    expect($(el, '#article-title')!.textContent).to.equal('Manage seat licenses')
    expect(fetched('/kb/audiences/pro/articles/')).to.have.length(1)
  })

  it('switches knowledge base when the host sets the audience after load (a customer who signs in)', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="en"></signpost-help>`)
    await el.search('seat licenses')
    expect(optionTitles(el)).not.to.include('Manage seat licenses')
    el.audience = 'pro'
    await until(() => optionTitles(el)[0] === 'Manage seat licenses', 'the pro article after the audience changed')
  })

  it('reads an audience’s knowledge base from the manifest URL a host gives as kb', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB.replace('manifest.json', 'audiences/pro/manifest.json')} locale="en"></signpost-help>`)
    await el.search('seat licenses')
    expect(optionTitles(el)[0]).to.equal('Manage seat licenses')
  })

  it('opens every file of a knowledge base through the signed manifest URL a host gives as kb', async () => {
    const signed = '/signed-kb/audiences/pro/manifest.json?sig=good'
    performance.clearResourceTimings()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${signed} locale="en"></signpost-help>`)
    await el.search('seat licenses')
    expect(optionTitles(el)[0]).to.equal('Manage seat licenses')
    // A word only the article's body has: its body shard came through the signature too.
    await el.search('packs of five')
    await until(() => optionTitles(el)[0] === 'Manage seat licenses', 'the body index')
    await el.showArticle('billing/seats')
    const img = await until(() => $(el, '[part="article"] img') as HTMLImageElement | null, 'the article image')
    await until(() => img.complete && img.naturalWidth > 0, 'the image loaded through the signature')
    expect(fetched('/signed-kb/').filter((url) => !url.endsWith('?sig=good'))).to.deep.equal([])
    // The stand-in CDN (web-test-runner.config.mjs) refuses a file without the signature.
    expect((await fetch('/signed-kb/audiences/pro/manifest.json')).status).to.equal(403)
  })
})
