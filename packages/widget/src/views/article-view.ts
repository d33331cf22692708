/** The article view (views chunk): back, title, sanitized body, related articles, "Was this helpful?". */
import type { ManifestArticle } from '@signpost/core'
import type { TemplateResult } from 'lit'
import { SignpostFeedbackEvent } from '../events/feedback.ts'
import type { SignpostHelp } from '../signpost-help.ts'
import type { Internals, Lit } from './internals.ts'
import { articleById } from './article-by-id.ts'

/** Headings that say the article lists its own related reading: then it gets no automatic list. */
const OWN_RELATED = /^(related|see also|further reading|art[ií]culos relacionados|ver tambi[eé]n|relacionad)/i

export function renderArticleView(host: SignpostHelp, m: Internals, lit: Lit): TemplateResult {
  const { html, nothing } = lit
  const s = m.t
  if (!m.shard || !m.articleNode) return html`<div class="body"><p class="muted" role="status">${m.status === 'error' ? s.unavailable : s.articleLoading}</p></div>`
  const article = articleById(m, m.current!.id)!
  const related = relatedArticles(m)
  const onClick = (e: MouseEvent) => {
    const link = (e.target as Element).closest?.('a')
    if (!link) return
    const target = link.getAttribute('data-signpost-article')
    const href = link.getAttribute('href') ?? ''
    if (target) {
      e.preventDefault()
      void m.openArticle(target, 'link')
    } else if (href.startsWith('#')) {
      e.preventDefault()
      host.renderRoot.querySelector(`#a-${CSS.escape(href.slice(1))}`)?.scrollIntoView()
    }
  }
  return html`<div class="body">
    <button class="secondary back" @click=${() => m.back()}><span aria-hidden="true">${m.loadedDir === 'rtl' ? '→' : '←'}</span> ${s.back}</button>
    <article part="article" @click=${onClick}>
      <h2 id="article-title" tabindex="-1">${article.title}</h2>
      ${m.articleNode}
    </article>
    <section class="footer">
      ${related.length > 0
        ? html`<h3 id="related">${s.related}</h3>
            <ul class="links" aria-labelledby="related">
              ${related.map((a) => html`<li><button class="link-button" @click=${() => m.openArticle(a.id, 'link')}>${a.title}</button></li>`)}
            </ul>`
        : nothing}
      ${renderFeedback(host, m, lit)}
    </section>
  </div>`
}

/** The build's related articles; none when the article has a related-reading section of its own (one list, not two). */
function relatedArticles(m: Internals): ManifestArticle[] {
  const shard = m.shard!
  if (shard.headings.some((h) => OWN_RELATED.test(h.text.trim()))) return []
  return shard.related.flatMap((id) => articleById(m, id) ?? [])
}

/**
 * "Was this helpful?": the vote is recorded the moment it is given, so closing the panel or going
 * back after "No" loses nothing; the optional reason follows as an event of its own.
 */
function renderFeedback(host: SignpostHelp, m: Internals, lit: Lit): TemplateResult {
  const { html } = lit
  const s = m.t
  if (m.feedback === 'done') return html`<p role="status">${s.thanks}</p>`
  if (m.feedback === 'reason') {
    const submit = (e: SubmitEvent) => {
      e.preventDefault()
      const reason = (e.target as HTMLFormElement).querySelector('textarea')!.value.trim()
      if (reason) sendFeedback(host, false, reason)
      m.feedback = 'done'
    }
    return html`<form class="reason" @submit=${submit}>
      <p role="status">${s.thanks}</p>
      <label for="reason">${s.reasonLabel}</label>
      <textarea id="reason" rows="3" maxlength="500"></textarea>
      <button class="primary" type="submit">${s.send}</button>
    </form>`
  }
  const vote = (helpful: boolean) => {
    sendFeedback(host, helpful)
    m.feedback = helpful ? 'done' : 'reason'
    if (!helpful) void host.updateComplete.then(() => host.renderRoot.querySelector('textarea')?.focus())
  }
  return html`<fieldset>
    <legend>${s.helpful}</legend>
    <div class="row">
      <button class="secondary" @click=${() => vote(true)}>${s.yes}</button>
      <button class="secondary" @click=${() => vote(false)}>${s.no}</button>
    </div>
  </fieldset>`
}

/**
 * Tracks a vote (`feedback {article, helpful}`), or the reason that follows a "No"
 * (`feedback {article, helpful: false, reason, followUp: true}`, which the server joins to the
 * vote instead of counting it twice), and announces it with `signpost-feedback`.
 */
function sendFeedback(host: SignpostHelp, helpful: boolean, reason?: string): void {
  const article = host.currentArticle!
  host.track({ type: 'feedback', article, helpful, ...(reason ? { reason, followUp: true } : {}) })
  host.dispatchEvent(new SignpostFeedbackEvent({ article, helpful, reason }))
}
