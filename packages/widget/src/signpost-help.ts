import { type AnalyticsSink, type ArticleShard, type EventInput, type ManifestArticle, type TextSegment, timeOrderedId, type ViewSource } from '@signpost/core'
import { LitElement, type PropertyValues, html, nothing } from 'lit'
import type { HelpContext } from './context/route.ts'
import { SignpostCloseEvent, SignpostOpenEvent } from './events/open.ts'
import { SearchClient } from './search/client.ts'
import { styles } from './signpost-help.styles.ts'
import { type SignpostStrings, en, loadStrings } from './strings.ts'
import type { Lit } from './views/internals.ts'

/** How long the query must stay unchanged before it is reported as a search (ms). */
const SETTLE_MS = 1000
/** Whether a query has something to search for (what normalizeQuery keeps: letters and digits). */
const searchable = (query: string) => /[\p{L}\p{N}]/u.test(query)

/** A row of the listbox: a search hit (highlighted by the worker) or a suggestion. */
interface Option {
  article: ManifestArticle
  title?: TextSegment[]
  snippet?: TextSegment[]
}

export interface ArticleEntry {
  id: string
  source: ViewSource
}

/**
 * In-product help: a launcher that opens a search panel over a Signpost knowledge base, or the
 * search in place with `mode="inline"`.
 *
 * @summary Search-as-you-type help with a home view, route suggestions, article view, feedback and
 * contact from every view (optionally a built-in contact form that suggests articles as the customer writes).
 *
 * @slot logo - Beside the panel's heading (instead of the `logo` attribute's image).
 * @slot greeting - The home view's greeting (instead of the `greeting` attribute).
 *
 * @event signpost-open - Emitted when the panel opens.
 * @event signpost-close - Emitted when the panel closes.
 * @event signpost-search - Emitted when a query settles, with `query`, `normalizedQuery` and `results`.
 * @event signpost-article - Emitted when an article is shown, with `article`, `source`, `position`, `query`.
 * @event signpost-feedback - Emitted on a "Was this helpful?" vote, with `article`, `helpful`; again with `reason` if one is written.
 * @event signpost-contact - Emitted on "Contact support" (or when the contact form is sent, then also with `email`, `subject`, `message`, `articles`), with `query`, `article`, `channel`, `sessionId`; cancelable.
 *
 * @csspart launcher - The button that opens the panel.
 * @csspart panel - The dialog (or the inline container).
 * @csspart input - The search field.
 * @csspart result - One search result or suggestion.
 * @csspart article - The article content.
 * @csspart contact - The "Contact support" button under every view.
 * @csspart greeting - The home view's greeting.
 * @csspart logo - The logo image from the `logo` attribute.
 *
 * @cssprop --signpost-accent - Buttons, links, the launcher. Default light-dark(#1f4fd1, #9bb7ff). Every colour takes light-dark().
 * @cssprop --signpost-accent-contrast - Text on the accent colour. Default light-dark(#fff, #0b1020).
 * @cssprop --signpost-surface - Panel background. Default light-dark(#fff, #1b1d22).
 * @cssprop --signpost-surface-raised - Hovered and selected results. Default light-dark(#f3f5f8, #262a31).
 * @cssprop --signpost-text - Text colour. Default light-dark(#1a1d23, #f1f3f5).
 * @cssprop --signpost-muted - Secondary text. Default light-dark(#545b66, #b6bcc6).
 * @cssprop --signpost-border - Borders. Default light-dark(#c9ced6, #4a505a).
 * @cssprop --signpost-focus - Focus ring. Default the accent.
 * @cssprop --signpost-mark - Highlight behind matched words. Default #ffe58a.
 * @cssprop --signpost-font - Font family. Default system-ui.
 * @cssprop --signpost-radius - Panel corner radius. Default 12px.
 * @cssprop --signpost-spacing - Inner spacing. Default 12px.
 * @cssprop --signpost-offset - Distance of the launcher and panel from the viewport edge. Default 20px.
 * @cssprop --signpost-width - Panel width. Default 420px.
 * @cssprop --signpost-z-index - Stacking of the launcher. Default 2147483000.
 *
 * @tag signpost-help
 */
