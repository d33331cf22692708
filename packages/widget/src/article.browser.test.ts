import { expect, fixture, html } from '@open-wc/testing'
import './index.ts'
import type { SignpostContactEvent, SignpostFeedbackEvent } from './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, $$, KB, input, optionTitles, recorder, until } from './test-support.ts'

async function articleWidget(id = 'billing/refunds', attrs = '') {
  const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} contact-url=${attrs}></signpost-help>`)
  await el.showArticle(id)
  await until(() => $(el, '[part="article"]'), 'the article')
  return el
}

const articleTitle = (el: SignpostHelp) => $(el, '#article-title')?.textContent

describe('<signpost-help> article view', () => {
  it('shows the article from a search result, with focus on its title', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.search('refunds')
    await el.updateComplete
    $(el, '#option-0')!.click()
    await until(() => $(el, '[part="article"] p'), 'the article body')
    expect(articleTitle(el)).to.equal('Refunds')
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#article-title'))
  })

  it('opens internal links in the panel and goes back through them', async () => {
    const el = await articleWidget()
    const link = $(el, '[part="article"] a[data-signpost-article]')!
    link.click()
    await until(() => articleTitle(el) === 'Cancel your subscription' && $(el, '[part="article"] p'), 'the linked article')
    $(el, '.body > button')!.click()
    await until(() => articleTitle(el) === 'Refunds' && $(el, '[part="article"] p'), 'the previous article')
    $(el, '.body > button')!.click()
    await until(() => input(el), 'the search view')
    expect(el.shadowRoot!.activeElement).to.equal(input(el))
  })

  it('opens external links in a new tab with rel=noopener', async () => {
    const el = await articleWidget()
    const external = $$(el, '[part="article"] a').find((a) => a.getAttribute('href')!.startsWith('https://example.com'))!
    expect(external.getAttribute('target')).to.equal('_blank')
    expect(external.getAttribute('rel')).to.contain('noopener')
  })

  it('loads images lazily from the knowledge base, not from the host page', async () => {
    const el = await articleWidget()
    const img = $(el, '[part="article"] img') as HTMLImageElement
    expect(img.getAttribute('loading')).to.equal('lazy')
    expect(img.src).to.contain('/packages/widget/test/fixtures/dist/kb/images/')
  })

  it('lists related articles that open in the panel', async () => {
    const el = await articleWidget()
    const related = $$(el, 'section.footer ul button').map((b) => b.textContent!.trim())
    expect(related).to.include('Cancel your subscription')
  })

  it('switches articles, index and strings when the locale property changes', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="en"></signpost-help>`)
    await el.search('refund')
    expect(optionTitles(el)[0]).to.equal('Refunds')
    el.locale = 'es'
    await until(() => input(el).getAttribute('aria-label') === 'Buscar artículos de ayuda', 'Spanish strings')
    await el.search('reembolso')
    expect(optionTitles(el)).to.deep.equal(['Reembolsos'])
  })

  it('counts an internal link as a view from a link', async () => {
    const sink = recorder()
    const el = await articleWidget()
    el.analytics = sink
    $(el, '[part="article"] a[data-signpost-article]')!.click()
    await until(() => articleTitle(el) === 'Cancel your subscription', 'the linked article')
    expect(sink.events).to.deep.include({ type: 'view', article: 'billing/cancel', source: 'link', locale: 'en', path: location.pathname })
  })

  it('searches Spanish articles with Spanish strings for locale="es"', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="es"></signpost-help>`)
    await el.search('reembolso')
    await el.updateComplete
    expect(optionTitles(el)).to.deep.equal(['Reembolsos'])
    expect(input(el).getAttribute('aria-label')).to.equal('Buscar artículos de ayuda')
  })

  it('stems Spanish words (its stemmer loads with a Spanish knowledge base)', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="es"></signpost-help>`)
    await el.open()
    // Only the body says "tarjeta", and only its stem matches the plural typed; the body's shard
    // arrives after the first results, and the page searches again.
    await el.search('tarjetas.')
    await until(() => optionTitles(el).includes('Reembolsos'), 'the article whose text says "tarjeta"')
  })
})

