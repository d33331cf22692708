import 'axe-core'
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import { sendKeys, setViewport } from '@web/test-runner-commands'
import './dashboard.ts'
import type { SignpostDashboard } from './dashboard.ts'

// Reports come from test/fake-reports-api.mjs, served by the test server: the token picks the scenario.

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[]
}
const axe = (window as unknown as { axe: { run(context: unknown, options?: unknown): Promise<AxeResult> } }).axe

async function expectNoViolations(el: SignpostDashboard, state: string): Promise<void> {
  await el.updateComplete
  const result = await axe.run(el, { resultTypes: ['violations'] })
  const described = result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  expect(described, `axe violations when ${state}`).to.deep.equal([])
}

const $ = <T extends Element = HTMLElement>(el: SignpostDashboard, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector)
const $$ = <T extends Element = HTMLElement>(el: SignpostDashboard, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)]
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim()

async function signIn(el: SignpostDashboard, token: string, site = 'demo'): Promise<void> {
  $<HTMLInputElement>(el, '#token')!.value = token
  $<HTMLInputElement>(el, '#sign-in-site')!.value = site
  $<HTMLButtonElement>(el, '.sign-in button[type=submit]')!.click()
  await waitUntil(() => $(el, '.cards') || $(el, '.sign-in [role=alert]') || $(el, '.error'), 'the reports to load or fail', { timeout: 10_000 })
  await el.updateComplete
}

async function signedIn(token = 'good-token'): Promise<SignpostDashboard> {
  const el = await fixture<SignpostDashboard>(html`<signpost-dashboard></signpost-dashboard>`)
  await signIn(el, token)
  return el
}

function card(el: SignpostDashboard, label: string): HTMLElement {
  const found = $$(el, '.card').find((c) => text(c.querySelector('h3')) === label)
  expect(found, `card ${label}`).to.exist
  return found!
}

/** Downloads started by the page: their file name and content, without leaving the page. */
function captureDownloads(): { files: { name: string; blob: Blob }[]; stop(): void } {
  const files: { name: string; blob: Blob }[] = []
  const blobs = new Map<string, Blob>()
  const create = URL.createObjectURL
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = create.call(URL, obj)
    blobs.set(url, obj as Blob)
    return url
  }
  const onClick = (event: MouseEvent) => {
    const a = event.target as HTMLAnchorElement
    if (a instanceof HTMLAnchorElement && a.download) {
      event.preventDefault()
      files.push({ name: a.download, blob: blobs.get(a.href)! })
    }
  }
  document.addEventListener('click', onClick, true)
  return {
    files,
    stop() {
      URL.createObjectURL = create
      document.removeEventListener('click', onClick, true)
    },
  }
}

beforeEach(() => sessionStorage.clear())

describe('<signpost-dashboard> sign-in', () => {
  it('asks for a report token, accessibly', async () => {
    const el = await fixture<SignpostDashboard>(html`<signpost-dashboard></signpost-dashboard>`)
    expect($(el, '#token')).to.have.attribute('type', 'password')
    expect($<HTMLInputElement>(el, '#sign-in-site')!.value).to.equal('demo')
    await expectNoViolations(el, 'signed out')
  })

  it('keeps the token for the tab and shows the reports', async () => {
    const el = await signedIn()
    expect(sessionStorage.getItem('signpost-dashboard:token')).to.equal('good-token')
    expect($$(el, '.card')).to.have.length(8)
    expect(text($(el, '.status'))).to.match(/^Site "demo", /)
    await expectNoViolations(el, 'showing reports')
  })

  it('sends a refused token back to sign-in with a message', async () => {
    const el = await fixture<SignpostDashboard>(html`<signpost-dashboard></signpost-dashboard>`)
    await signIn(el, 'stale-token')
    expect($(el, '.sign-in')).to.exist
    expect(text($(el, '.sign-in [role=alert]'))).to.contain('refused the token for site "demo" (401)')
    expect(sessionStorage.getItem('signpost-dashboard:token')).to.equal(null)
    await expectNoViolations(el, 'a token was refused')
  })

  it('stays signed in when the tab reloads the page', async () => {
    sessionStorage.setItem('signpost-dashboard:token', 'good-token')
    const el = await fixture<SignpostDashboard>(html`<signpost-dashboard></signpost-dashboard>`)
    await waitUntil(() => $(el, '.cards'), 'the reports to load', { timeout: 10_000 })
    expect($(el, '.sign-in')).to.equal(null)
  })

  it('signs out', async () => {
    const el = await signedIn()
    $<HTMLButtonElement>(el, '.top button')!.click()
    await el.updateComplete
    expect($(el, '.sign-in')).to.exist
    expect(sessionStorage.getItem('signpost-dashboard:token')).to.equal(null)
  })
})

