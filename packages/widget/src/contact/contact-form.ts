/**
 * The built-in contact form (`contact-form`), a chunk of its own fetched on the first "Contact
 * support": email, subject and message, kept as a draft until sent; articles suggested as the
 * customer types (the widget's own search, debounced), so the question can still be answered
 * before it becomes a ticket. Tracks `contact-suggestions-shown`, `contact-deflected` (opened a
 * suggestion, then left without sending) and `contact` (sent).
 */
import type { ManifestArticle } from '@signpost/core'
import type { TemplateResult } from 'lit'
import type { SignpostHelp } from '../signpost-help.ts'
import type { Internals, Lit } from '../views/internals.ts'
import { type Draft, clearDraft, loadDraft, saveDraft } from './draft.ts'
import { formStyles } from './contact-form.styles.ts'
import { type Errors, deliver, validate } from './deliver.ts'
import { articleById } from '../views/article-by-id.ts'

/** Wait this long after the last keystroke before suggesting (ms). */
export const SUGGEST_MS = 300

interface FormState {
  draft: Draft
  errors: Errors
  status: 'editing' | 'sending' | 'sent' | 'failed'
  suggestions: ManifestArticle[]
  /** The suggestions last reported as shown, so an unchanged list is reported once. */
  shownKey: string
  /** The last suggestion opened since the form last sent: a deflection if the customer leaves now. */
  opened?: string
  timer?: ReturnType<typeof setTimeout>
  stopWatching(): void
}

const states = new WeakMap<SignpostHelp, FormState>()
let sheet: CSSStyleSheet | undefined

function stateOf(host: SignpostHelp, m: Internals): FormState {
  let state = states.get(host)
  if (!state) {
    if (!sheet) {
      sheet = new CSSStyleSheet()
      sheet.replaceSync(formStyles)
    }
    const root = host.renderRoot as ShadowRoot
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
    // Closing the panel or leaving the page after reading a suggestion, without sending: deflected.
    const left = () => reportDeflected(host)
    const hidden = () => document.visibilityState === 'hidden' && left()
    host.addEventListener('signpost-close', left)
    document.addEventListener('visibilitychange', hidden)
    addEventListener('pagehide', left)
    const stopWatching = () => {
      host.removeEventListener('signpost-close', left)
      document.removeEventListener('visibilitychange', hidden)
      removeEventListener('pagehide', left)
    }
    state = { draft: loadDraft(), errors: {}, status: 'editing', suggestions: [], shownKey: '', stopWatching }
    states.set(host, state)
    if (state.draft.subject || state.draft.message) suggestSoon(host, m, state, 0)
  }
  return state
}

/** The form is left (Cancel, Escape): a suggestion read meanwhile counts as a deflection; the draft stays. */
export function leave(host: SignpostHelp): void {
  const state = states.get(host)
  if (!state) return
  reportDeflected(host)
  clearTimeout(state.timer)
  state.stopWatching()
  states.delete(host)
}

function reportDeflected(host: SignpostHelp): void {
  const state = states.get(host)
  if (!state?.opened || state.status === 'sent') return
  host.track({ type: 'contact-deflected', article: state.opened, ...(state.draft.subject.trim() ? { query: state.draft.subject.trim() } : {}) })
  state.opened = undefined
}

function suggestSoon(host: SignpostHelp, m: Internals, state: FormState, delay = SUGGEST_MS): void {
  clearTimeout(state.timer)
  state.timer = setTimeout(async () => {
    const text = `${state.draft.subject} ${state.draft.message.slice(0, 300)}`.trim()
    const { hits } = /[\p{L}\p{N}]{3}/u.test(text) ? await host.find(text).catch(() => ({ hits: [] })) : { hits: [] }
    const found = hits.flatMap(({ id }) => articleById(m, id) ?? [])
    if (states.get(host) !== state) return
    state.suggestions = found
    const key = found.map((a) => a.id).join('\n')
    if (key && key !== state.shownKey) {
      const subject = state.draft.subject.trim()
      host.track({ type: 'contact-suggestions-shown', articles: found.map((a) => a.id), ...(subject ? { query: subject } : {}) })
    }
    state.shownKey = key
    host.requestUpdate()
  }, delay)
}