export class SignpostHelp extends LitElement {
  static override styles = styles

  static override properties = {
    kb: {},
    audience: {},
    locale: {},
    mode: { reflect: true },
    theme: { reflect: true },
    position: { reflect: true },
    preload: { type: Boolean },
    contactUrl: { attribute: 'contact-url' },
    contactForm: { type: Boolean, attribute: 'contact-form' },
    heading: {},
    greeting: {},
    logo: {},
    strings: { attribute: false },
    analytics: { attribute: false },
    opened: { type: Boolean, reflect: true, attribute: 'open' },
    query: { state: true },
    hits: { state: true },
    activeIndex: { state: true },
    status: { state: true },
    category: { state: true },
    articles: { state: true },
    context: { state: true },
    current: { state: true },
    shard: { state: true },
    articleNode: { state: true },
    feedback: { state: true },
    liveMessage: { state: true },
  }

  /** URL of the knowledge base's `manifest.json` (what `signpost build` wrote). */
  declare kb: string
  /**
   * The knowledge base of readers an article's `audience` frontmatter names (`pro`): the
   * `audiences/pro/manifest.json` beside `kb`'s. Not access control (anyone can set it): serve
   * that folder only to those readers, or give `kb` the URL of the audience's manifest instead.
   */
  declare audience: string | undefined
  /** Locale of the articles and of the widget's strings; defaults to the manifest's default locale. */
  declare locale: string
  /** `launcher` (a button that opens a dialog) or `inline` (search rendered in place). */
  declare mode: 'launcher' | 'inline'
  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'light' | 'dark' | 'auto'
  /** Corner of the launcher and panel: `bottom-right` or `bottom-left` (mirrored in right-to-left locales). */
  declare position: 'bottom-right' | 'bottom-left'
  /** Fetch the index when the browser is idle rather than on first open. */
  declare preload: boolean
  /**
   * Where "Contact support" goes: a URL (opened in a new tab) or a `mailto:` address; with
   * `contact-form`, the endpoint the form POSTs its JSON to.
   */
  declare contactUrl: string
  /** "Contact support" opens a built-in form (email, subject, message) that suggests articles as the customer types. */
  declare contactForm: boolean
  /** The panel's heading; defaults to the locale's "Help". */
  declare heading: string | undefined
  /** The home view's greeting; defaults to the locale's "How can we help?". Or slot `greeting`. */
  declare greeting: string | undefined
  /** URL of a logo shown beside the heading (decorative). Or slot `logo`. */
  declare logo: string | undefined
  /** Overrides for any visible string; English and Spanish are built in. */
  declare strings: Partial<SignpostStrings>
  /** Receives analytics events (schema v1); the widget itself sends nothing anywhere. */
  declare analytics: AnalyticsSink | undefined
  /** Whether the panel is open (launcher mode). */
  declare opened: boolean

  /** @internal The query in the search field. */
  declare query: string
  declare private hits: Option[]
  declare private activeIndex: number
  declare private status: 'idle' | 'loading' | 'ready' | 'error'
  declare private category: string
  declare private articles: ManifestArticle[]
  declare private context: HelpContext
  declare private current: ArticleEntry | undefined
  declare private shard: ArticleShard | undefined
  declare private articleNode: HTMLElement | undefined
  declare private feedback: 'none' | 'reason' | 'done'
  declare private liveMessage: string

  /** @internal Absolute URL of the manifest being shown. */
  kbUrl = ''
  /** The query as the worker normalized it, for analytics. */
  #normalized = ''
  #search?: SearchClient
  #run?: Promise<void>
  #loading?: Promise<void>
  #activeLocale = ''
  private loadedDir?: 'ltr' | 'rtl'
  #seq = 0
  /** @internal Articles to go back to. */
  stack: ArticleEntry[] = []
  #settleTimer?: ReturnType<typeof setTimeout>
  #lastReported = ''
  #lastResults = 0
  #explicitPath?: string
  #stopListening?: () => void
  #localeStrings?: SignpostStrings
  #views?: Views
  #viewsPromise?: Promise<Views>
  #idleHandle?: number