describe('<signpost-dashboard> headline cards', () => {
  it('shows each figure with its change against the previous period, in words as well as colour', async () => {
    const el = await signedIn()
    const sessions = card(el, 'Help sessions')
    expect(text(sessions.querySelector('.value'))).to.equal('120')
    expect(text(sessions.querySelector('.change'))).to.contain('▲').and.contain('20.0% · better')
    expect(sessions.querySelector('.change')).to.have.class('good')

    const escalation = card(el, 'Escalation rate')
    expect(text(escalation.querySelector('.value'))).to.equal('15.0%')
    expect(text(escalation.querySelector('.change .sr-only'))).to.equal('up 5.0 pts from the previous period (worse)')
    expect(escalation.querySelector('.change')).to.have.class('bad')

    expect(text(card(el, 'Deflection rate').querySelector('.detail'))).to.equal('Explicit 20.0% · implicit 50.0%')
    expect(text(card(el, 'Cost saved').querySelector('.value'))).to.equal('$504')
    expect(text(card(el, 'Cost saved').querySelector('.detail'))).to.equal('at $6 per contact')
    expect(text(card(el, 'Self-service score').querySelector('.value'))).to.equal('6.7')
  })

  it('compares nothing when the previous period had no help activity at all', async () => {
    const el = await signedIn('fresh-token')
    for (const label of ['Help sessions', 'Deflection rate', 'Contacts']) {
      const change = card(el, label).querySelector('.change')!
      expect(text(change), label).to.contain('no previous data').and.not.match(/better|worse|▲|▼/)
      expect(change, label).to.have.class('neutral')
    }
  })

  it('draws the trend and the funnel with their figures as text', async () => {
    const el = await signedIn()
    expect($(el, '#trend-chart')!.getAttribute('aria-label')).to.contain('over 7 days')
    expect($<HTMLCanvasElement>(el, '#funnel-chart')!.width).to.be.greaterThan(0)
    expect($$(el, '.funnel li')).to.have.length(5)
  })
})