async function send(host: SignpostHelp, m: Internals, state: FormState, read: string[], article?: string): Promise<void> {
  state.errors = validate(state.draft, m.t)
  const invalid = Object.keys(state.errors)[0]
  if (invalid) {
    host.requestUpdate()
    await host.updateComplete
    host.renderRoot.querySelector<HTMLElement>(`#cf-${invalid}`)?.focus()
    return
  }
  const { email, subject, message } = state.draft
  const detail = { query: host.query, article, channel: 'form', sessionId: host.sessionId, email: email.trim(), subject: subject.trim(), message, articles: read }
  const channel = await deliver(host, detail, () => {
    state.status = 'sending'
    host.requestUpdate()
  })
  state.status = channel ? 'sent' : 'failed'
  if (channel) {
    const query = host.analyticsQuery
    host.track({ type: 'contact', channel, ...(article ? { article } : {}), ...(query ? { query } : {}) })
    clearDraft()
    state.draft = { email: state.draft.email, subject: '', message: '' }
    state.suggestions = []
    state.opened = undefined
  }
  host.requestUpdate()
  await host.updateComplete
  host.renderRoot.querySelector<HTMLElement>('.contact-form [role="status"], .contact-form [role="alert"]')?.focus()
}

export function renderContactForm(host: SignpostHelp, m: Internals, lit: Lit, close: () => void, read: string[]): TemplateResult {
  const { html, nothing } = lit
  const s = m.t
  const state = stateOf(host, m)
  const origin = read[read.length - 1]
  if (state.status === 'sent') {
    return html`<div class="body contact-form">
      <p class="sent" role="status" tabindex="-1">${s.contactSent}</p>
      <button class="secondary" @click=${close}>${s.back}</button>
    </div>`
  }
  const onInput = (e: Event) => {
    const field = e.target as HTMLInputElement
    const name = field.name as keyof Draft
    if (!(name in state.draft)) return
    state.draft = { ...state.draft, [name]: field.value }
    saveDraft(state.draft)
    if (state.errors[name]) {
      state.errors = { ...state.errors, [name]: undefined }
      host.requestUpdate()
    }
    if (name !== 'email') suggestSoon(host, m, state)
  }
  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (state.status !== 'sending') void send(host, m, state, read, origin)
  }
  const openSuggestion = (id: string) => {
    state.opened = id
    void m.openArticle(id, 'suggestion')
  }
  const field = (name: keyof Draft, label: string, control: TemplateResult) =>
    html`<div class="field">
      <label for=${`cf-${name}`}>${label}</label>
      ${control}
      ${state.errors[name] ? html`<p class="error" id=${`cf-${name}-error`}>${state.errors[name]}</p>` : nothing}
    </div>`
  const invalid = (name: keyof Draft) => (state.errors[name] ? 'true' : 'false')
  const describedBy = (name: keyof Draft) => (state.errors[name] ? `cf-${name}-error` : nothing)
  return html`<div class="body contact-form">
    <h2 id="contact-title">${s.contactTitle}</h2>
    <p class="muted">${s.contactIntro}</p>
    <form novalidate aria-labelledby="contact-title" @input=${onInput} @submit=${onSubmit}>
      ${field(
        'email',
        s.email,
        html`<input id="cf-email" name="email" type="email" autocomplete="email" required .value=${state.draft.email} aria-invalid=${invalid('email')} aria-describedby=${describedBy('email')} />`,
      )}
      ${field('subject', s.subject, html`<input id="cf-subject" name="subject" type="text" maxlength="200" .value=${state.draft.subject} />`)}
      ${field(
        'message',
        s.message,
        html`<textarea id="cf-message" name="message" rows="5" maxlength="5000" required .value=${state.draft.message} aria-invalid=${invalid('message')} aria-describedby=${describedBy('message')}></textarea>`,
      )}
      <div class="suggestions" aria-live="polite">
        ${state.suggestions.length > 0
          ? html`<section aria-labelledby="cf-suggestions">
              <h3 id="cf-suggestions">${s.contactSuggestions}</h3>
              <ul class="links">
                ${state.suggestions.map((a) => html`<li><button type="button" class="link-button" @click=${() => openSuggestion(a.id)}>${a.title}</button></li>`)}
              </ul>
            </section>`
          : nothing}
      </div>
      ${state.status === 'failed' ? html`<p class="error" role="alert" tabindex="-1">${s.contactFailed}</p>` : nothing}
      <div class="row">
        <button class="primary" type="submit" ?disabled=${state.status === 'sending'}>${state.status === 'sending' ? s.sending : s.contactSend}</button>
        <button class="secondary" type="button" @click=${close}>${s.cancel}</button>
      </div>
    </form>
  </div>`
}
