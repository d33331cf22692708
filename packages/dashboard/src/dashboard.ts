import type { Chart } from 'chart.js'
import { LitElement, type PropertyValues, type TemplateResult, html, nothing } from 'lit'
import {
  type ArticleStats,
  type BreakdownRow,
  type ContentGap,
  type OpsReports,
  type Day,
  type ReportName,
  type ReportQuery,
  ReportsApiError,
  ReportsClient,
  type Summary,
  type Totals,
  comparable,
  toFunnel,
} from './api.ts'
import { FUNNEL_STEPS, funnelChart, TREND_SERIES, trendChart } from './charts.ts'
import { styles } from './dashboard.styles.ts'
import { saveBlob } from './download.ts'
import { draftArticle } from './draft.ts'
import { type GoodWhen, type MetricKind, formatCount, formatDay, formatMoney, formatPercent, formatRatio, lastDays, periodChange, rangeError } from './format.ts'
import { type ReportFilter, reportFilter, withReportFilter } from './page-options.ts'
import { type SortState, nextSort, sortRows } from './sort.ts'

const TOKEN_KEY = 'signpost-dashboard:token'
const SITE_KEY = 'signpost-dashboard:site'

type Preset = '7' | '30' | '90' | 'custom'
type GapKey = Extract<keyof ContentGap, string>
type ArticleKey = Extract<keyof ArticleStats, string>

interface Reports {
  query: ReportQuery
  summary: Summary
  days: Day[]
  gaps: ContentGap[]
  articles: ArticleStats[]
  ops: OpsReports
}

interface Card {
  label: string
  kind: MetricKind
  goodWhen: GoodWhen
  value: (t: Totals) => number | null
  detail?: (s: Summary, currency: string) => string
  /** Hidden when this says so: a figure an older server does not report. */
  optional?: (s: Summary) => boolean
}

const CARDS: readonly Card[] = [
  { label: 'Help sessions', kind: 'count', goodWhen: 'up', value: (t) => t.helpSessions },
  {
    label: 'Deflection rate',
    kind: 'rate',
    goodWhen: 'up',
    value: (t) => t.deflectionRate,
    detail: (t) =>
      `Explicit ${formatPercent(t.helpSessions ? t.deflected.explicit / t.helpSessions : null)} · implicit ${formatPercent(t.helpSessions ? t.deflected.implicit / t.helpSessions : null)}`,
  },
  { label: 'Escalation rate', kind: 'rate', goodWhen: 'down', value: (t) => t.escalationRate },
  { label: 'Contacts', kind: 'count', goodWhen: 'down', value: (t) => t.contacts },
  { label: 'Self-service score', kind: 'ratio', goodWhen: 'up', value: (t) => t.selfServiceScore, detail: () => 'help sessions per contact' },
  {
    label: 'Cost saved',
    kind: 'money',
    goodWhen: 'up',
    value: (t) => t.costSaved,
    detail: (s, currency) => (s.costPerContact !== undefined ? `at ${formatMoney(s.costPerContact, currency)} per contact` : 'deflected sessions × cost per contact'),
  },
  {
    label: 'First-contact resolution',
    kind: 'rate',
    goodWhen: 'up',
    value: (t) => t.firstContactResolution ?? null,
    detail: () => 'estimate: contacts with no repeat within 7 days',
    optional: (s) => s.firstContactResolution === undefined,
  },
  {
    label: 'Contact-form deflection',
    kind: 'rate',
    goodWhen: 'up',
    value: (t) => (t.contactForm?.suggested ? t.contactForm.deflectionRate : null),
    detail: (s) => `${formatCount(s.contactForm?.deflected ?? 0)} of ${formatCount(s.contactForm?.suggested ?? 0)} shown suggestions in the form read one and sent nothing`,
    // Left out for an older server, and for a site whose widget has no contact form.
    optional: (s) => s.contactForm === undefined || (!s.contactForm.suggested && !s.previous.contactForm?.suggested),
  },
]

interface Column<K extends string> {
  key: K
  label: string
  numeric: boolean
}