describe('<signpost-dashboard> content gaps', () => {
  const queries = (el: SignpostDashboard) => $$(el, 'section[aria-labelledby=gaps] tbody th').map(text)
  const header = (el: SignpostDashboard, label: string) => $$(el, 'section[aria-labelledby=gaps] thead th').find((th) => text(th).startsWith(label))!

  it('keeps the server ranking until a column is sorted, then sorts both ways', async () => {
    const el = await signedIn()
    expect(queries(el)).to.deep.equal(['export to quickbooks', 'late fee', 'dark mode'])
    const contacts = header(el, 'Contacts after')
    expect(contacts).to.have.attribute('aria-sort', 'none')
    contacts.querySelector('button')!.click()
    await el.updateComplete
    expect(header(el, 'Contacts after')).to.have.attribute('aria-sort', 'descending')
    expect(queries(el)).to.deep.equal(['late fee', 'export to quickbooks', 'dark mode'])
    header(el, 'Contacts after').querySelector('button')!.click()
    await el.updateComplete
    expect(header(el, 'Contacts after')).to.have.attribute('aria-sort', 'ascending')
    expect(queries(el)).to.deep.equal(['dark mode', 'export to quickbooks', 'late fee'])
  })

  it('sorts from the keyboard', async () => {
    const el = await signedIn()
    header(el, 'Query').querySelector('button')!.focus()
    await sendKeys({ press: 'Enter' })
    await el.updateComplete
    expect(header(el, 'Query')).to.have.attribute('aria-sort', 'ascending')
    expect(queries(el)).to.deep.equal(['dark mode', 'export to quickbooks', 'late fee'])
    await sendKeys({ press: 'Space' })
    await el.updateComplete
    expect(queries(el)).to.deep.equal(['late fee', 'export to quickbooks', 'dark mode'])
    await expectNoViolations(el, 'a table is sorted')
  })

  it('downloads a draft article for a query, ready for content/', async () => {
    const el = await signedIn()
    const downloads = captureDownloads()
    try {
      $<HTMLButtonElement>(el, 'button[aria-label="Draft article for \\"export to quickbooks\\""]')!.click()
    } finally {
      downloads.stop()
    }
    expect(downloads.files.map((f) => f.name)).to.deep.equal(['export-to-quickbooks.md'])
    const markdown = await downloads.files[0]!.blob.text()
    expect(markdown).to.match(/^---\ntitle: "Export to quickbooks"\nsummary: TODO\nkeywords: \["export to quickbooks", "quickbooks sync", "accounting export"\]\n/)
    expect(markdown).to.contain('\ndraft: true\n')
    expect(markdown).to.contain('42 searches in 30 sessions')
    await el.updateComplete
    expect(text($(el, '.notice'))).to.contain('export-to-quickbooks.md')
  })

  it('exports the table as the server CSV, sent with the token', async () => {
    const el = await signedIn()
    const downloads = captureDownloads()
    try {
      $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === 'Content gaps as CSV')!.click()
      await waitUntil(() => downloads.files.length > 0, 'the CSV download')
    } finally {
      downloads.stop()
    }
    const [file] = downloads.files
    expect(file!.name).to.match(/^signpost-content-gaps-demo-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/)
    expect(await file!.blob.text()).to.equal('query,searches,sessions\nexport to quickbooks,42,30\n')
  })
})

describe('<signpost-dashboard> articles', () => {
  it('lists the worst article first and links articles through the configured pattern', async () => {
    const el = await fixture<SignpostDashboard>(html`<signpost-dashboard article-url="https://help.example.com/{id}"></signpost-dashboard>`)
    await signIn(el, 'good-token')
    const rows = $$(el, 'section[aria-labelledby=articles] tbody tr')
    expect(rows.map((r) => text(r.querySelector('th')))).to.deep.equal(["I can't log in", 'Send an invoice', 'Refunds'])
    expect(rows[0]!.querySelector('a')).to.have.attribute('href', 'https://help.example.com/account/cant-log-in')
    expect(text(rows[0]!.querySelectorAll('td')[3]!)).to.equal('42.0%')
    expect(text(rows[0]!.querySelectorAll('td')[4]!)).to.equal('login, locked out')
    expect(text(rows[1]!.querySelectorAll('td')[1]!)).to.equal('–')
  })
})

