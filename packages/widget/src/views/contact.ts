/**
 * "Contact support" (views chunk): the bar under every view, and what it does — the built-in form
 * (`contact-form`, its own chunk), or `signpost-contact` then `contact-url`.
 */
import type { ArticleShard } from '@signpost/core'
import { SignpostContactEvent } from '../events/contact.ts'
import type { ArticleEntry, SignpostHelp } from '../signpost-help.ts'
import type { Internals, Lit, View } from './internals.ts'

type FormModule = typeof import('../contact/contact-form.ts')

/** An open contact form, and the article view it was opened over (shown again on Cancel). */
export interface OpenForm {
  module: FormModule
  saved: { current?: ArticleEntry; shard?: ArticleShard; articleNode?: HTMLElement; stack: ArticleEntry[] }
}

export const forms = new WeakMap<SignpostHelp, OpenForm>()

/** Ids of the articles opened in this page's life, oldest first: what the form hands to support. */
export const read = new WeakMap<SignpostHelp, string[]>()

export function renderContactBar(host: SignpostHelp, m: Internals, lit: Lit): View {
  if (forms.has(host) && !m.current) return lit.nothing
  return lit.html`<footer class="contact-bar">
    <span>${m.t.contactPrompt}</span>
    <button class="primary" part="contact" @click=${() => contact(host, m)}>${m.t.contact}</button>
  </footer>`
}

/** "Contact support": the built-in form, or tracked, announced with `signpost-contact`, then `contact-url`. */
export function contact(host: SignpostHelp, m: Internals): void {
  if (host.contactForm) {
    void openForm(host, m)
    return
  }
  const url = host.contactUrl
  const channel = url.startsWith('mailto:') ? 'email' : 'form'
  const { query, currentArticle: article } = host
  const normalized = host.analyticsQuery
  host.track({ type: 'contact', channel, ...(article ? { article } : {}), ...(normalized ? { query: normalized } : {}) })
  const event = new SignpostContactEvent({ query, article, channel, sessionId: host.sessionId })
  host.dispatchEvent(event)
  if (event.defaultPrevented || !url) return
  if (channel === 'email') location.href = url
  else window.open(url, '_blank', 'noopener')
}

async function openForm(host: SignpostHelp, m: Internals): Promise<void> {
  const open = forms.get(host)
  if (open) {
    // Already writing (reading a suggestion): back to the message.
    m.current = undefined
    host.stack = []
  } else {
    const module = await import('../contact/contact-form.ts')
    forms.set(host, { module, saved: { current: m.current, shard: m.shard, articleNode: m.articleNode, stack: host.stack } })
    m.current = undefined
    host.stack = []
  }
  host.requestUpdate()
  await host.updateComplete
  host.renderRoot.querySelector<HTMLElement>('.contact-form input')?.focus()
}

/** Leaves the form for the view it was opened over. */
export function closeForm(host: SignpostHelp, m: Internals): void {
  const open = forms.get(host)
  if (!open) return
  forms.delete(host)
  open.module.leave(host)
  Object.assign(m, { current: open.saved.current, shard: open.saved.shard, articleNode: open.saved.articleNode })
  host.stack = open.saved.stack
  host.requestUpdate()
  void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>('#article-title, input')?.focus())
}