const GAP_COLUMNS: readonly Column<GapKey>[] = [
  { key: 'query', label: 'Query', numeric: false },
  { key: 'searches', label: 'Searches', numeric: true },
  { key: 'sessions', label: 'Sessions', numeric: true },
  { key: 'sessionsAffected', label: 'Sessions affected', numeric: true },
  { key: 'zeroResults', label: 'Zero results', numeric: true },
  { key: 'noClicks', label: 'No click', numeric: true },
  { key: 'contacts', label: 'Contacts after', numeric: true },
  { key: 'lastSeen', label: 'Last seen', numeric: false },
]

const ARTICLE_COLUMNS: readonly Column<ArticleKey>[] = [
  { key: 'article', label: 'Article', numeric: false },
  { key: 'views', label: 'Views', numeric: true },
  { key: 'helpfulRate', label: 'Helpful', numeric: true },
  { key: 'contactAfterViewRate', label: 'Contact after view', numeric: true },
]

const TICKET_COLUMN: Column<ArticleKey> = { key: 'ticketAfterViewRate', label: 'Ticket within 7 days', numeric: true }

/** Worst articles first: the highest contact-after-view rate, the strongest signal of a bad answer. */
const WORST_FIRST: SortState<ArticleKey> = { key: 'contactAfterViewRate', direction: 'descending' }

/**
 * The ops dashboard: sign in with a report token, then deflection, escalation, the search funnel,
 * content gaps and article quality of a site over a date range, from the reports API.
 *
 * @summary Signpost's ops dashboard over `/v1/reports/*`.
 *
 * @cssprop --signpost-accent - Buttons, links and the deflection line. Default #1f4fd1.
 */
export class SignpostDashboard extends LitElement {
  static override styles = styles

  static override properties = {
    apiBase: { attribute: 'api-base' },
    articleUrl: { attribute: 'article-url' },
    currency: {},
    token: { state: true },
    site: { state: true },
    preset: { state: true },
    from: { state: true },
    to: { state: true },
    loading: { state: true },
    reports: { state: true },
    error: { state: true },
    signInMessage: { state: true },
    route: { state: true },
    locale: { state: true },
    gapSort: { state: true },
    articleSort: { state: true },
    notice: { state: true },
  }

  /** Origin of the reports API; empty means the dashboard's own origin. */
  declare apiBase: string
  /** Link pattern for articles, `{id}` replaced by the article id (`https://help.example.com/{id}`); none shows the id. */
  declare articleUrl: string
  /** ISO currency of cost saved, unless the server names one. Default USD. */
  declare currency: string

  declare private token: string
  declare private site: string
  declare private preset: Preset
  declare private from: string
  declare private to: string
  /** The route the reports are narrowed to; empty for every route. Kept in the page URL. */
  declare private route: string
  /** The locale the reports are narrowed to; empty for every locale. Kept in the page URL. */
  declare private locale: string
  declare private loading: boolean
  declare private reports: Reports | null
  declare private error: string
  declare private signInMessage: string
  declare private gapSort: SortState<GapKey> | null
  declare private articleSort: SortState<ArticleKey>
  declare private notice: string

  #request = 0
  #charts: Chart[] = []

  constructor() {
    super()
    this.apiBase = ''
    this.articleUrl = ''
    this.currency = 'USD'
    this.token = sessionStorage.getItem(TOKEN_KEY) ?? ''
    this.site = sessionStorage.getItem(SITE_KEY) ?? 'demo'
    this.preset = '30'
    ;({ from: this.from, to: this.to } = lastDays(30))
    const filter = reportFilter(location.search)
    this.route = filter.route ?? ''
    this.locale = filter.locale ?? ''
    this.loading = false
    this.reports = null
    this.error = ''
    this.signInMessage = ''
    this.gapSort = null
    this.articleSort = WORST_FIRST
    this.notice = ''
  }

