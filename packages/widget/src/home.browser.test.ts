import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import './index.ts'
import type { SignpostContactEvent } from './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, $$, KB, optionTitles, until } from './test-support.ts'

const listTitles = (el: SignpostHelp, id: string) => $$(el, `ul[aria-labelledby="${id}"] button`).map((b) => b.textContent!.trim())

describe('<signpost-help> home view', () => {
  beforeEach(() => localStorage.clear())

  it('greets the customer and offers popular articles before any query', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.open()
    await until(() => $(el, '.home'), 'the home view')
    expect($(el, '.greeting')!.textContent!.trim()).to.equal('How can we help?')
    expect(listTitles(el, 'popular')[0]).to.equal('Refunds')
    expect($(el, '#recent')).to.equal(null)
  })

  it('takes its heading, greeting and logo from attributes', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} heading="Acme help" greeting="Hi, what are you stuck on?" logo="/packages/widget/test/fixtures/content/images/refund.png"></signpost-help>`)
    await el.open()
    await until(() => $(el, '.home'), 'the home view')
    expect($(el, '#panel-title')!.textContent).to.equal('Acme help')
    expect($(el, '.greeting')!.textContent!.trim()).to.equal('Hi, what are you stuck on?')
    const logo = $(el, 'img.logo') as HTMLImageElement
    expect(logo.getAttribute('alt')).to.equal('')
    expect(logo.src).to.contain('refund.png')
  })

  it('shows the host page\'s own greeting and logo through slots', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}><strong slot="greeting">Welcome back, Ana</strong><span slot="logo">ACME</span></signpost-help>`)
    await el.open()
    await until(() => $(el, '.home'), 'the home view')
    const greeting = $(el, 'slot[name="greeting"]') as HTMLSlotElement
    expect(greeting.assignedElements().map((e) => e.textContent)).to.deep.equal(['Welcome back, Ana'])
    const logo = $(el, 'slot[name="logo"]') as HTMLSlotElement
    expect(logo.assignedElements().map((e) => e.textContent)).to.deep.equal(['ACME'])
  })

  it('lists the articles this customer viewed recently, most recent first', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.showArticle('account/password')
    await until(() => $(el, '[part="article"] p'), 'the first article')
    await el.showArticle('billing/cancel')
    await until(() => $(el, '#article-title')?.textContent === 'Cancel your subscription', 'the second article')
    el.back()
    el.back()
    await until(() => $(el, '.home'), 'the home view')
    expect(listTitles(el, 'recent')).to.deep.equal(['Cancel your subscription', 'Reset your password'])
    // A new page (a reload) remembers them.
    const again = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await again.open()
    await until(() => $(again, '#recent'), 'recently viewed after a reload')
    expect(listTitles(again, 'recent')[0]).to.equal('Cancel your subscription')
  })

  it('keeps route suggestions first, as the combobox options', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    el.setContext({ path: '/billing/plan' })
    await el.open()
    await until(() => $(el, '.home'), 'the home view')
    expect(optionTitles(el)[0]).to.equal('Cancel your subscription')
    // Greeting, then the page's suggestions, then recently viewed and popular: in reading order.
    const listbox = $(el, '#listbox')!
    expect(listbox.compareDocumentPosition($(el, '.greeting')!) & Node.DOCUMENT_POSITION_PRECEDING).to.be.greaterThan(0)
    expect(listbox.compareDocumentPosition($(el, '.home')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0)
    // Popular does not repeat what the page's suggestions already offer.
    expect(listTitles(el, 'popular')).not.to.include('Cancel your subscription')
    expect(listTitles(el, 'popular')).not.to.include('Refunds')
    expect(listTitles(el, 'popular')).to.include('Reset your password')
  })
})

describe('<signpost-help> contact from every view', () => {
  for (const [view, setUp] of [
    ['home', (el: SignpostHelp) => el.open()],
    ['results', (el: SignpostHelp) => el.search('refund')],
    ['no results', (el: SignpostHelp) => el.search('zebra xylophone')],
    ['article', (el: SignpostHelp) => el.showArticle('billing/refunds')],
  ] as const) {
    it(`offers Contact support in the ${view} view`, async () => {
      const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
      await setUp(el)
      const button = await until(() => $(el, '.contact-bar button'), 'the contact bar')
      let contact: SignpostContactEvent | undefined
      el.addEventListener('signpost-contact', (e) => (contact = e), { once: true })
      button.click()
      expect(contact?.sessionId).to.equal(el.sessionId)
    })
  }

  it('reaches Contact support by keyboard from the results', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.open()
    await sendKeys({ type: 'refund' })
    await until(() => optionTitles(el).length > 0, 'results')
    let contacted = false
    el.addEventListener('signpost-contact', () => (contacted = true), { once: true })
    // Search field → category filter → contact button.
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.contact-bar button'))
    await sendKeys({ press: 'Enter' })
    expect(contacted).to.equal(true)
  })
})

describe('<signpost-help> at 390 px', () => {
  before(() => setViewport({ width: 390, height: 700 }))
  after(() => setViewport({ width: 800, height: 600 }))

  it('shows the whole category filter label, in Spanish too', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} .strings=${{ allCategories: 'Todas las categorías' }}></signpost-help>`)
    await el.open()
    const select = await until(() => $(el, 'select') as HTMLSelectElement | null, 'the category filter')
    const style = getComputedStyle(select)
    const context = document.createElement('canvas').getContext('2d')!
    context.font = style.font
    const needed = context.measureText('Todas las categorías').width + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight) + 16
    expect(select.clientWidth).to.be.at.least(needed)
    expect(select.getBoundingClientRect().right).to.be.at.most(390)
  })
})
