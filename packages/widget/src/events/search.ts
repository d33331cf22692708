/** Emitted when a query has settled (the customer stopped typing), with the number of results shown. */
export class SignpostSearchEvent extends Event {
  /** The query as typed. */
  readonly query: string
  /** The query normalized as the analytics schema stores it. */
  readonly normalizedQuery: string
  readonly results: number

  constructor(detail: { query: string; normalizedQuery: string; results: number }) {
    super('signpost-search', { bubbles: true, composed: true })
    this.query = detail.query
    this.normalizedQuery = detail.normalizedQuery
    this.results = detail.results
  }

  get detail() {
    return { query: this.query, normalizedQuery: this.normalizedQuery, results: this.results }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-search': SignpostSearchEvent
  }
}