describe('<signpost-dashboard> other states', () => {
  it('says it is loading while the reports are on their way', async () => {
    const el = await fixture<SignpostDashboard>(html`<signpost-dashboard></signpost-dashboard>`)
    $<HTMLInputElement>(el, '#token')!.value = 'slow-token'
    $<HTMLButtonElement>(el, '.sign-in button[type=submit]')!.click()
    await el.updateComplete
    expect(text($(el, '.status'))).to.equal('Loading reports…')
    expect($(el, 'main')).to.have.attribute('aria-busy', 'true')
    await expectNoViolations(el, 'loading')
    await waitUntil(() => $(el, '.cards'), 'the reports to load', { timeout: 10_000 })
    await el.updateComplete
    expect($(el, 'main')).to.have.attribute('aria-busy', 'false')
  })

  it('says clearly when a site has no traffic in the period', async () => {
    const el = await signedIn('empty-token')
    expect(text($(el, 'main > .empty'))).to.contain('No help activity for site "demo"')
    expect(text($(el, 'section[aria-labelledby=gaps] .empty'))).to.contain('No content gaps')
    expect(text($(el, 'section[aria-labelledby=articles] .empty'))).to.contain('No article views')
    expect($(el, 'canvas')).to.equal(null)
    await expectNoViolations(el, 'there is no data')
  })

  it('shows a server failure with its message and a retry', async () => {
    const el = await signedIn('broken-token')
    // All four reports fail at once; whichever answers first is the one named.
    expect(text($(el, '.error'))).to.match(/The (summary|timeseries|content-gaps|articles) report failed: 500/).and.contain('database is locked')
    expect($(el, '.error button')).to.exist
    await expectNoViolations(el, 'the server failed')
  })

  it('refuses a custom range that ends before it starts, naming the fields', async () => {
    const el = await signedIn()
    const range = $<HTMLSelectElement>(el, '#range')!
    range.value = 'custom'
    range.dispatchEvent(new Event('change'))
    await el.updateComplete
    $<HTMLInputElement>(el, '#from')!.value = '2026-11-20'
    $<HTMLInputElement>(el, '#to')!.value = '2026-11-10'
    $<HTMLButtonElement>(el, '.filters button[type=submit]')!.click()
    await el.updateComplete
    expect(text($(el, '.error'))).to.contain('"From" (2026-11-20) is after "To" (2026-11-10)')
  })

  it('fits a 360 px phone without sideways scrolling of the page', async () => {
    await setViewport({ width: 360, height: 740 })
    try {
      const el = await signedIn()
      await new Promise((r) => setTimeout(r, 100))
      // Wide tables scroll inside their own region; nothing else may stick out.
      const outside = [...el.shadowRoot!.querySelectorAll('*')].filter((n) => !n.closest('.table-scroll') && n.getBoundingClientRect().right > 360)
      expect(outside.map((n) => `${n.tagName.toLowerCase()}.${n.className}`)).to.deep.equal([])
      expect(document.documentElement.scrollWidth).to.be.at.most(360)
      await expectNoViolations(el, 'on a phone')
    } finally {
      await setViewport({ width: 800, height: 600 })
    }
  })
})