  /** Fetches every report again for the current site and range. */
  async refresh(): Promise<void> {
    if (!this.token) return
    const problem = rangeError(this.from, this.to)
    if (problem) {
      this.error = problem
      return
    }
    const query: ReportQuery = { site: this.site, from: this.from, to: this.to, ...this.#filter() }
    // The filter goes in the URL, so the page reloads, bookmarks and links as it is seen.
    history.replaceState(history.state, '', `${location.pathname}${withReportFilter(location.search, this.#filter())}${location.hash}`)
    const api = this.#client()
    const request = ++this.#request
    this.loading = true
    this.error = ''
    try {
      const [summary, days, gaps, articles, ops] = await Promise.all([api.summary(query), api.timeseries(query), api.contentGaps(query), api.articles(query), api.ops(query)])
      if (request !== this.#request) return
      this.reports = { query, summary, days, gaps, articles, ops }
    } catch (error) {
      if (request !== this.#request) return
      this.#fail(error)
    } finally {
      if (request === this.#request) this.loading = false
    }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.token && !this.reports) void this.refresh()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#destroyCharts()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('reports' as keyof SignpostDashboard)) this.#drawCharts()
  }

  #filter(): ReportFilter {
    return { ...(this.route ? { route: this.route } : {}), ...(this.locale ? { locale: this.locale } : {}) }
  }

  #client(): ReportsClient {
    return new ReportsClient({ token: this.token, baseUrl: this.apiBase })
  }

  #fail(error: unknown): void {
    if (error instanceof ReportsApiError && error.status === 401) {
      this.#signOut(`The reports API refused the token for site "${this.site}" (401). Sign in again with a report token for this site.`)
      return
    }
    this.error = error instanceof Error ? error.message : String(error)
  }

