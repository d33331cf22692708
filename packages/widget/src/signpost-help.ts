import {
  type AnalyticsSink,
  type ArticleShard,
  type EventInput,
  type ManifestArticle,
  type SearchHit,
  type SearchIndex,
  type ViewSource,
  highlight,
  normalizeQuery,
  search,
  snippet,
} from '@signpost/core'
import { LitElement, type PropertyValues, html, nothing } from 'lit'
import { type HelpContext, onLocationChange } from './context/route.ts'
import { SignpostCloseEvent, SignpostOpenEvent } from './events/open.ts'
import { SignpostSearchEvent } from './events/search.ts'
import { KnowledgeBase } from './kb/knowledge-base.ts'
import { styles } from './signpost-help.styles.ts'
import { type SignpostStrings, en, format, loadStrings } from './strings.ts'

/** How long the query must stay unchanged before it is reported as a search (ms). */
const SETTLE_MS = 1000
const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])'

interface ArticleEntry {
  id: string
  source: ViewSource
}

/**
 * In-product help: a launcher that opens a search panel over a Signpost knowledge base, or the
 * search in place with `mode="inline"`.
 *
 * @summary Search-as-you-type help with route suggestions, article view, feedback and contact.
 *
 * @event signpost-open - Emitted when the panel opens.
 * @event signpost-close - Emitted when the panel closes.
 * @event signpost-search - Emitted when a query settles, with `query`, `normalizedQuery` and `results`.
 * @event signpost-article - Emitted when an article is shown, with `article`, `source`, `position`, `query`.
 * @event signpost-feedback - Emitted on "Was this helpful?", with `article`, `helpful`, `reason`.
 * @event signpost-contact - Emitted on "Contact support", with `query`, `article`, `channel`, `sessionId`; cancelable.
 *
 * @csspart launcher - The button that opens the panel.
 * @csspart panel - The dialog (or the inline container).
 * @csspart input - The search field.
 * @csspart result - One search result or suggestion.
 * @csspart article - The article content.
 *
 * @cssprop --signpost-accent - Buttons, links and the launcher (light theme). Default #1f4fd1.
 * @cssprop --signpost-accent-contrast - Text on the accent colour. Default #fff.
 * @cssprop --signpost-surface - Panel background. Default #fff.
 * @cssprop --signpost-surface-raised - Hovered and selected results. Default #f3f5f8.
 * @cssprop --signpost-text - Text colour. Default #1a1d23.
 * @cssprop --signpost-muted - Secondary text. Default #545b66.
 * @cssprop --signpost-border - Borders. Default #c9ced6.
 * @cssprop --signpost-focus - Focus ring. Default the accent.
 * @cssprop --signpost-mark - Highlight behind matched words. Default #ffe58a.
 * @cssprop --signpost-font - Font family. Default system-ui.
 * @cssprop --signpost-radius - Panel corner radius. Default 12px.
 * @cssprop --signpost-spacing - Inner spacing. Default 12px.
 * @cssprop --signpost-offset - Distance of the launcher and panel from the viewport edge. Default 20px.
 * @cssprop --signpost-width - Panel width. Default 420px.
 * @cssprop --signpost-z-index - Stacking of the launcher. Default 2147483000.
 * @cssprop --signpost-accent-dark - Dark-theme accent (every colour property has a `-dark` twin).
 */
export class SignpostHelp extends LitElement {
  static override styles = styles

  static override properties = {
    kb: {},
    locale: {},
    mode: { reflect: true },
    theme: { reflect: true },
    position: { reflect: true },
    preload: { type: Boolean },
    contactUrl: { attribute: 'contact-url' },
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
  /** Where "Contact support" goes: a URL (opened in a new tab) or a `mailto:` address. */
  declare contactUrl: string
  /** Overrides for any visible string; English and Spanish are built in. */
  declare strings: Partial<SignpostStrings>
  /** Receives analytics events (schema v1); the widget itself sends nothing anywhere. */
  declare analytics: AnalyticsSink | undefined
  /** Whether the panel is open (launcher mode). */
  declare opened: boolean

  /** @internal The query in the search field. */
  declare query: string
  declare private hits: { article: ManifestArticle; hit: SearchHit }[]
  declare private activeIndex: number
  declare private status: 'idle' | 'loading' | 'ready' | 'error'
  declare private category: string
  declare private articles: ManifestArticle[]
  declare private context: HelpContext
  declare private current: ArticleEntry | undefined
  declare private shard: ArticleShard | undefined
  declare private articleNode: DocumentFragment | undefined
  declare private feedback: 'none' | 'reason' | 'done'
  declare private liveMessage: string

  #knowledgeBase?: KnowledgeBase
  #index?: SearchIndex
  #activeLocale = ''
  #loadedDir?: 'ltr' | 'rtl'
  #seq = 0
  #stack: ArticleEntry[] = []
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
    this.strings = {}
    this.analytics = undefined
    this.opened = false
    this.query = ''
    this.hits = []
    this.activeIndex = -1
    this.status = 'idle'
    this.category = ''
    this.articles = []
    this.context = {}
    this.current = undefined
    this.shard = undefined
    this.articleNode = undefined
    this.feedback = 'none'
    this.liveMessage = ''
  }

