import type { SignpostHelp } from '@signpost/widget'

interface SupportOptions {
  help: SignpostHelp
  endpoint: string
  site: string
  query: string
}

/**
 * The support form. Submitting it plays the host's backend: it files the ticket and reports a
 * `contact` event carrying the widget's session id, so the help session that preceded the ticket
 * counts as escalated in the reports.
 */
export function renderSupport(main: HTMLElement, { help, endpoint, site, query }: SupportOptions): void {
  main.innerHTML = `<h1>Contact support</h1>
    <p>Tell us what happened. We answer within one business day.</p>
    <form id="support-form" class="card">
      <label>Your email <input name="email" type="email" required autocomplete="email"></label>
      <label>Subject <input name="subject" required></label>
      <label>Message <textarea name="message" rows="5" required></textarea></label>
      <button type="submit">Send to support</button>
      <p role="status" id="support-status"></p>
    </form>`
  const form = main.querySelector('form') as HTMLFormElement
  ;(form.elements.namedItem('subject') as HTMLInputElement).value = query
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const status = main.querySelector('#support-status') as HTMLElement
    const contact = {
      id: `ticket-${crypto.randomUUID()}`,
      type: 'contact',
      ts: Date.now(),
      session: help.sessionId,
      site,
      locale: document.documentElement.lang || 'en',
      path: '/support',
      channel: 'form',
      ...(query ? { query } : {}),
    }
    try {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ sentAt: Date.now(), events: [contact] }) })
      status.textContent = response.ok
        ? `Thanks — ticket created. Reference: ${help.sessionId.slice(0, 8)}.`
        : `Ticket created, but the help-center analytics server answered ${response.status}.`
    } catch {
      status.textContent = 'Ticket created (the analytics server is not running).'
    }
    form.reset()
  })
}
