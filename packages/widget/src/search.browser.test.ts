import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys, sendMouse } from '@web/test-runner-commands'
import './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, $$, KB, fetched, input, optionTitles, recorder, typeQuery, until } from './test-support.ts'

async function openWidget(attrs: { path?: string } = {}) {
  const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="en"></signpost-help>`)
  if (attrs.path) el.setContext({ path: attrs.path })
  await el.open()
  return el
}

describe('<signpost-help> search', () => {
  it('shows only a launcher and fetches nothing until opened', async () => {
    performance.clearResourceTimings()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await new Promise((r) => setTimeout(r, 300))
    expect($(el, '[part="launcher"]')).to.exist
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false)
    expect(fetched('/fixtures/dist/kb/')).to.deep.equal([])
    expect(fetched('worker')).to.deep.equal([])
    $(el, '[part="launcher"]')!.click()
    // The search worker fetches the manifest and indexes (its own resource timeline).
    await until(() => fetched('worker').length > 0, 'the search worker')
  })

  it('starts loading when the pointer reaches the launcher, before the click', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    const rect = $(el, '[part="launcher"]')!.getBoundingClientRect()
    performance.clearResourceTimings()
    await sendMouse({ type: 'move', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] })
    await until(() => fetched('worker').length > 0, 'the search worker')
    expect(el.opened).to.equal(false)
    await sendMouse({ type: 'move', position: [0, 0] })
  })

  it('fetches the index on idle with preload, before any open', async () => {
    performance.clearResourceTimings()
    await fixture<SignpostHelp>(html`<signpost-help kb=${`${KB}?preload`} preload></signpost-help>`)
    await until(() => fetched('worker').length > 0, 'the search worker')
  })

  it('moves focus into the search field when the panel opens', async () => {
    const el = await openWidget()
    expect(el.shadowRoot!.activeElement).to.equal(input(el))
  })

  it('finds an article by a misspelled word and highlights the matched word', async () => {
    const el = await openWidget()
    typeQuery(el, 'refnds')
    await until(() => optionTitles(el).includes('Refunds'), 'the Refunds result')
    expect(optionTitles(el)[0]).to.equal('Refunds')
    // Highlighting comes with the refinements, a moment after the first results.
    await until(() => $$(el, '[role="option"] mark').some((m) => m.textContent === 'Refunds'), 'the matched word highlighted')
  })

  it('shows results for the word still being typed', async () => {
    const el = await openWidget()
    await el.search('passw')
    expect(optionTitles(el)[0]).to.equal('Reset your password')
  })

  it('never shows the results of an older query once a newer one was typed', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    const shown: string[][] = []
    new MutationObserver(() => shown.push(optionTitles(el))).observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true })
    // Both queries are typed before the index has loaded; the first one's answer comes back first.
    const first = el.search('refunds')
    const second = el.search('password')
    await Promise.all([first, second])
    // The body index may or may not have arrived by now, which can add body matches after the title match.
    expect(optionTitles(el)[0]).to.equal('Reset your password')
    expect(optionTitles(el)).not.to.include('Refunds')
    expect(input(el).value).to.equal('password')
    expect(shown.some((titles) => titles.includes('Refunds'))).to.equal(false)
  })

  it('filters results by category', async () => {
    const el = await openWidget()
    await el.search('download')
    expect(optionTitles(el)).to.include('Download invoices')
    const select = $(el, 'select') as HTMLSelectElement
    select.value = 'Account'
    select.dispatchEvent(new Event('change'))
    await until(() => !optionTitles(el).includes('Download invoices'), 'the Billing result to go')
    // "download" is in the export article's summary: found once the body index has arrived.
    await until(() => optionTitles(el).includes('Export your data'), 'the Account result')
  })

  it('announces the number of results in a polite live region', async () => {
    const el = await openWidget()
    await el.search('refund')
    await el.updateComplete
    const live = $(el, '[aria-live="polite"]')!
    expect(live.textContent).to.match(/\d+ results?/)
  })

  it('says so, offers popular articles and contact when nothing matches', async () => {
    const el = await openWidget()
    await el.search('zebra xylophone')
    await el.updateComplete
    const screen = $(el, '.no-results')!
    expect(screen.textContent).to.contain('No results for “zebra xylophone”')
    expect(screen.querySelectorAll('li').length).to.be.greaterThan(0)
    expect($(el, '.contact-bar button')!.textContent!.trim()).to.equal('Contact support')
  })

  it('reports the settled query once, not every keystroke', async () => {
    const sink = recorder()
    const el = await openWidget()
    el.analytics = sink
    const seen: string[] = []
    el.addEventListener('signpost-search', (e) => seen.push(e.normalizedQuery))
    for (const q of ['r', 're', 'ref', 'refu', 'Refund']) typeQuery(el, q)
    await until(() => seen.length > 0, 'the signpost-search event', 4000)
    await new Promise((r) => setTimeout(r, 200))
    expect(seen).to.deep.equal(['refund'])
    expect(sink.events.filter((e) => e.type === 'search')).to.deep.equal([
      { type: 'search', query: 'Refund', results: optionTitles(el).length, locale: 'en', path: location.pathname },
    ])
  })

  it('hands analytics the query as typed, so the tracker can still find and scrub an email in it', async () => {
    const sink = recorder()
    const el = await openWidget()
    el.analytics = sink
    typeQuery(el, 'refund for jo.doe@example.com')
    await until(() => sink.events.some((e) => e.type === 'search'), 'the search event', 4000)
    const { createTracker } = await import('@signpost/tracker')
    const scrubbed: { query?: string }[] = []
    const tracker = createTracker({ endpoint: '/__collect/widget-scrub', site: 'demo', storage: null, flushInterval: 60_000, consent: 'granted' })
    tracker.track(sink.events.find((e) => e.type === 'search') as Parameters<typeof tracker.track>[0])
    await tracker.flush()
    const received = await (await fetch('/__collect/widget-scrub')).json()
    for (const r of received) scrubbed.push(...r.body.events)
    tracker.destroy()
    expect(scrubbed.map((e) => e.query)).to.deep.equal(['refund for [email]'])
  })

  it('sends nothing to analytics with analytics="off"', async () => {
    const sink = recorder()
    const el = await openWidget()
    el.setAttribute('analytics', 'off')
    el.analytics = sink
    typeQuery(el, 'refund')
    await new Promise((r) => setTimeout(r, 1200))
    expect(sink.events).to.deep.equal([])
  })
})

describe('<signpost-help> keyboard (APG combobox)', () => {
  it('moves the active option with the arrows, Home and End, focus staying in the field', async () => {
    const el = await openWidget()
    await el.search('billing')
    await el.updateComplete
    const count = $$(el, '[role="option"]').length
    expect(count).to.be.greaterThan(1)
    await sendKeys({ press: 'ArrowDown' })
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-0')
    expect($(el, '#option-0')!.getAttribute('aria-selected')).to.equal('true')
    await sendKeys({ press: 'ArrowDown' })
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-1')
    // The body index may add matches meanwhile: the last option is counted when End is pressed.
    const last = () => `option-${$$(el, '[role="option"]').length - 1}`
    await sendKeys({ press: 'End' })
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(last())
    await sendKeys({ press: 'Home' })
    expect(input(el).getAttribute('aria-activedescendant')).to.equal('option-0')
    await sendKeys({ press: 'ArrowUp' })
    expect(input(el).getAttribute('aria-activedescendant')).to.equal(last())
    expect(el.shadowRoot!.activeElement).to.equal(input(el))
  })

  it('opens the active option with Enter', async () => {
    const el = await openWidget()
    await sendKeys({ type: 'password' })
    await until(() => optionTitles(el).length > 0, 'results')
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'Enter' })
    await until(() => $(el, '[part="article"]'), 'the article')
    expect($(el, '#article-title')!.textContent).to.equal('Reset your password')
  })

  it('opens a result at the section that answers the question, with focus on its heading', async () => {
    const el = await openWidget()
    await el.search('disconnect my bank account')
    await until(() => optionTitles(el).includes('Set up your workspace'), 'the workspace guide among the results')
    $(el, `#option-${optionTitles(el).indexOf('Set up your workspace')}`)!.click()
    await until(() => $(el, '#a-connect-your-bank'), 'the article')
    await until(() => el.shadowRoot!.activeElement?.id === 'a-connect-your-bank', 'focus on the "Connect your bank" heading')
  })

  it('clears the query with Escape, then closes the panel and returns focus to the launcher', async () => {
    const el = await openWidget()
    await sendKeys({ type: 'refund' })
    await until(() => optionTitles(el).length > 0, 'results')
    await sendKeys({ press: 'Escape' })
    await el.updateComplete
    expect(input(el).value).to.equal('')
    expect(el.opened).to.equal(true)
    await sendKeys({ press: 'Escape' })
    await el.updateComplete
    expect(el.opened).to.equal(false)
    expect(($(el, 'dialog') as HTMLDialogElement).open).to.equal(false)
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="launcher"]'))
  })

  it('leaves Tab free on desktop: the panel is not modal and the page behind stays usable', async () => {
    const before = document.createElement('button')
    before.textContent = 'A page button'
    document.body.prepend(before)
    try {
      const el = await openWidget()
      expect(($(el, 'dialog') as HTMLDialogElement).matches(':modal')).to.equal(false)
      let clicked = false
      before.addEventListener('click', () => (clicked = true))
      const rect = before.getBoundingClientRect()
      await sendMouse({ type: 'click', position: [Math.round(rect.x + rect.width / 2), Math.round(rect.y + rect.height / 2)] })
      expect(clicked).to.equal(true)
      expect(el.opened).to.equal(true)
      // Focus left the panel for the page; Tab from the page's button is not pulled back in.
      expect(document.activeElement).to.equal(before)
    } finally {
      before.remove()
    }
  })

  it('goes back from an article to the results with Escape, then clears, then closes', async () => {
    const el = await openWidget()
    await sendKeys({ type: 'password' })
    await until(() => optionTitles(el).length > 0, 'results')
    await sendKeys({ press: 'ArrowDown' })
    await sendKeys({ press: 'Enter' })
    await until(() => $(el, '[part="article"] p'), 'the article')
    await sendKeys({ press: 'Escape' })
    await until(() => input(el), 'the results')
    expect(el.opened).to.equal(true)
    expect(input(el).value).to.equal('password')
    expect(el.shadowRoot!.activeElement).to.equal(input(el))
    expect(optionTitles(el)[0]).to.equal('Reset your password')
    await sendKeys({ press: 'Escape' })
    await sendKeys({ press: 'Escape' })
    await el.updateComplete
    expect(el.opened).to.equal(false)
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="launcher"]'))
  })

  it('reopens where the customer was: the same article, scrolled as it was', async () => {
    const el = await openWidget()
    await el.showArticle('guides/workspace')
    await until(() => $(el, '[part="article"] table'), 'the long article')
    const body = $(el, '.body')!
    body.scrollTop = 300
    const scrolled = body.scrollTop
    expect(scrolled).to.be.greaterThan(0)
    $(el, '[part="launcher"]')!.click()
    await el.updateComplete
    expect(el.opened).to.equal(false)
    $(el, '[part="launcher"]')!.click()
    await el.updateComplete
    expect($(el, '#article-title')!.textContent).to.equal('Set up your workspace')
    expect($(el, '[part="article"] table')).to.exist
    expect($(el, '.body')!.scrollTop).to.equal(scrolled)
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#article-title'))
  })

  it('puts the launcher and the panel in the page language before the first open', async () => {
    performance.clearResourceTimings()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="es"></signpost-help>`)
    await until(() => $(el, '[part="launcher"]')!.textContent!.includes('Ayuda'), 'the Spanish launcher')
    // Only the strings: no search worker, no knowledge base.
    expect(fetched('worker')).to.deep.equal([])
  })

  it('switches the launcher language when the locale changes before the panel was ever opened', async () => {
    performance.clearResourceTimings()
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} preload></signpost-help>`)
    await until(() => fetched('worker').length > 0, 'the preload')
    // Let the English knowledge base finish loading: what follows must not depend on its timing.
    await new Promise((r) => setTimeout(r, 500))
    el.locale = 'es'
    await until(() => $(el, '[part="launcher"]')!.textContent!.includes('Ayuda'), 'the Spanish launcher')
    el.locale = 'en'
    await until(() => $(el, '[part="launcher"]')!.textContent!.includes('Help'), 'the English launcher again')
  })
})