  constructor() {
    super()
    this.kb = ''
    this.locale = ''
    this.mode = 'launcher'
    this.theme = 'auto'
    this.position = 'bottom-right'
    this.preload = false
    this.contactUrl = ''
    this.contactForm = false
    this.strings = {}
    this.opened = false
    this.query = ''
    this.hits = []
    this.activeIndex = -1
    this.status = 'idle'
    this.category = ''
    this.articles = []
    this.context = {}
    this.feedback = 'none'
    this.liveMessage = ''
  }

  /**
   * The help session's id: attach it to support tickets to join them with help sessions. The
   * tracker's when it has one (it alone decides, by consent, whether the id is stored); else the
   * tab's stored id if the tracker stored one earlier; else an id for this page only. The widget
   * itself never writes storage, so nothing is stored before consent. A time-ordered UUID, as the
   * tracker makes them; `randomUUID` would throw on plain-http pages.
   */
  get sessionId(): string {
    let stored: string | null = null
    try {
      stored = sessionStorage.getItem('signpost:session')
    } catch {}
    this.#sessionId ??= timeOrderedId()
    return (this.analytics as { sessionId?: string } | undefined)?.sessionId ?? stored ?? this.#sessionId
  }
  #sessionId?: string

  /** @internal The article shown, for the views chunk. */
  get currentArticle(): string | undefined {
    return this.current?.id
  }

  /** @internal The settled query, normalized: what `signpost-search` reports and what dedupes reports. */
  get normalizedQuery(): string {
    return searchable(this.query) ? this.#normalized : ''
  }

  /**
   * @internal The query as analytics receives it: as typed (trimmed). The sink scrubs it — the
   * tracker does — because normalizing first would hide an email (`jo.doe@x.com` → `jo doe x com`).
   */
  get analyticsQuery(): string {
    return searchable(this.query) ? this.query.trim() : ''
  }

