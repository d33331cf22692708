import { expect, fixture, html } from '@open-wc/testing'
import { setViewport } from '@web/test-runner-commands'
import './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, $$, KB, until } from './test-support.ts'

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown[]; failureSummary: string }[] }[]
}
declare global {
  interface Window {
    axe?: { run(context: unknown, options?: unknown): Promise<AxeResult> }
  }
}

async function loadAxe() {
  if (window.axe) return window.axe
  await new Promise<void>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = '/node_modules/axe-core/axe.min.js'
    script.onload = () => resolve()
    script.onerror = () => reject(new Error('axe-core not found under /node_modules'))
    document.head.append(script)
  })
  return window.axe!
}

/** Fails with axe's own description of every violation in the widget. */
async function expectNoViolations(el: SignpostHelp, state: string) {
  const axe = await loadAxe()
  await el.updateComplete
  // Let the opening animation finish so contrast is measured on final colours.
  await new Promise((r) => setTimeout(r, 250))
  const result = await axe.run(el, { resultTypes: ['violations'] })
  const described = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary).join('; ')}`,
  )
  expect(described, `axe violations in state "${state}"`).to.deep.equal([])
}

for (const theme of ['light', 'dark'] as const) {
  describe(`<signpost-help> accessibility, ${theme} theme`, () => {
    let el: SignpostHelp

    beforeEach(async () => {
      document.body.style.background = theme === 'dark' ? '#000' : '#fff'
      el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} theme=${theme}></signpost-help>`)
    })

    it('has no violations closed', async () => {
      await expectNoViolations(el, 'closed')
    })

    it('has no violations open, with suggestions for the page', async () => {
      el.setContext({ path: '/billing/plan' })
      await el.open()
      await until(() => $$(el, '[role="option"]').length > 0, 'suggestions')
      await expectNoViolations(el, 'suggestions')
    })

    it('has no violations with results and an active option', async () => {
      await el.search('refund')
      await el.updateComplete
      input(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
      await expectNoViolations(el, 'results')
    })

    it('has no violations with no results', async () => {
      await el.search('zebra xylophone')
      await expectNoViolations(el, 'no results')
    })

    it('has no violations on an article and after feedback', async () => {
      await el.showArticle('billing/refunds')
      await until(() => $(el, '[part="article"] p'), 'the article')
      await expectNoViolations(el, 'article')
      $$(el, 'fieldset button')[1]!.click()
      await until(() => $(el, 'textarea'), 'the reason form')
      await expectNoViolations(el, 'feedback reason')
      $(el, 'form button')!.click()
      await el.updateComplete
      await expectNoViolations(el, 'feedback given')
    })

    it('has no violations on the home view with recently viewed, greeting and logo', async () => {
      localStorage.setItem('signpost:recent', JSON.stringify(['billing/cancel']))
      el.setAttribute('logo', '/packages/widget/test/fixtures/content/images/refund.png')
      await el.open()
      await until(() => $(el, '#recent'), 'recently viewed')
      await expectNoViolations(el, 'home')
      localStorage.clear()
    })

    it('has no violations on a long article with lists, callouts, a table and code', async () => {
      await el.showArticle('guides/workspace')
      await until(() => $(el, '[part="article"] .callout-label'), 'the callouts')
      await expectNoViolations(el, 'long article')
    })

    it('has no violations in the contact form: empty, with errors, with suggestions, sent', async () => {
      localStorage.clear()
      el.contactForm = true
      await el.open()
      ;(await until(() => $(el, '.contact-bar button'), 'the contact bar')).click()
      await until(() => $(el, '#cf-email'), 'the form')
      await expectNoViolations(el, 'contact form')
      $(el, '.contact-form button[type="submit"]')!.click()
      await until(() => $(el, '#cf-email-error'), 'the errors')
      await expectNoViolations(el, 'contact form with errors')
      const subject = $(el, '#cf-subject') as HTMLInputElement
      subject.value = 'refund'
      subject.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
      await until(() => $(el, '.suggestions li'), 'the suggestions')
      await expectNoViolations(el, 'contact form with suggestions')
      el.addEventListener('signpost-contact', (e) => e.preventDefault(), { once: true })
      for (const [id, value] of [
        ['#cf-email', 'ana@example.com'],
        ['#cf-message', 'Help'],
      ] as const) {
        const input = $(el, id) as HTMLInputElement
        input.value = value
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
      }
      $(el, '.contact-form button[type="submit"]')!.click()
      await until(() => $(el, '.contact-form .sent'), 'the confirmation')
      await expectNoViolations(el, 'contact form sent')
      localStorage.clear()
    })
  })
}

describe('<signpost-help> accessibility, inline and right-to-left', () => {
  it('has no violations inline with results', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help mode="inline" kb=${KB} theme="light"></signpost-help>`)
    await el.search('password')
    await expectNoViolations(el, 'inline results')
  })

  it('lays out right to left for a right-to-left locale, launcher mirrored on a right-to-left page', async () => {
    document.documentElement.dir = 'rtl'
    try {
      const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="ar"></signpost-help>`)
      const launcher = $(el, '[part="launcher"]')!
      expect(launcher.getBoundingClientRect().left).to.be.lessThan(innerWidth / 2)
      await rtlResults(el)
    } finally {
      document.documentElement.dir = ''
    }
  })

  it('lays out the panel right to left for a right-to-left locale on a left-to-right page', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} locale="ar"></signpost-help>`)
    await rtlResults(el)
  })

  async function rtlResults(el: SignpostHelp) {
    await el.search('استرداد')
    expect($(el, 'dialog')!.getAttribute('dir')).to.equal('rtl')
    expect($(el, '[role="option"] .result-title')!.textContent).to.equal('استرداد الأموال')
    await expectNoViolations(el, 'right to left results')
    const panel = $(el, 'dialog')!.getBoundingClientRect()
    expect(panel.left).to.be.lessThan(innerWidth - panel.right)
  }

  it('reports a violation when there is one (positive control)', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} .strings=${{ close: '' }}></signpost-help>`)
    await el.open()
    const result = await (await loadAxe()).run(el, { resultTypes: ['violations'] })
    expect(result.violations.map((v) => v.id)).to.include('button-name')
  })

  it('fills a narrow viewport (a phone, or 200 % zoom) and stays usable there', async () => {
    await setViewport({ width: 390, height: 700 })
    try {
      const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
      await el.search('refund')
      await new Promise((r) => setTimeout(r, 250))
      const rect = $(el, 'dialog')!.getBoundingClientRect()
      expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 390, 700])
      await expectNoViolations(el, 'narrow viewport')
    } finally {
      await setViewport({ width: 800, height: 600 })
    }
  })

  it('shows a visible focus ring on keyboard focus', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB}></signpost-help>`)
    await el.open()
    const close = $(el, 'header button')!
    close.focus()
    const style = getComputedStyle(close)
    expect(close.matches(':focus-visible') ? style.outlineStyle : 'solid').to.equal('solid')
  })
})

function input(el: SignpostHelp) {
  return $(el, 'input')!
}