  /** Random per browser tab (sessionStorage): attach it to support tickets to join them with help sessions. */
  get sessionId(): string {
    const key = 'signpost:session'
    let id: string | null = null
    try {
      id = sessionStorage.getItem(key)
      if (!id) {
        id = crypto.randomUUID()
        sessionStorage.setItem(key, id)
      }
    } catch {
      id ??= this.#fallbackSession ??= crypto.randomUUID()
    }
    return id
  }
  #fallbackSession?: string

  /** @internal The article shown, for the views chunk. */
  get currentArticle(): string | undefined {
    return this.current?.id
  }

  /** @internal The query as analytics records it. */
  get normalizedQuery(): string {
    return normalizeQuery(this.query)
  }

  /** @internal Feedback was sent: thank the customer. */
  feedbackGiven(): void {
    this.feedback = 'done'
  }

  /** Opens the panel and moves focus into the search field. */
  async open(): Promise<void> {
    if (this.mode === 'inline' || this.opened) return
    this.opened = true
    this.dispatchEvent(new SignpostOpenEvent())
    await this.updateComplete
    await Promise.all([this.#ensureLoaded(), this.#loadViews().catch(() => {})])
    this.track({ type: 'open' })
  }

  /** Closes the panel and returns focus to the launcher. */
  close(): void {
    if (this.mode === 'inline' || !this.opened) return
    this.#flushSearch()
    this.opened = false
    this.dispatchEvent(new SignpostCloseEvent())
  }

  toggle(): Promise<void> {
    if (this.opened) {
      this.close()
      return Promise.resolve()
    }
    return this.open()
  }

  /** Opens the panel (launcher mode) and searches; resolves once the results are shown. */
  async search(query: string): Promise<void> {
    this.current = undefined
    this.#stack = []
    const done = this.#runQuery(query)
    await this.open()
    await done
  }

  /** Opens the panel on an article (by id or alias); resolves once it is rendered. */
  async showArticle(id: string): Promise<void> {
    await this.open()
    await this.#openArticle(id, 'link')
  }

  /** Tells the widget where the customer is in a single-page app, for suggestions before typing. */
  setContext(context: HelpContext): void {
    if (context.path !== undefined) this.#explicitPath = context.path
    this.context = { path: this.#explicitPath ?? location.pathname, tags: context.tags ?? this.context.tags }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.context = { ...this.context, path: this.#explicitPath ?? location.pathname }
    this.#stopListening = onLocationChange(() => {
      if (this.#explicitPath === undefined) this.context = { ...this.context, path: location.pathname }
    })
    if (this.preload || this.mode === 'inline') {
      const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200))
      this.#idleHandle = idle(() => void this.#ensureLoaded().catch(() => {})) as number
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#stopListening?.()
    if (this.#idleHandle !== undefined) (window.cancelIdleCallback ?? clearTimeout)(this.#idleHandle)
    this.#flushSearch()
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('kb') || changed.has('locale')) && this.status !== 'idle') {
      this.#index = undefined
      this.status = 'idle'
      if (changed.has('kb')) this.#knowledgeBase = undefined
      if (this.opened || this.mode === 'inline') void this.#ensureLoaded().then(() => this.#runQuery(this.query))
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('opened') || this.mode === 'inline') return
    const dialog = this.renderRoot.querySelector('dialog')
    if (!dialog) return
    if (this.opened && !dialog.open) {
      dialog.showModal()
      this.renderRoot.querySelector('input')?.focus()
    } else if (!this.opened && dialog.open) {
      dialog.close()
      this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus()
    }
  }