  /** @internal The host app changed route: suggest for the new path unless setContext gave one. */
  locationChanged(): void {
    if (this.#explicitPath === undefined) this.context = { ...this.context, path: location.pathname }
  }

  /** Opens the panel and moves focus into the search field. */
  async open(): Promise<void> {
    if (this.mode === 'inline' || this.opened) return
    this.opened = true
    this.locationChanged()
    this.dispatchEvent(new SignpostOpenEvent())
    await this.updateComplete
    await Promise.all([this.ensureLoaded(), this.#loadViews().catch(() => {})])
    this.track({ type: 'open' })
  }

  /** Closes the panel and returns focus to the launcher. */
  close(): void {
    if (this.mode === 'inline' || !this.opened) return
    this.flushSearch()
    this.opened = false
    this.dispatchEvent(new SignpostCloseEvent())
  }

  async toggle(): Promise<void> {
    if (this.opened) this.close()
    else await this.open()
  }

  /** Opens the panel (launcher mode) and searches; resolves once the results are shown. */
  async search(query: string): Promise<void> {
    this.current = undefined
    this.stack = []
    void this.#runQuery(query)
    await this.open()
    await this.settled()
  }

  /** @internal Resolves once the results of the latest query are shown (the body index may re-run it meanwhile). */
  async settled(): Promise<void> {
    for (let run: Promise<void> | undefined; run !== this.#run; ) {
      run = this.#run
      await run
    }
    await this.updateComplete
  }

  /**
   * Opens the panel on an article (by id or alias); resolves once it is rendered. With `section`
   * (a heading's id, as search results and the shard's `headings` carry it), the article opens
   * scrolled to that heading, which takes focus.
   */
  async showArticle(id: string, section?: string): Promise<void> {
    await this.open()
    await this.openArticle(id, 'link', undefined, false, section)
  }

  /** Tells the widget where the customer is in a single-page app, for suggestions before typing. */
  setContext(context: HelpContext): void {
    if (context.path !== undefined) this.#explicitPath = context.path
    this.context = { path: this.#explicitPath ?? location.pathname, tags: context.tags ?? this.context.tags }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.locationChanged()
    // Route changes through the History API are followed once the views chunk (suggestions) is in.
    if (this.#views) this.#stopListening = this.#views.onLocationChange(() => this.locationChanged())
    if (this.preload || this.mode === 'inline') {
      const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200))
      this.#idleHandle = idle(() => void this.ensureLoaded().catch(() => {})) as number
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#stopListening?.()
    this.#stopListening = undefined
    if (this.#idleHandle !== undefined) (window.cancelIdleCallback ?? clearTimeout)(this.#idleHandle)
    this.flushSearch()
    this.#search?.terminate()
    this.#search = undefined
    this.#loading = undefined
    if (this.status !== 'error') this.status = 'idle'
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The launcher speaks the page's language before the knowledge base is (re)fetched; the load
    // that follows sets the strings of the locale the knowledge base actually has.
    if (changed.has('locale')) {
      void Promise.resolve(loadStrings(this.locale)).then((s) => {
        this.#localeStrings = s
        this.requestUpdate()
      })
    }
    if ((changed.has('kb') || changed.has('audience') || changed.has('locale')) && this.status !== 'idle') {
      this.#loading = undefined
      this.status = 'idle'
      if (this.opened || this.mode === 'inline') void this.ensureLoaded().then(() => this.#runQuery(this.query))
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('opened')) return
    const dialog = this.renderRoot.querySelector('dialog')
    if (!dialog) return
    if (this.opened && !dialog.open) {
      // Docked beside the page on desktop, which stays usable; full screen (so modal) on phones.
      if (matchMedia('(max-width:640px)').matches) dialog.showModal()
      else dialog.show()
      // Where the customer was: the search field, the article, or the contact form.
      this.renderRoot.querySelector<HTMLElement>('input,#article-title')?.focus({ preventScroll: true })
    } else if (!this.opened && dialog.open) {
      const within = dialog.contains((this.renderRoot as ShadowRoot).activeElement)
      dialog.close()
      // Focus goes back to the launcher only from inside the panel, never away from the page.
      if (within) this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus()
    }
  }

  /** Fetches the manifest, then the search worker loads the locale's primary index; the body index follows. */
  private ensureLoaded(): Promise<void> {
    if (!this.kb) {
      this.status = 'error'
      throw new Error('signpost: <signpost-help> needs kb="<manifest URL>"')
    }
    this.#loading ??= this.#load()
    return this.#loading
  }

  async #load(): Promise<void> {
    this.status = 'loading'
    void this.#loadViews().catch(() => {})
    try {
      this.kbUrl = new URL(this.audience ? `audiences/${this.audience}/manifest.json` : '', new URL(this.kb, document.baseURI)).href
      this.#search ??= new SearchClient()
      this.#search.onBody = () => {
        if (this.query) void this.#runQuery(this.query, true)
      }
      const { locale, dir, articles } = await this.#search.load(this.kbUrl, this.locale)
      this.#activeLocale = locale
      this.loadedDir = dir
      this.#localeStrings = await loadStrings(locale)
      this.articles = articles
      this.status = 'ready'
    } catch (error) {
      this.#loading = undefined
      this.status = 'error'
      console.error(error)
    }
  }

  /** Runs a query; a newer query started meanwhile wins and this one's results are dropped. */
  #runQuery(query: string, keepActive = false): Promise<void> {
    this.#run = this.#query(query, keepActive)
    return this.#run
  }

  async #query(query: string, keepActive: boolean): Promise<void> {
    const seq = ++this.#seq
    this.query = query
    if (!searchable(query)) {
      this.#normalized = ''
      this.hits = []
      this.activeIndex = -1
      this.liveMessage = ''
      return
    }
    await this.ensureLoaded()
    if (seq !== this.#seq || this.status !== 'ready') return
    const { hits, normalized } = await this.#search!.search(seq, query, this.category)
    if (seq !== this.#seq) return
    this.#normalized = normalized
    this.hits = hits.flatMap(({ id, title, snippet }) => {
      const article = this.articles.find((a) => a.id === id)
      return article ? [{ article, title, snippet }] : []
    })
    if (!keepActive || this.activeIndex >= this.hits.length) this.activeIndex = -1
    const s = this.t
    this.liveMessage =
      this.hits.length === 0
        ? s.noResults.replace('{query}', query)
        : this.hits.length === 1
          ? s.oneResult
          : s.resultCount.replace('{count}', String(this.hits.length))
    this.#lastResults = this.hits.length
    clearTimeout(this.#settleTimer)
    this.#settleTimer = setTimeout(() => this.flushSearch(), SETTLE_MS)
  }

  /** Reports the settled query once (analytics `search` and `signpost-search`). */
  private flushSearch(): void {
    clearTimeout(this.#settleTimer)
    const normalized = this.normalizedQuery
    if (normalized === '' || normalized === this.#lastReported || !this.#views) return
    this.#lastReported = normalized
    this.track({ type: 'search', query: this.analyticsQuery, results: this.#lastResults })
    this.dispatchEvent(new this.#views.SignpostSearchEvent({ query: this.query, normalizedQuery: normalized, results: this.#lastResults }))
  }

  /** @internal Hands an event to the analytics sink, stamped with locale and path. */
  track(event: EventInput | DistributiveOmit<EventInput, 'locale' | 'path'>): void {
    if (!this.analytics || this.getAttribute('analytics') === 'off') return
    try {
      this.analytics.track({ locale: this.#activeLocale || this.locale, path: this.context.path ?? location.pathname, ...event } as EventInput)
    } catch (error) {
      console.error('signpost: analytics.track threw', error)
    }
  }

  private async openArticle(id: string, source: ViewSource, position?: number, fromBack = false, section?: string): Promise<void> {
    return (await this.#loadViews()).openArticle(this, this as never, id, source, position, fromBack, section)
  }

  /** @internal Searches without touching the search field (the contact form's suggestions); a sequence number of its own. */
  async find(query: string): Promise<{ hits: { id: string }[] }> {
    await this.ensureLoaded()
    return this.#search!.search(-Math.random(), query, '', 3)
  }

  /** Pointer over or focus on the launcher: start loading, so the index is in by the click. */
  #warm(): void {
    if (this.kb) void this.ensureLoaded()
  }

  /** The lazy chunk of secondary views; fetched on open, alongside the index. */
  #loadViews(): Promise<Views> {
    if (!this.#viewsPromise) {
      this.#viewsPromise = import('./views/lazy.ts').then((views) => {
        views.adoptViewStyles(this.renderRoot as ShadowRoot)
        if (this.isConnected && !this.#stopListening) this.#stopListening = views.onLocationChange(() => this.locationChanged())
        this.#views = views
        this.requestUpdate()
        return views
      })
      this.#viewsPromise.catch(() => {
        this.#viewsPromise = undefined
      })
    }
    return this.#viewsPromise
  }

  /** @internal Back to the previous article, or to the search (the article view's back button). */
  back(): void {
    this.#views?.back(this, this as never)
  }

  /** @internal */
  private get t(): SignpostStrings {
    return { ...en, ...this.#views?.enViews, ...this.#localeStrings, ...this.strings } as SignpostStrings
  }

  /** What the listbox shows: results when there is a query, suggestions for the page otherwise. */
  get #options(): Option[] {
    if (searchable(this.query)) return this.hits
    return this.#views?.suggestionsFor(this.articles, this.context).map((article) => ({ article })) ?? []
  }

  #handleInput(e: Event): void {
    void this.#runQuery((e.target as HTMLInputElement).value)
  }

  #handleKeydown(e: KeyboardEvent): void {
    const move = this.#views?.comboboxKey(e.key, this.activeIndex, this.#options.length, this.query !== '')
    if (!move) return
    e.preventDefault()
    if (move.clear) {
      e.stopPropagation()
      void this.#runQuery('')
    }
    this.activeIndex = move.active
    if (move.choose) this.#choose(move.active)
    void this.updateComplete.then(() => this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }))
  }

  #choose(index: number): void {
    const option = this.#options[index]
    if (!option) return
    void this.openArticle(option.article.id, option.title ? 'search' : 'suggestion', index + 1)
  }

  #handleDialogKeydown(e: KeyboardEvent): void {
    // Escape steps back (article → results, form → where it was opened) before it closes the panel.
    if (e.key === 'Escape') {
      e.preventDefault()
      if (!this.#views?.stepBack(this, this as never)) this.close()
    }
  }

  protected override render() {
    const panel = this.#renderPanel()
    if (this.mode === 'inline') {
      return html`<section class="inline" part="panel" dir=${this.loadedDir || nothing} lang=${this.#activeLocale || nothing} aria-label=${this.t.title}>${panel}</section>`
    }
    const s = this.t
    return html`
      <button class="launcher" part="launcher" aria-haspopup="dialog" aria-expanded=${this.opened} @click=${() => this.toggle()} @pointerenter=${this.#warm} @focus=${this.#warm}>
        <span aria-hidden="true">?</span>${s.launcher}
      </button>
      <dialog part="panel" dir=${this.loadedDir || nothing} lang=${this.#activeLocale || nothing} aria-labelledby="panel-title" @keydown=${this.#handleDialogKeydown} @cancel=${(e: Event) => e.preventDefault()} @close=${() => this.opened && this.close()}>
        <header>
          ${this.#views?.renderLogo(this, this as never, lit)}<h2 id="panel-title">${this.heading || s.title}</h2>
          <button class="icon-button" aria-label=${s.close} @click=${() => this.close()}><span aria-hidden="true">×</span></button>
        </header>
        ${panel}
      </dialog>
    `
  }

  /** The search, or what the views chunk shows instead (an article, the contact form), and the contact bar. */
  #renderPanel() {
    const views = this.#views
    return html`<div class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</div>
      ${views?.renderView(this, this as never, lit) ?? html`${this.#renderSearchBox()}<div class="body">${this.#renderResults()}</div>`}
      ${this.status === 'error' ? html`<p class="muted" role="alert">${this.t.unavailable}</p>` : views?.renderContactBar(this, this as never, lit)}`
  }

  #renderSearchBox() {
    const s = this.t
    const options = this.#options
    const active = this.activeIndex >= 0 && this.activeIndex < options.length ? `option-${this.activeIndex}` : ''
    return html`<div class="search" role="search">
      <input
        type="search"
        part="input"
        role="combobox"
        aria-label=${s.searchLabel}
        aria-autocomplete="list"
        aria-controls="listbox"
        aria-expanded=${options.length > 0}
        aria-activedescendant=${active || nothing}
        placeholder=${s.searchPlaceholder}
        autocomplete="off"
        .value=${this.query}
        @input=${this.#handleInput}
        @keydown=${this.#handleKeydown}
      />
      ${this.#views?.renderCategoryFilter(this, this as never, lit)}
    </div>`
  }

  #renderResults() {
    const s = this.t
    const hasQuery = searchable(this.query)
    const options = this.#options
    if (this.status === 'loading' && options.length === 0) return html`<p class="muted">${s.loading}</p>`
    if (hasQuery && options.length === 0 && this.status === 'ready') {
      return this.#views?.renderNoResults(this, this as never, lit) ?? html`<p>${s.noResults.replace('{query}', this.query)}</p>`
    }
    const label = hasQuery ? s.results : s.suggestions
    // Before any query, the views chunk frames the page's suggestions: a greeting above, more articles below.
    const home = hasQuery ? undefined : this.#views
    return html`${home?.renderGreeting(this, this as never, lit)}<h3 id="listbox-label" ?hidden=${options.length === 0}>${label}</h3>
      <ul id="listbox" role="listbox" aria-labelledby="listbox-label">
        ${options.map(({ article, title, snippet }, i) => {
          return html`<li
            id=${`option-${i}`}
            role="option"
            part="result"
            aria-selected=${i === this.activeIndex}
            @click=${() => this.#choose(i)}
          >
            <span class="result-title">${title ? this.#renderMarked(title) : article.title}</span>
            <span class="result-snippet">${snippet ? this.#renderMarked(snippet) : article.summary}</span>
          </li>`
        })}
      </ul>
      ${home?.renderHome(this, this as never, lit)}`
  }

  /** @internal Runs the query again (the category filter changed). */
  rerun(): void {
    void this.#runQuery(this.query)
  }

  #renderMarked(segments: TextSegment[]) {
    return segments.map((seg) => (seg.match ? html`<mark>${seg.text}</mark>` : seg.text))
  }

}

/** What the views chunk renders with: the entry's Lit, so there is one copy of it. */
const lit: Lit = { html, nothing }

type Views = typeof import('./views/lazy.ts')
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

declare global {
  interface HTMLElementTagNameMap {
    'signpost-help': SignpostHelp
  }
}