describe('<signpost-dashboard> issue 16 fixes', () => {
  it('counts the funnel from the real daily series', async () => {
    const el = await signedIn()
    expect($$(el, '.funnel li').map(text)).to.deep.equal(['Searches 300', 'Clicked a result 217', 'Viewed an article 231', 'Voted helpful 21', 'Contacted support 18'])
    expect($(el, '.funnel .estimate')).to.equal(null)
  })

  it('labels the funnel steps it estimates when the server does not report them', async () => {
    const older = await signedIn('older-token')
    expect($$(older, '.funnel li').map(text)).to.deep.equal([
      'Searches 300',
      'Clicked a result ≈ 210 (estimated)',
      'Viewed an article 231',
      'Voted helpful ≈ 24 (estimated)',
      'Contacted support 18',
    ])
    expect(text($(older, '.funnel + .note'))).to.contain('Estimated steps')
    await expectNoViolations(older, 'the funnel has estimates')
  })

  it('reads "no previous data" when the previous period was tracked on a few days only', async () => {
    const el = await signedIn('seeded-token')
    for (const label of ['Help sessions', 'Deflection rate', 'Contacts']) {
      const change = card(el, label).querySelector('.change')!
      expect(text(change), label).to.contain('no previous data').and.not.match(/better|worse|▲|▼|%/)
    }
  })

  it('draws the trend legend as real line swatches, solid and dashed', async () => {
    const el = await signedIn()
    const items = $$(el, '.legend li')
    expect(items.map(text)).to.deep.equal(['Deflection rate', 'Escalation rate'])
    const lines = items.map((li) => li.querySelector('svg line')!)
    expect(lines[0]!.getAttribute('stroke-dasharray')).to.equal(null)
    expect(lines[1]!.getAttribute('stroke-dasharray')).to.equal('6 4')
  })

  for (const width of [360, 768, 1024, 1280, 1440, 1920]) {
    it(`fits ${width} px: no sideways scrolling${width >= 1024 ? ', tables whole' : ''}${width >= 1280 ? ', queries on at most two lines' : ''}`, async () => {
      await setViewport({ width, height: 900 })
      try {
        const el = await signedIn('wide-token')
        await new Promise((r) => setTimeout(r, 100))
        expect(document.documentElement.scrollWidth, 'page width').to.be.at.most(width)
        const outside = [...el.shadowRoot!.querySelectorAll('*')].filter((n) => !n.closest('.table-scroll') && n.getBoundingClientRect().right > width)
        expect(outside.map((n) => `${n.tagName.toLowerCase()}.${n.className}`)).to.deep.equal([])
        if (width >= 1024) {
          for (const region of $$(el, '.table-scroll')) expect(region.scrollWidth, `${region.getAttribute('aria-label')} scrolls`).to.be.at.most(region.clientWidth)
          for (const button of $$(el, 'button.draft')) {
            const box = button.getBoundingClientRect()
            const region = button.closest('.table-scroll')!.getBoundingClientRect()
            expect(box.right, 'draft button inside the table').to.be.at.most(region.right)
          }
        }
        if (width >= 1280) {
          const lineHeight = Number.parseFloat(getComputedStyle($(el, 'section[aria-labelledby=gaps] tbody th')!).lineHeight)
          for (const th of $$(el, 'section[aria-labelledby=gaps] tbody th')) expect(th.querySelector('.query')!.getBoundingClientRect().height, text(th)).to.be.at.most(2 * lineHeight + 1)
        }
      } finally {
        await setViewport({ width: 800, height: 600 })
      }
    })
  }
})

describe('<signpost-dashboard> route and locale filters', () => {
  afterEach(() => history.replaceState(null, '', location.pathname))

  /** The report URLs the page fetches while `act` runs. */
  async function requested(act: () => Promise<void>): Promise<URL[]> {
    const urls: URL[] = []
    const original = window.fetch
    window.fetch = (input, init) => {
      urls.push(new URL(String(input), location.href))
      return original(input, init)
    }
    try {
      await act()
    } finally {
      window.fetch = original
    }
    return urls.filter((u) => u.pathname.startsWith('/v1/reports/'))
  }

  it('narrow every report to the chosen route and keep the choice in the URL, accessibly', async () => {
    const el = await signedIn()
    const route = $<HTMLSelectElement>(el, 'select#route')!
    expect([...route.options].map((o) => o.value)).to.deep.equal(['', '/invoices/:id/edit', '/settings/billing'])
    expect([...$<HTMLSelectElement>(el, 'select#locale')!.options].map((o) => o.textContent)).to.deep.equal(['All locales', 'en', 'es'])
    const urls = await requested(async () => {
      route.value = '/invoices/:id/edit'
      route.dispatchEvent(new Event('change'))
      await waitUntil(() => text(card(el, 'Help sessions').querySelector('.value')) === '70', 'the route’s figures')
    })
    // Every card and table asks for the route; the route breakdown lists its neighbours.
    const filtered = urls.filter((u) => u.searchParams.get('route') === '/invoices/:id/edit').map((u) => u.pathname + (u.searchParams.get('by') ?? ''))
    expect(filtered.sort()).to.deep.equal([
      '/v1/reports/articles',
      '/v1/reports/breakdownlocale',
      '/v1/reports/content-gaps',
      '/v1/reports/feedback-reasons',
      '/v1/reports/summary',
      '/v1/reports/timeseries',
    ])
    expect(new URLSearchParams(location.search).get('route')).to.equal('/invoices/:id/edit')
    expect(text($(el, '.status'))).to.contain('route /invoices/:id/edit')
    expect(text($(el, 'section[aria-labelledby=reasons] .note'))).to.equal('Reasons given in the sessions that first asked for help on /invoices/:id/edit.')
    await expectNoViolations(el, 'filtered by route')
  })

  it('open filtered from a link', async () => {
    history.replaceState(null, '', `${location.pathname}?locale=es`)
    const el = await signedIn()
    expect($<HTMLSelectElement>(el, 'select#locale')!.value).to.equal('es')
    expect(text($(el, '.status'))).to.contain('locale es')
  })

  it('say which filter the server refused, and let it be cleared', async () => {
    history.replaceState(null, '', `${location.pathname}?route=/nowhere`)
    const stale = await signedIn()
    expect(text($(stale, '.error'))).to.contain('route: no help session of this site began on "/nowhere"')
    // The filter can be cleared from the page itself.
    const route = $<HTMLSelectElement>(stale, 'select#route')!
    route.value = ''
    route.dispatchEvent(new Event('change'))
    await waitUntil(() => $(stale, '.cards'), 'the whole site’s reports')
    expect(location.search).to.equal('')
    await expectNoViolations(stale, 'after clearing a refused filter')
  })
})