describe('<signpost-help> route suggestions', () => {
  it('suggests articles whose routes match the page before typing', async () => {
    const el = await openWidget({ path: '/billing/plan' })
    await el.updateComplete
    expect(optionTitles(el)[0]).to.equal('Cancel your subscription')
    expect($(el, '#listbox-label')!.textContent).to.equal('Suggested for this page')
    el.setContext({ path: '/billing' })
    await el.updateComplete
    expect(optionTitles(el)).to.deep.equal(['Refunds'])
  })

  it('follows route changes made through the History API', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    const original = location.href
    try {
      history.pushState({}, '', '/account/settings/profile')
      await el.open()
      await el.updateComplete
      expect(optionTitles(el)).to.deep.equal(['Reset your password'])
      history.replaceState({}, '', '/billing/plan')
      await el.updateComplete
      expect(optionTitles(el)[0]).to.equal('Cancel your subscription')
    } finally {
      history.replaceState({}, '', original)
    }
  })

  it('suggests articles for the tags given with setContext', async () => {
    const el = await openWidget({ path: '/nowhere' })
    el.setContext({ tags: ['security'] })
    await el.updateComplete
    expect(optionTitles(el)).to.deep.equal(['Reset your password'])
  })

  it('reports a suggestion opened as a view with source suggestion', async () => {
    const sink = recorder()
    const el = await openWidget({ path: '/login' })
    el.analytics = sink
    await el.updateComplete
    $(el, '#option-0')!.click()
    await until(() => $(el, '[part="article"]'), 'the article')
    expect(sink.events.find((e) => e.type === 'view')).to.deep.include({ article: 'account/password', source: 'suggestion' })
  })
})

describe('<signpost-help> inline mode', () => {
  it('renders the search in place, without launcher or dialog', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help mode="inline" kb=${KB}></signpost-help>`)
    expect($(el, '[part="launcher"]')).to.equal(null)
    expect($(el, 'dialog')).to.equal(null)
    typeQuery(el, 'invoices')
    await until(() => optionTitles(el).includes('Download invoices'), 'the invoices result')
  })
})