  /** Fetches the manifest and the primary index of the locale (once); the body index follows. */
  async #ensureLoaded(): Promise<void> {
    if (this.#index) return
    if (!this.kb) {
      this.status = 'error'
      throw new Error('signpost: <signpost-help> needs a kb attribute: the URL of the knowledge base manifest.json')
    }
    this.status = 'loading'
    void this.#loadViews().catch(() => {})
    try {
      this.#knowledgeBase ??= new KnowledgeBase(this.kb)
      const kb = this.#knowledgeBase
      const locale = await kb.locale(this.locale)
      this.#activeLocale = locale.locale
      this.#loadedDir = locale.dir
      ;[this.articles, this.#localeStrings] = await Promise.all([kb.articles(locale.locale), loadStrings(locale.locale)])
      this.#index = await kb.index(locale.locale, (full) => {
        if (kb !== this.#knowledgeBase || full.locale !== this.#activeLocale) return
        this.#index = full
        if (this.query) void this.#runQuery(this.query, true)
      })
      this.status = 'ready'
    } catch (error) {
      this.status = 'error'
      console.error(error)
    }
  }

  #articleById(id: string): ManifestArticle | undefined {
    return this.articles.find((a) => a.id === id) ?? this.articles.find((a) => a.aliases?.includes(id))
  }

  /** Runs a query; a newer query started meanwhile wins and this one's results are dropped. */
  async #runQuery(query: string, keepActive = false): Promise<void> {
    const seq = ++this.#seq
    this.query = query
    if (normalizeQuery(query) === '') {
      this.hits = []
      this.activeIndex = -1
      this.liveMessage = ''
      return
    }
    await this.#ensureLoaded()
    if (seq !== this.#seq || !this.#index) return
    const category = this.category
    const filter = category ? (id: string) => this.#articleById(id)?.category === category : undefined
    const hits = search(this.#index, query, { limit: 10, filter })
    this.hits = hits.flatMap((hit) => {
      const article = this.articles.find((a) => a.id === hit.id)
      return article ? [{ article, hit }] : []
    })
    if (!keepActive || this.activeIndex >= this.hits.length) this.activeIndex = -1
    const s = this.#t
    this.liveMessage =
      this.hits.length === 0 ? format(s.noResults, { query }) : this.hits.length === 1 ? s.oneResult : format(s.resultCount, { count: this.hits.length })
    this.#lastResults = this.hits.length
    clearTimeout(this.#settleTimer)
    this.#settleTimer = setTimeout(() => this.#flushSearch(), SETTLE_MS)
  }

  /** Reports the settled query once (analytics `search` and `signpost-search`). */
  #flushSearch(): void {
    clearTimeout(this.#settleTimer)
    const normalized = normalizeQuery(this.query)
    if (normalized === '' || normalized === this.#lastReported) return
    this.#lastReported = normalized
    this.track({ type: 'search', query: normalized, results: this.#lastResults })
    this.dispatchEvent(new SignpostSearchEvent({ query: this.query, normalizedQuery: normalized, results: this.#lastResults }))
  }

  /** @internal Hands an event to the analytics sink, stamped with locale and path. */
  track(event: EventInput | DistributiveOmit<EventInput, 'locale' | 'path'>): void {
    if (!this.analytics) return
    try {
      this.analytics.track({ locale: this.#activeLocale || this.locale, path: this.context.path ?? location.pathname, ...event } as EventInput)
    } catch (error) {
      console.error('signpost: analytics.track threw', error)
    }
  }

  async #openArticle(id: string, source: ViewSource, position?: number, fromBack = false): Promise<void> {
    await this.#ensureLoaded()
    const article = this.#articleById(id)
    if (!article) {
      console.warn(`signpost: no article "${id}" in locale ${this.#activeLocale}`)
      return
    }
    this.#flushSearch()
    const entry = { id: article.id, source }
    if (!fromBack) {
      if (this.current) this.#stack.push(this.current)
      if (position !== undefined) this.track({ type: 'click', article: article.id, position, query: normalizeQuery(this.query) })
      this.track({ type: 'view', article: article.id, source })
      const query = this.query
      void this.#loadViews().then((v) => this.dispatchEvent(new v.SignpostArticleEvent({ article: article.id, source, position, query })))
    }
    this.current = entry
    this.shard = undefined
    this.articleNode = undefined
    this.feedback = 'none'
    const kb = this.#knowledgeBase!
    try {
      const [shard, { renderArticleHtml }] = await Promise.all([kb.shard(article), import('./views/render-article.ts'), this.#loadViews()])
      if (this.current !== entry) return
      this.shard = shard
      this.articleNode = renderArticleHtml(shard.html, kb.url, this.#t.opensInNewTab)
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('#article-title')?.focus()
    } catch (error) {
      if (this.current === entry) this.status = 'error'
      console.error(error)
    }
  }

  /** The lazy chunk of secondary views; fetched in the background once the index is in. */
  #loadViews(): Promise<Views> {
    if (!this.#viewsPromise) {
      this.#viewsPromise = import('./views/lazy.ts').then((views) => {
        views.adoptViewStyles(this.renderRoot as ShadowRoot)
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

  #back(): void {
    const previous = this.#stack.pop()
    if (previous) {
      void this.#openArticle(previous.id, previous.source, undefined, true)
      return
    }
    this.current = undefined
    this.shard = undefined
    this.articleNode = undefined
    void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus())
  }


  get #t(): SignpostStrings {
    return { ...en, ...this.#views?.enViews, ...this.#localeStrings, ...this.strings } as SignpostStrings
  }

  /** What the listbox shows: results when there is a query, suggestions for the page otherwise. */
  get #options(): { article: ManifestArticle; hit?: SearchHit }[] {
    if (normalizeQuery(this.query) !== '') return this.hits
    return this.#views?.suggestionsFor(this.articles, this.context).map((article) => ({ article })) ?? []
  }

  #handleInput(e: Event): void {
    void this.#runQuery((e.target as HTMLInputElement).value)
  }

  #handleKeydown(e: KeyboardEvent): void {
    const count = this.#options.length
    switch (e.key) {
      case 'ArrowDown':
        if (count > 0) this.activeIndex = (this.activeIndex + 1) % count
        break
      case 'ArrowUp':
        if (count > 0) this.activeIndex = this.activeIndex <= 0 ? count - 1 : this.activeIndex - 1
        break
      case 'Home':
      case 'End':
        if (this.activeIndex < 0 || count === 0) return
        this.activeIndex = e.key === 'Home' ? 0 : count - 1
        break
      case 'Enter': {
        const index = Math.max(this.activeIndex, 0)
        if (count > 0) this.#choose(index)
        break
      }
      case 'Escape':
        if (this.query === '' && this.activeIndex < 0) return
        this.activeIndex = -1
        void this.#runQuery('')
        e.stopPropagation()
        break
      default:
        return
    }
    e.preventDefault()
    void this.updateComplete.then(() => this.renderRoot.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' }))
  }

  #choose(index: number): void {
    const option = this.#options[index]
    if (!option) return
    void this.#openArticle(option.article.id, option.hit ? 'search' : 'suggestion', index + 1)
  }

  #handleDialogKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault()
      this.close()
      return
    }
    if (e.key !== 'Tab') return
    const dialog = e.currentTarget as HTMLElement
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
    )
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    const active = (this.renderRoot as ShadowRoot).activeElement
    if (!first || !last) return
    if (e.shiftKey && (active === first || !dialog.contains(active))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault()
      first.focus()
    }
  }

  protected override render() {
    const panel = this.#renderPanel()
    if (this.mode === 'inline') {
      return html`<section class="inline" part="panel" dir=${this.#loadedDir || nothing} lang=${this.#activeLocale || nothing} aria-label=${this.#t.title}>${panel}</section>`
    }
    const s = this.#t
    return html`
      <button class="launcher" part="launcher" aria-haspopup="dialog" aria-expanded=${this.opened} @click=${() => this.toggle()}>
        <span aria-hidden="true">?</span>${s.launcher}
      </button>
      <dialog part="panel" dir=${this.#loadedDir || nothing} lang=${this.#activeLocale || nothing} aria-labelledby="panel-title" @keydown=${this.#handleDialogKeydown} @cancel=${(e: Event) => e.preventDefault()} @close=${() => this.opened && this.close()}>
        ${this.opened
          ? html`<header>
                <h2 id="panel-title">${s.title}</h2>
                <button class="icon-button" aria-label=${s.close} @click=${() => this.close()}><span aria-hidden="true">×</span></button>
              </header>
              ${panel}`
          : nothing}
      </dialog>
    `
  }

  #renderPanel() {
    const s = this.#t
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.liveMessage}</div>`
    if (this.current) return html`${live}<div class="body">${this.#renderArticle()}</div>`
    return html`${live}${this.#renderSearchBox()}<div class="body">${this.#renderResults()}</div>${this.status === 'error' ? html`<p class="muted" role="alert">${s.unavailable}</p>` : nothing}`
  }

  #renderSearchBox() {
    const s = this.#t
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
        spellcheck="false"
        .value=${this.query}
        @input=${this.#handleInput}
        @keydown=${this.#handleKeydown}
      />
      ${this.#views?.renderCategoryFilter({
        lit: { html, nothing },
        strings: s,
        articles: this.articles,
        selected: this.category,
        select: (category) => {
          this.category = category
          void this.#runQuery(this.query)
        },
      })}
    </div>`
  }

  #renderResults() {
    const s = this.#t
    const hasQuery = normalizeQuery(this.query) !== ''
    const options = this.#options
    if (this.status === 'loading' && options.length === 0) return html`<p class="muted">${s.loading}</p>`
    if (hasQuery && options.length === 0 && this.status === 'ready') {
      return this.#views
        ? this.#views.renderNoResults({
            lit: { html, nothing },
            strings: s,
            query: this.query,
            popular: this.#views.popularArticles(this.articles),
            contact: () => this.#views!.contact(this),
            openArticle: (id) => void this.#openArticle(id, 'suggestion'),
          })
        : html`<p>${format(s.noResults, { query: this.query })}</p>`
    }
    const label = hasQuery ? s.results : s.suggestions
    return html`<h3 id="listbox-label" ?hidden=${options.length === 0}>${label}</h3>
      <ul id="listbox" role="listbox" aria-labelledby="listbox-label">
        ${options.map(({ article, hit }, i) => {
          const terms = hit?.terms ?? []
          return html`<li
            id=${`option-${i}`}
            role="option"
            part="result"
            aria-selected=${i === this.activeIndex}
            @click=${() => this.#choose(i)}
          >
            <span class="result-title">${this.#renderMarked(article.title, terms)}</span>
            <span class="result-snippet">${this.#renderMarked(hit ? snippet(article.summary, terms, this.#activeLocale, 140) : article.summary, terms)}</span>
          </li>`
        })}
      </ul>`
  }

  #renderMarked(text: string, terms: string[]) {
    if (terms.length === 0) return text
    return highlight(text, terms, this.#activeLocale).map((seg) => (seg.match ? html`<mark>${seg.text}</mark>` : seg.text))
  }

  #renderArticle() {
    const s = this.#t
    const article = this.current ? this.#articleById(this.current.id) : undefined
    const back = html`<button class="secondary" @click=${this.#back}><span aria-hidden="true">${this.#loadedDir === 'rtl' ? '→' : '←'}</span> ${s.back}</button>`
    const view = this.#views
    if (!this.shard || !this.articleNode || !article || !view) {
      return html`${back}<p class="muted" role="status">${this.status === 'error' ? s.unavailable : s.articleLoading}</p>`
    }
    return html`${back}${view.renderArticleView({
      lit: { html, nothing },
      strings: s,
      article,
      shard: this.shard,
      body: this.articleNode,
      related: this.shard.related.map((id) => this.#articleById(id)).filter((a): a is ManifestArticle => !!a),
      feedback: this.feedback,
      contact: () => this.#views!.contact(this),
      openArticle: (id) => void this.#openArticle(id, 'link'),
      scrollToHeading: (id) => this.renderRoot.querySelector(`#a-${CSS.escape(id)}`)?.scrollIntoView(),
      sendFeedback: (helpful, reason) => this.#views!.sendFeedback(this, helpful, reason),
      askReason: () => {
        this.feedback = 'reason'
        void this.updateComplete.then(() => this.renderRoot.querySelector('textarea')?.focus())
      },
    })}`
  }


}

type Views = typeof import('./views/lazy.ts')
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

declare global {
  interface HTMLElementTagNameMap {
    'signpost-help': SignpostHelp
  }
}