  #signOut(message = ''): void {
    sessionStorage.removeItem(TOKEN_KEY)
    this.#request++
    this.token = ''
    this.reports = null
    this.loading = false
    this.error = ''
    this.notice = ''
    this.signInMessage = message
  }

  #drawCharts(): void {
    this.#destroyCharts()
    const reports = this.reports
    if (!reports || reports.days.length === 0) return
    const trend = this.renderRoot.querySelector<HTMLCanvasElement>('#trend-chart')
    const funnel = this.renderRoot.querySelector<HTMLCanvasElement>('#funnel-chart')
    if (trend) this.#charts.push(trendChart(trend, reports.days))
    if (funnel) this.#charts.push(funnelChart(funnel, toFunnel(reports.summary, reports.days)))
  }

  #destroyCharts(): void {
    for (const chart of this.#charts) chart.destroy()
    this.#charts = []
  }

  private handleSignIn(event: SubmitEvent): void {
    event.preventDefault()
    const form = new FormData(event.target as HTMLFormElement)
    const token = String(form.get('token') ?? '').trim()
    const site = String(form.get('site') ?? '').trim()
    if (!token || !site) {
      this.signInMessage = !token ? 'Enter a report token.' : 'Enter a site key.'
      return
    }
    sessionStorage.setItem(TOKEN_KEY, token)
    sessionStorage.setItem(SITE_KEY, site)
    this.token = token
    this.site = site
    this.signInMessage = ''
    void this.refresh()
  }

  private handleFilters(event: SubmitEvent): void {
    event.preventDefault()
    const form = new FormData(event.target as HTMLFormElement)
    const site = String(form.get('site') ?? '').trim()
    if (!site) {
      this.error = 'Enter a site key.'
      return
    }
    this.site = site
    sessionStorage.setItem(SITE_KEY, site)
    if (this.preset === 'custom') {
      this.from = String(form.get('from') ?? '')
      this.to = String(form.get('to') ?? '')
    }
    void this.refresh()
  }

  private handlePreset(event: Event): void {
    this.preset = (event.target as HTMLSelectElement).value as Preset
    if (this.preset !== 'custom') {
      ;({ from: this.from, to: this.to } = lastDays(Number(this.preset)))
      void this.refresh()
    }
  }

  private handleSlice(event: Event): void {
    const select = event.target as HTMLSelectElement
    if (select.name === 'route') this.route = select.value
    else this.locale = select.value
    void this.refresh()
  }

  private async handleCsv(report: ReportName): Promise<void> {
    const query = this.reports?.query
    if (!query) return
    try {
      const blob = await this.#client().csv(report, query)
      saveBlob(blob, `signpost-${report}-${query.site}-${query.from}-to-${query.to}.csv`)
      this.notice = `Downloaded the ${report} CSV.`
    } catch (error) {
      this.#fail(error)
    }
  }

  private handleDraft(gap: ContentGap): void {
    const draft = draftArticle(gap, new Date())
    saveBlob(new Blob([draft.markdown], { type: 'text/markdown' }), draft.filename)
    this.notice = `Downloaded ${draft.filename}: put it in content/ and fill in the TODOs.`
  }

  override render(): TemplateResult {
    return html`
      <header class="top">
        <h1>Signpost ops dashboard</h1>
        ${this.token ? html`<button type="button" class="secondary" @click=${() => this.#signOut('Signed out.')}>Sign out</button>` : nothing}
      </header>
      <main aria-busy=${this.loading ? 'true' : 'false'}>${this.token ? this.renderReports() : this.renderSignIn()}</main>
    `
  }

  private renderSignIn(): TemplateResult {
    return html`
      <form class="sign-in" @submit=${this.handleSignIn} novalidate>
        <h2>Sign in</h2>
        <p>Use a report token for your site. It is kept for this tab only.</p>
        ${this.signInMessage ? html`<p class="message" role="alert">${this.signInMessage}</p>` : nothing}
        <label for="token">Report token</label>
        <input id="token" name="token" type="password" autocomplete="off" required />
        <label for="sign-in-site">Site key</label>
        <input id="sign-in-site" name="site" .value=${this.site} autocomplete="off" required />
        <button type="submit">Sign in</button>
      </form>
    `
  }

  private renderReports(): TemplateResult {
    const r = this.reports
    return html`
      ${this.renderFilters()}
      <p class="status" role="status">${this.loading ? 'Loading reports…' : r ? `Site "${r.query.site}"${sliceLabel(r.query)}, ${formatDay(r.query.from)} to ${formatDay(r.query.to)}.` : ''}</p>
      ${this.error ? html`<div class="error" role="alert"><p>${this.error}</p><button type="button" @click=${() => this.refresh()}>Try again</button></div>` : nothing}
      <p class="notice" aria-live="polite">${this.notice}</p>
      ${r ? this.renderData(r) : nothing}
    `
  }

  private renderFilters(): TemplateResult {
    return html`
      <form class="filters" @submit=${this.handleFilters} aria-label="Site and period">
        <div class="field">
          <label for="site">Site key</label>
          <input id="site" name="site" .value=${this.site} autocomplete="off" />
        </div>
        <div class="field">
          <label for="range">Period</label>
          <select id="range" name="range" @change=${this.handlePreset}>
            ${(['7', '30', '90'] as const).map((d) => html`<option value=${d} ?selected=${this.preset === d}>Last ${d} days</option>`)}
            <option value="custom" ?selected=${this.preset === 'custom'}>Custom…</option>
          </select>
        </div>
        ${
          this.preset === 'custom'
            ? html`
              <div class="field"><label for="from">From</label><input id="from" name="from" type="date" .value=${this.from} /></div>
              <div class="field"><label for="to">To</label><input id="to" name="to" type="date" .value=${this.to} /></div>
            `
            : nothing
        }
        ${this.renderSliceSelect('route', 'Route', 'All routes', this.reports?.ops.routes)}
        ${this.renderSliceSelect('locale', 'Locale', 'All locales', this.reports?.ops.locales)}
        <button type="submit">Show</button>
      </form>
    `
  }

  /** A route or locale filter, offering the values the breakdown lists (and the chosen one); none from a server without breakdowns. */
  private renderSliceSelect(name: 'route' | 'locale', label: string, all: string, rows: BreakdownRow[] | null | undefined): TemplateResult {
    const chosen = this[name]
    if (rows === null && !chosen) return html``
    const values = [...new Set([...(chosen ? [chosen] : []), ...(rows ?? []).map((r) => r.value)])].sort()
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <select id=${name} name=${name} @change=${this.handleSlice}>
          <option value="" ?selected=${!chosen}>${all}</option>
          ${values.map((v) => html`<option value=${v} ?selected=${v === chosen}>${v}</option>`)}
        </select>
      </div>
    `
  }

  private renderData(r: Reports): TemplateResult {
    const empty = r.summary.helpSessions === 0 && r.summary.searches === 0 && r.gaps.length === 0 && r.articles.length === 0
    return html`
      ${empty ? html`<p class="empty">No help activity for site "${r.query.site}" in this period. Check the site key, pick a longer period, or make sure the widget's tracker points at this server.</p>` : nothing}
      ${this.renderCards(r.summary)} ${this.renderCharts(r)} ${this.renderGaps(r.gaps)} ${this.renderArticles(r.articles)}
      ${this.renderBreakdowns(r.ops)} ${this.renderReasons(r)}
    `
  }

  private renderCards(summary: Summary): TemplateResult {
    const currency = summary.currency ?? this.currency
    // A previous period without help activity, or tracked on far fewer days, is no baseline:
    // usually the site was not tracked yet.
    const hasPrevious = comparable(summary)
    const show = (card: Card, v: number | null): string =>
      card.kind === 'count' ? formatCount(v ?? 0) : card.kind === 'rate' ? formatPercent(v) : card.kind === 'ratio' ? formatRatio(v) : formatMoney(v ?? 0, currency)
    return html`
      <section aria-labelledby="headline">
        <h2 id="headline">Headline figures</h2>
        <ul class="cards">
          ${CARDS.filter((card) => !card.optional?.(summary)).map((card) => {
            const value = card.value(summary)
            const change = periodChange(value, hasPrevious ? card.value(summary.previous) : null, card.kind, card.goodWhen)
            const arrow = change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : change.direction === 'flat' ? '▶' : ''
            const verdict = change.good === null ? '' : change.good ? 'better' : 'worse'
            const tone = change.good === null ? 'neutral' : change.good ? 'good' : 'bad'
            return html`
              <li class="card">
                <h3>${card.label}</h3>
                <p class="value">${show(card, value)}</p>
                ${card.detail ? html`<p class="detail">${card.detail(summary, currency)}</p>` : nothing}
                <p class="change ${tone}" title=${change.label}>
                  <span aria-hidden="true">${arrow}</span>
                  <span class="sr-only">${change.label}</span>
                  <span aria-hidden="true">${change.text}${verdict ? ` · ${verdict}` : ''}</span>
                </p>
              </li>
            `
          })}
        </ul>
      </section>
    `
  }

  private renderCharts(r: Reports): TemplateResult {
    const funnel = toFunnel(r.summary, r.days)
    const avg = (key: 'deflectionRate' | 'escalationRate'): string => formatPercent(r.days.length ? r.days.reduce((n, d) => n + d[key], 0) / r.days.length : null)
    return html`
      <section aria-labelledby="trends">
        <div class="section-head">
          <h2 id="trends">Trends</h2>
          <button type="button" class="secondary" @click=${() => this.handleCsv('timeseries')}>Daily figures as CSV</button>
        </div>
        ${
          r.days.length === 0
            ? html`<p class="empty">No days with help activity in this period.</p>`
            : html`
              <div class="charts">
                <figure>
                  <figcaption>Daily deflection and escalation rate</figcaption>
                  <ul class="legend">
                    ${TREND_SERIES.map(
                      (s) => html`<li>
                        <svg width="28" height="10" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke=${s.color} stroke-width="3" stroke-dasharray=${s.dash || nothing} /></svg>
                        ${s.label}
                      </li>`,
                    )}
                  </ul>
                  <div class="chart">
                    <canvas id="trend-chart" role="img" aria-label=${`Line chart over ${r.days.length} days: deflection rate averages ${avg('deflectionRate')}, escalation rate averages ${avg('escalationRate')}.`}></canvas>
                  </div>
                </figure>
                <figure>
                  <figcaption>Search funnel</figcaption>
                  <div class="chart">
                    <canvas id="funnel-chart" role="img" aria-label="Bar chart of the search funnel; the figures are listed below."></canvas>
                  </div>
                  <ol class="funnel">
                    ${FUNNEL_STEPS.map(
                      (s) =>
                        html`<li><span>${s.label}</span> <strong>${funnel.estimated.includes(s.key) ? '≈ ' : ''}${formatCount(funnel[s.key])}</strong>${
                          funnel.estimated.includes(s.key) ? html` <em class="estimate">(estimated)</em>` : nothing
                        }</li>`,
                    )}
                  </ol>
                  <p class="note">
                    Views include articles opened from route suggestions and links, not only from search.${
                      funnel.estimated.length > 0 ? ' Estimated steps: the server does not report them, so they are derived from the period’s rates.' : ''
                    }
                  </p>
                </figure>
              </div>
            `
        }
      </section>
    `
  }

  private renderSortHeader<K extends string>(column: Column<K>, sort: SortState<K> | null, onSort: (key: K, numeric: boolean) => void): TemplateResult {
    const active = sort?.key === column.key
    const arrow = !active ? '↕' : sort.direction === 'ascending' ? '▲' : '▼'
    return html`
      <th scope="col" aria-sort=${active ? sort.direction : 'none'} class=${column.numeric ? 'num' : ''}>
        <button type="button" class="sort" @click=${() => onSort(column.key, column.numeric)}>
          ${column.label}<span aria-hidden="true" class="arrow">${arrow}</span>
        </button>
      </th>
    `
  }

  private renderTableHead(report: ReportName, title: string, id: string): TemplateResult {
    return html`
      <div class="section-head">
        <h2 id=${id}>${title}</h2>
        <button type="button" class="secondary" @click=${() => this.handleCsv(report)}>${title} as CSV</button>
      </div>
    `
  }

  private renderGaps(gaps: ContentGap[]): TemplateResult {
    const rows = sortRows(gaps, this.gapSort)
    const onSort = (key: GapKey, numeric: boolean): void => {
      this.gapSort = nextSort(this.gapSort, key, numeric)
    }
    return html`
      <section aria-labelledby="gaps">
        ${this.renderTableHead('content-gaps', 'Content gaps', 'gaps')}
        ${
          rows.length === 0
            ? html`<p class="empty">No content gaps in this period: every search found something customers clicked.</p>`
            : html`
              <div class="table-scroll" role="region" aria-label="Content gaps table" tabindex="0">
                <table>
                  <caption>Queries that returned nothing or got no click, ${this.gapSort ? 'sorted by the chosen column' : 'ranked by impact'}.</caption>
                  <thead>
                    <tr>
                      ${GAP_COLUMNS.map((c) => this.renderSortHeader(c, this.gapSort, onSort))}
                      <th scope="col"><span class="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.map(
                      (g) => html`
                        <tr>
                          <th scope="row"><span class="query">${g.query}</span></th>
                          <td class="num">${formatCount(g.searches)}</td>
                          <td class="num">${formatCount(g.sessions)}</td>
                          <td class="num">${formatCount(g.sessionsAffected)}</td>
                          <td class="num">${formatCount(g.zeroResults)}</td>
                          <td class="num">${formatCount(g.noClicks)}</td>
                          <td class="num">${formatCount(g.contacts)}</td>
                          <td class="date">${formatDay(g.lastSeen)}</td>
                          <td><button type="button" class="secondary draft" aria-label=${`Draft article for "${g.query}"`} @click=${() => this.handleDraft(g)}>Draft</button></td>
                        </tr>
                      `,
                    )}
                  </tbody>
                </table>
              </div>
            `
        }
      </section>
    `
  }

  private renderArticles(articles: ArticleStats[]): TemplateResult {
    const rows = sortRows(articles, this.articleSort)
    // Tickets within 7 days of reading, from servers that count them.
    const followUps = articles.some((a) => a.ticketAfterViewRate !== undefined)
    const columns = followUps ? [...ARTICLE_COLUMNS, TICKET_COLUMN] : ARTICLE_COLUMNS
    const onSort = (key: ArticleKey, numeric: boolean): void => {
      this.articleSort = nextSort(this.articleSort, key, numeric)
    }
    return html`
      <section aria-labelledby="articles">
        ${this.renderTableHead('articles', 'Articles', 'articles')}
        ${
          rows.length === 0
            ? html`<p class="empty">No article views in this period.</p>`
            : html`
              <div class="table-scroll" role="region" aria-label="Articles table" tabindex="0">
                <table>
                  <caption>Article quality, worst first: the share of views followed by a contact is the strongest signal.</caption>
                  <thead>
                    <tr>
                      ${columns.map((c) => this.renderSortHeader(c, this.articleSort, onSort))}
                      <th scope="col">Top queries</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${rows.map(
                      (a) => html`
                        <tr>
                          <th scope="row">${this.renderArticleLink(a)}</th>
                          <td class="num">${formatCount(a.views)}</td>
                          <td class="num">${formatPercent(a.helpfulRate)}</td>
                          <td class="num">${formatPercent(a.contactAfterViewRate)}</td>
                          ${followUps ? html`<td class="num">${formatPercent(a.ticketAfterViewRate)}</td>` : nothing}
                          <td>${a.topQueries?.length ? a.topQueries.slice(0, 3).join(', ') : '–'}</td>
                        </tr>
                      `,
                    )}
                  </tbody>
                </table>
              </div>
            `
        }
      </section>
    `
  }

  private renderBreakdowns(ops: OpsReports): TemplateResult {
    if (ops.routes === null && ops.locales === null) return html``
    const table = (rows: BreakdownRow[], what: 'Route' | 'Locale', report: ReportName) => html`
      <div class="section-head">
        <h3 class="sub" id=${`by-${report}`}>By ${what.toLowerCase()}</h3>
        <button type="button" class="secondary" @click=${() => this.handleCsv(report)}>By ${what.toLowerCase()} as CSV</button>
      </div>
      ${
        rows.length === 0
          ? html`<p class="empty">No help sessions in this period.</p>`
          : html`
            <div class="table-scroll" role="region" aria-labelledby=${`by-${report}`} tabindex="0">
              <table>
                <thead>
                  <tr>
                    <th scope="col">${what}</th>
                    <th scope="col" class="num">Help sessions</th>
                    <th scope="col" class="num">Deflection</th>
                    <th scope="col" class="num">Escalation</th>
                    <th scope="col" class="num">Searches that found nothing</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (b) => html`<tr>
                      <th scope="row"><span class="query">${b.value}</span></th>
                      <td class="num">${formatCount(b.helpSessions)}</td>
                      <td class="num">${formatPercent(b.deflectionRate)}</td>
                      <td class="num">${formatPercent(b.escalationRate)}</td>
                      <td class="num">${formatPercent(b.zeroResultSessionRate)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
          `
      }
    `
    return html`
      <section aria-labelledby="where">
        <h2 id="where">Where help fails</h2>
        <p class="note">Help sessions by the page (route, ids folded) and locale where customers first asked for help.</p>
        ${ops.routes ? table(ops.routes, 'Route', 'breakdown-route') : nothing} ${ops.locales ? table(ops.locales, 'Locale', 'breakdown-locale') : nothing}
      </section>
    `
  }

  private renderReasons(r: Reports): TemplateResult {
    const reasons = r.ops.reasons
    if (reasons === null) return html``
    const titles = new Map(r.articles.filter((a) => a.title).map((a) => [a.article, a.title!]))
    return html`
      <section aria-labelledby="reasons">
        ${this.renderTableHead('feedback-reasons', 'What readers said was missing', 'reasons')}
        ${r.query.route || r.query.locale ? html`<p class="note">Reasons given in the sessions that first asked for help${sliceWhere(r.query)}.</p>` : nothing}
        ${
          reasons.length === 0
            ? html`<p class="empty">No feedback reasons in this period.</p>`
            : html`
              <div class="table-scroll" role="region" aria-label="Feedback reasons table" tabindex="0">
                <table>
                  <caption>Reasons given with "Was this helpful?", per article, the most "not helpful" first.</caption>
                  <thead>
                    <tr>
                      <th scope="col">Article</th>
                      <th scope="col">Reason</th>
                      <th scope="col" class="num">Not helpful</th>
                      <th scope="col" class="num">Votes</th>
                      <th scope="col">Last seen</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${reasons.map(
                      (x) => html`<tr>
                        <th scope="row">${x.title ?? titles.get(x.article) ?? x.article}</th>
                        <td>${x.reason}</td>
                        <td class="num">${formatCount(x.notHelpful)}</td>
                        <td class="num">${formatCount(x.votes)}</td>
                        <td class="date">${formatDay(x.lastSeen)}</td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </div>
            `
        }
      </section>
    `
  }

  private renderArticleLink(a: ArticleStats): TemplateResult {
    const label = a.title ?? a.article
    if (!this.articleUrl) return html`${label}${a.title ? html` <code>${a.article}</code>` : nothing}`
    const href = this.articleUrl.replaceAll('{id}', a.article.split('/').map(encodeURIComponent).join('/'))
    return html`<a href=${href} target="_blank" rel="noopener">${label}</a>`
  }
}

/** ` on /invoices/:id/edit in locale es`, for a sentence about the filtered sessions. */
function sliceWhere(q: ReportQuery): string {
  return `${q.route ? ` on ${q.route}` : ''}${q.locale ? ` in locale ${q.locale}` : ''}`
}

/** `, route /invoices/:id/edit, locale es` for the status line; empty without a filter. */
function sliceLabel(q: ReportQuery): string {
  return `${q.route ? `, route ${q.route}` : ''}${q.locale ? `, locale ${q.locale}` : ''}`
}

customElements.define('signpost-dashboard', SignpostDashboard)

declare global {
  interface HTMLElementTagNameMap {
    'signpost-dashboard': SignpostDashboard
  }
}