describe('<signpost-dashboard> reports an ops manager acts on', () => {
  it('shows first-contact resolution, where help fails by route and locale, and what readers said was missing', async () => {
    const el = await signedIn()
    expect(text(card(el, 'First-contact resolution').querySelector('.value'))).to.equal('83.3%')
    expect(text(card(el, 'First-contact resolution').querySelector('.detail'))).to.contain('estimate')
    // Deflection at the point of contact, from the widget's built-in form.
    expect(text(card(el, 'Contact-form deflection').querySelector('.value'))).to.equal('25.0%')
    expect(text(card(el, 'Contact-form deflection').querySelector('.detail'))).to.contain('5 of 20 shown suggestions')
    const routes = $$(el, 'section[aria-labelledby=where] .table-scroll')[0]!
    expect([...routes.querySelectorAll('tbody tr')].map((r) => text(r))).to.deep.equal(['/invoices/:id/edit 70 50.0% 30.0% 20.0%', '/settings/billing 50 90.0% 4.0% 2.0%'])
    const locales = $$(el, 'section[aria-labelledby=where] .table-scroll')[1]!
    expect([...locales.querySelectorAll('tbody th')].map(text)).to.deep.equal(['en', 'es'])
    const reasons = $$(el, 'section[aria-labelledby=reasons] tbody tr').map((r) => text(r))
    expect(reasons[0]).to.match(/^I can't log in no word on two factor codes 7 7 Nov 21, 2026$/)
    const ticket = $$(el, 'section[aria-labelledby=articles] thead th').map(text)
    expect(ticket).to.include.members(['Ticket within 7 days↕'])
    await expectNoViolations(el, 'showing every report')
  })

  it('exports the route breakdown as the server CSV', async () => {
    const el = await signedIn()
    const downloads = captureDownloads()
    try {
      $$<HTMLButtonElement>(el, 'button').find((b) => text(b) === 'By route as CSV')!.click()
      await waitUntil(() => downloads.files.length > 0, 'the CSV download')
    } finally {
      downloads.stop()
    }
    expect(downloads.files[0]!.name).to.match(/^signpost-breakdown-route-demo-/)
    expect(await downloads.files[0]!.blob.text()).to.equal('route,helpSessions\n/invoices/:id/edit,70\n')
  })

  it('leaves out what an older server does not report', async () => {
    const el = await signedIn('older-token')
    expect($$(el, '.card')).to.have.length(6)
    expect($(el, 'section[aria-labelledby=where]')).to.equal(null)
    expect($(el, 'section[aria-labelledby=reasons]')).to.equal(null)
    expect($$(el, 'section[aria-labelledby=articles] thead th').map(text)).not.to.include('Ticket within 7 days↕')
  })
})
