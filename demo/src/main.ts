/**
 * Tidewater, the demo product: a small single-page app with the help center embedded the way an
 * integrating developer would do it — one element, the tracker plugged into it, route changes
 * through the History API, and the support form reporting contacts with the widget's session id.
 */
import '@signpost/widget'
import type { SignpostHelp } from '@signpost/widget'
import { createTracker } from '@signpost/tracker'
import { pageFor } from './pages.ts'
import { renderSupport } from './support.ts'

const server = (import.meta.env.VITE_SIGNPOST_SERVER as string | undefined) ?? 'http://127.0.0.1:8787'
const site = (import.meta.env.VITE_SIGNPOST_SITE as string | undefined) ?? 'demo'
const endpoint = `${server}/v1/events`

const help = document.querySelector('signpost-help') as SignpostHelp
// The demo's only visitor is the developer running it; a real product asks (consent: 'required', the
// default) and calls grantConsent() from its consent banner.
help.analytics = createTracker({ endpoint, site, flushInterval: 2000, consent: 'granted' })

const main = document.getElementById('page') as HTMLElement
const localePicker = document.getElementById('locale') as HTMLSelectElement

function render(): void {
  const path = location.pathname
  if (path === '/') {
    navigate('/dashboard', true)
    return
  }
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (a.pathname === path) a.setAttribute('aria-current', 'page')
    else a.removeAttribute('aria-current')
  }
  if (path === '/support') {
    document.title = 'Support — Tidewater'
    renderSupport(main, { help, endpoint, site, query: new URLSearchParams(location.search).get('q') ?? '' })
    return
  }
  const page = pageFor(path)
  document.title = `${page.title} — Tidewater`
  main.innerHTML = `<h1>${page.title}</h1>${page.html}`
}

function navigate(to: string, replace = false): void {
  if (replace) history.replaceState({}, '', to)
  else history.pushState({}, '', to)
  render()
  main.focus()
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLAnchorElement>('a[data-route]')
  if (!link || link.origin !== location.origin || event.metaKey || event.ctrlKey) return
  event.preventDefault()
  navigate(link.pathname + link.search)
})
document.addEventListener('submit', (event) => {
  if ((event.target as HTMLFormElement).id !== 'support-form') event.preventDefault()
})
addEventListener('popstate', render)

// "Contact support" in the help panel opens our own form, with what the customer searched.
help.addEventListener('signpost-contact', (event) => {
  event.preventDefault()
  help.close()
  navigate(`/support?q=${encodeURIComponent(event.query)}${event.article ? `&article=${encodeURIComponent(event.article)}` : ''}`)
})

localePicker.addEventListener('change', () => {
  help.locale = localePicker.value
  document.documentElement.lang = localePicker.value
})

render()