describe('<signpost-help> feedback and contact', () => {
  it('records "helpful: yes" and thanks the customer', async () => {
    const sink = recorder()
    const el = await articleWidget()
    el.analytics = sink
    let detail: SignpostFeedbackEvent | undefined
    el.addEventListener('signpost-feedback', (e) => (detail = e))
    $$(el, 'fieldset button').find((b) => b.textContent!.trim() === 'Yes')!.click()
    await el.updateComplete
    expect(detail).to.include({ article: 'billing/refunds', helpful: true })
    expect(sink.events).to.deep.equal([{ type: 'feedback', article: 'billing/refunds', helpful: true, locale: 'en', path: location.pathname }])
    expect($(el, 'section.footer')!.textContent).to.contain('Thanks for your feedback!')
  })

  it('records "No" the moment it is given, so leaving without a reason loses nothing', async () => {
    const sink = recorder()
    const el = await articleWidget()
    el.analytics = sink
    const seen: SignpostFeedbackEvent[] = []
    el.addEventListener('signpost-feedback', (e) => seen.push(e))
    $$(el, 'fieldset button').find((b) => b.textContent!.trim() === 'No')!.click()
    const textarea = await until(() => $(el, 'textarea') as HTMLTextAreaElement | null, 'the reason field')
    expect(el.shadowRoot!.activeElement).to.equal(textarea)
    el.close()
    expect(seen.map((e) => e.detail)).to.deep.equal([{ article: 'billing/refunds', helpful: false, reason: undefined }])
    expect(sink.events).to.deep.equal([{ type: 'feedback', article: 'billing/refunds', helpful: false, locale: 'en', path: location.pathname }])
  })

  it('sends the optional reason after "No" as its own follow-up event', async () => {
    const sink = recorder()
    const el = await articleWidget()
    el.analytics = sink
    const seen: SignpostFeedbackEvent[] = []
    el.addEventListener('signpost-feedback', (e) => seen.push(e))
    $$(el, 'fieldset button').find((b) => b.textContent!.trim() === 'No')!.click()
    const textarea = await until(() => $(el, 'textarea') as HTMLTextAreaElement | null, 'the reason field')
    textarea.value = '  The screenshots are outdated '
    $(el, 'form button[type="submit"]')!.click()
    await el.updateComplete
    expect(seen.map((e) => e.detail)).to.deep.equal([
      { article: 'billing/refunds', helpful: false, reason: undefined },
      { article: 'billing/refunds', helpful: false, reason: 'The screenshots are outdated' },
    ])
    expect(sink.events.map(({ locale, path, ...e }) => e)).to.deep.equal([
      { type: 'feedback', article: 'billing/refunds', helpful: false },
      { type: 'feedback', article: 'billing/refunds', helpful: false, reason: 'The screenshots are outdated', followUp: true },
    ])
    expect($(el, 'section.footer')!.textContent).to.contain('Thanks for your feedback!')
  })

  it('fires signpost-contact with the query and article, and the host can take over', async () => {
    const sink = recorder()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} contact-url="https://support.example.com/new"></signpost-help>`)
    el.analytics = sink
    await el.search('refund')
    await el.updateComplete
    $(el, '#option-0')!.click()
    await until(() => $(el, '[part="article"] p'), 'the article')
    let contact: SignpostContactEvent | undefined
    document.addEventListener(
      'signpost-contact',
      (e) => {
        contact = e
        e.preventDefault()
      },
      { once: true },
    )
    $(el, '.contact-bar button')!.click()
    expect(contact).to.include({ query: 'refund', article: 'billing/refunds', channel: 'form', sessionId: el.sessionId })
    expect(sink.events.map((e) => e.type)).to.deep.equal(['open', 'search', 'click', 'view', 'contact'])
    expect(sink.events[2]).to.include({ article: 'billing/refunds', position: 1, query: 'refund' })
  })

  it('opens the configured contact URL in a new tab', async () => {
    const el = await articleWidget('billing/refunds', 'https://support.example.com/new')
    const opened: unknown[][] = []
    const original = window.open
    window.open = (...args: unknown[]) => {
      opened.push(args)
      return null
    }
    try {
      $(el, '.contact-bar button')!.click()
    } finally {
      window.open = original
    }
    expect(opened).to.deep.equal([['https://support.example.com/new', '_blank', 'noopener']])
  })

  it('exposes a stable session id for support tickets, and stores nothing itself', async () => {
    sessionStorage.removeItem('signpost:session')
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    expect(el.sessionId).to.match(/^[0-9a-f-]{36}$/)
    expect(el.sessionId).to.equal(el.sessionId)
    // Storing an id is the tracker's, and only with consent.
    expect(sessionStorage.getItem('signpost:session')).to.equal(null)
  })

  it("gives the tracker's session id, so a ticket joins the tracked session", async () => {
    sessionStorage.removeItem('signpost:session')
    const { createTracker } = await import('@signpost/tracker')
    const tracker = createTracker({ endpoint: '/__collect/widget-session', site: 'demo', storage: null, flushInterval: 60_000 })
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    el.analytics = tracker
    expect(el.sessionId).to.equal(tracker.sessionId)
    // Before consent the tracker keeps its id in the page: still nothing stored.
    expect(sessionStorage.getItem('signpost:session')).to.equal(null)
    tracker.destroy?.()
  })

  it('fires signpost-open and signpost-close and tracks the open', async () => {
    const sink = recorder()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    el.analytics = sink
    const seen: string[] = []
    document.addEventListener('signpost-open', (e) => seen.push(e.type))
    document.addEventListener('signpost-close', (e) => seen.push(e.type))
    await el.toggle()
    await el.toggle()
    expect(seen).to.deep.equal(['signpost-open', 'signpost-close'])
    expect(sink.events).to.deep.equal([{ type: 'open', locale: 'en', path: location.pathname }])
  })
})

describe('<signpost-help> article typography', () => {
  it('keeps list markers in articles, nested lists with their own', async () => {
    const el = await articleWidget('guides/workspace')
    const ol = $(el, '[part="article"] ol')!
    const nested = ol.querySelector('ul')!
    const deeper = nested.querySelector('ul')!
    expect(getComputedStyle(ol).listStyleType).to.equal('decimal')
    expect(getComputedStyle(nested).listStyleType).to.equal('circle')
    expect(getComputedStyle(deeper).listStyleType).to.equal('square')
    expect(getComputedStyle($(el, '[part="article"] > div > ul')!).listStyleType).to.equal('disc')
  })

  it('labels each callout with its kind, or with its own title', async () => {
    const el = await articleWidget('guides/workspace')
    const labels = $$(el, '[part="article"] .callout .callout-label').map((p) => p.textContent!.trim())
    expect(labels).to.deep.equal(['iNote', '✓Tip', '!Before you disconnect'])
    // The icon is decoration: a screen reader hears "Note", not "i Note".
    expect($$(el, '.callout-icon').every((i) => i.getAttribute('aria-hidden') === 'true')).to.equal(true)
  })

  it('shows one list of related articles: none added when the article has its own Related section', async () => {
    const el = await articleWidget('guides/workspace')
    expect($(el, '#related')).to.equal(null)
    expect($(el, '#a-related-articles')!.textContent).to.equal('Related articles')
  })

  it('leaves room between Back and the title', async () => {
    const el = await articleWidget()
    const back = $(el, '.back')!.getBoundingClientRect()
    const title = $(el, '#article-title')!.getBoundingClientRect()
    expect(title.top - back.bottom).to.be.at.least(8)
  })

  it('opens an article scrolled to a heading anchor, with focus on that heading', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.showArticle('guides/workspace', 'choose-how-invoices-look')
    const heading = $(el, '#a-choose-how-invoices-look')!
    expect(el.shadowRoot!.activeElement).to.equal(heading)
    const body = $(el, '.body')!.getBoundingClientRect()
    const top = heading.getBoundingClientRect().top
    expect(top).to.be.within(body.top - 1, body.top + 40)
  })

  it('opens at the title when the anchor names no heading', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.showArticle('guides/workspace', 'no-such-heading')
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#article-title'))
  })
})
