import { expect, fixture, html } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import './index.ts'
import type { SignpostContactEvent } from './index.ts'
import type { SignpostHelp } from './signpost-help.ts'
import { $, $$, KB, recorder, until } from './test-support.ts'

const field = (el: SignpostHelp, name: string) => $(el, `#cf-${name}`) as HTMLInputElement | HTMLTextAreaElement
const suggestionTitles = (el: SignpostHelp) => $$(el, '.suggestions button').map((b) => b.textContent!.trim())

/** A widget with the built-in form, opened on it (from the home view). */
async function formWidget(attrs: { contactUrl?: string } = {}) {
  const sink = recorder()
  const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} contact-form contact-url=${attrs.contactUrl ?? ''}></signpost-help>`)
  el.analytics = sink
  await el.open()
  const button = await until(() => $(el, '.contact-bar button'), 'the contact bar')
  button.click()
  await until(() => el.shadowRoot!.activeElement === field(el, 'email'), 'focus in the email field')
  return { el, sink }
}

/** Types into the focused field as a customer does. */
async function typeInto(el: SignpostHelp, name: string, text: string) {
  field(el, name).focus()
  await sendKeys({ type: text })
}

describe('<signpost-help contact-form>', () => {
  beforeEach(() => localStorage.clear())

  it('opens the form from Contact support and names each field that is missing', async () => {
    const { el, sink } = await formWidget()
    $(el, '.contact-form button[type="submit"]')!.click()
    await until(() => $(el, '#cf-email-error'), 'the email error')
    expect($(el, '#cf-email-error')!.textContent).to.equal('Your email is required.')
    expect($(el, '#cf-message-error')!.textContent).to.equal('Your message is required.')
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true')
    expect(field(el, 'email').getAttribute('aria-describedby')).to.equal('cf-email-error')
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'email'))
    await typeInto(el, 'email', 'ana@example')
    $(el, '.contact-form button[type="submit"]')!.click()
    await until(() => $(el, '#cf-email-error')?.textContent?.includes('name@example.com'), 'the invalid email error')
    expect(sink.events.filter((e) => e.type === 'contact')).to.deep.equal([])
  })

  it('suggests articles while the customer types, and records the list shown once', async () => {
    const { el, sink } = await formWidget()
    await typeInto(el, 'subject', 'refund to my card')
    await until(() => suggestionTitles(el).includes('Refunds'), 'the Refunds suggestion')
    await new Promise((r) => setTimeout(r, 500))
    const shown = sink.events.filter((e) => e.type === 'contact-suggestions-shown')
    expect(shown).to.have.length(1)
    expect(shown[0]).to.deep.include({ query: 'refund to my card' })
    expect((shown[0] as { articles: string[] }).articles[0]).to.equal('billing/refunds')
  })

  it('counts a deflection when a suggestion is opened and the customer leaves without sending', async () => {
    const { el, sink } = await formWidget()
    await typeInto(el, 'subject', 'refund')
    const suggestion = await until(() => $$(el, '.suggestions button').find((b) => b.textContent === 'Refunds'), 'the suggestion')
    suggestion.click()
    await until(() => $(el, '[part="article"] p'), 'the suggested article')
    el.close()
    const deflected = sink.events.filter((e) => e.type === 'contact-deflected')
    expect(deflected.map(({ locale, path, ...e }) => e)).to.deep.equal([{ type: 'contact-deflected', article: 'billing/refunds', query: 'refund' }])
    expect(sink.events.some((e) => e.type === 'contact')).to.equal(false)
  })

  it('goes back from a suggestion to the message as typed, with Escape', async () => {
    const { el } = await formWidget()
    await typeInto(el, 'message', 'I was charged twice for my refund')
    const suggestion = await until(() => $(el, '.suggestions button'), 'a suggestion')
    suggestion.click()
    await until(() => $(el, '[part="article"] p'), 'the suggested article')
    await sendKeys({ press: 'Escape' })
    await until(() => field(el, 'message'), 'the form again')
    expect(field(el, 'message').value).to.equal('I was charged twice for my refund')
    expect(el.opened).to.equal(true)
  })

  it('hands the message to the host with a cancelable signpost-contact, then forgets the draft', async () => {
    const { el, sink } = await formWidget()
    let contact: SignpostContactEvent | undefined
    el.addEventListener('signpost-contact', (e) => {
      contact = e
      e.preventDefault()
    })
    await typeInto(el, 'email', 'ana@example.com')
    await typeInto(el, 'subject', 'Invoice')
    await typeInto(el, 'message', 'Where is my invoice?')
    $(el, '.contact-form button[type="submit"]')!.click()
    await until(() => $(el, '.contact-form .sent'), 'the confirmation')
    expect(contact!.detail).to.deep.include({ channel: 'form', sessionId: el.sessionId, email: 'ana@example.com', subject: 'Invoice', message: 'Where is my invoice?' })
    expect(sink.events.filter((e) => e.type === 'contact').map(({ locale, path, ...e }) => e)).to.deep.equal([{ type: 'contact', channel: 'form' }])
    expect(localStorage.getItem('signpost:contact-draft')).to.equal(null)
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.contact-form .sent'))
  })

  it('POSTs the message to contact-url when the host does not take it', async () => {
    await fetch('/__collect/contact-form', { method: 'DELETE' })
    const { el } = await formWidget({ contactUrl: '/__collect/contact-form' })
    await el.showArticle('billing/refunds')
    await until(() => $(el, '[part="article"] p'), 'an article read first')
    $(el, '.contact-bar button')!.click()
    await until(() => field(el, 'email'), 'the form')
    await typeInto(el, 'email', 'ana@example.com')
    await typeInto(el, 'message', 'Still no refund')
    $(el, '.contact-form button[type="submit"]')!.click()
    await until(() => $(el, '.contact-form .sent'), 'the confirmation')
    const [request] = await (await fetch('/__collect/contact-form')).json()
    expect(request.contentType).to.equal('application/json')
    expect(request.body).to.deep.include({ channel: 'form', email: 'ana@example.com', message: 'Still no refund', sessionId: el.sessionId, article: 'billing/refunds' })
    expect(request.body.articles).to.deep.equal(['billing/refunds'])
  })

  it('keeps the message when sending fails, and says so', async () => {
    const { el } = await formWidget({ contactUrl: '/__collect/contact-fail?status=503' })
    await typeInto(el, 'email', 'ana@example.com')
    await typeInto(el, 'message', 'Please call me')
    $(el, '.contact-form button[type="submit"]')!.click()
    const alert = await until(() => $(el, '.contact-form [role="alert"]'), 'the failure message')
    expect(alert.textContent).to.contain('could not be sent')
    expect(field(el, 'message').value).to.equal('Please call me')
    expect(JSON.parse(localStorage.getItem('signpost:contact-draft')!)).to.deep.include({ message: 'Please call me' })
  })

  it('restores what the customer typed after a reload', async () => {
    const { el } = await formWidget()
    await typeInto(el, 'email', 'ana@example.com')
    await typeInto(el, 'message', 'Half-written question')
    el.remove()
    const { el: again } = await formWidget()
    expect(field(again, 'email').value).to.equal('ana@example.com')
    expect(field(again, 'message').value).to.equal('Half-written question')
  })

  it('works from the keyboard alone: to the form, through its fields, sent with Enter', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} contact-form></signpost-help>`)
    let contact: SignpostContactEvent | undefined
    el.addEventListener('signpost-contact', (e) => {
      contact = e
      e.preventDefault()
    })
    await el.open()
    await sendKeys({ type: 'invoice' })
    await until(() => $$(el, '[role="option"]').length > 0, 'results')
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal($(el, '.contact-bar button'))
    await sendKeys({ press: 'Enter' })
    await until(() => el.shadowRoot!.activeElement === field(el, 'email'), 'focus in the email field')
    await sendKeys({ type: 'ana@example.com' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ type: 'Invoice' })
    await sendKeys({ press: 'Tab' })
    expect(el.shadowRoot!.activeElement).to.equal(field(el, 'message'))
    await sendKeys({ type: 'Where is it?' })
    await sendKeys({ press: 'Shift+Tab' })
    await sendKeys({ press: 'Enter' })
    await until(() => $(el, '.contact-form .sent'), 'the confirmation')
    expect(contact!.detail).to.deep.include({ email: 'ana@example.com', subject: 'Invoice', message: 'Where is it?', query: 'invoice' })
  })

  it('returns with Escape to the view it was opened from', async () => {
    const el = await fixture<SignpostHelp>(html`<signpost-help kb=${KB} contact-form></signpost-help>`)
    await el.showArticle('billing/cancel')
    await until(() => $(el, '[part="article"] p'), 'the article')
    $(el, '.contact-bar button')!.click()
    await until(() => field(el, 'email') && el.shadowRoot!.activeElement === field(el, 'email'), 'the form')
    await sendKeys({ press: 'Escape' })
    await until(() => $(el, '#article-title')?.textContent === 'Cancel your subscription', 'the article again')
    expect($(el, '[part="article"] p')).to.exist
  })
})
