import type { ViewSource } from '@signpost/core'

/** Emitted when an article is shown in the panel. */
export class SignpostArticleEvent extends Event {
  readonly article: string
  /** How the customer got there: a search result, a suggestion for the page, or a link. */
  readonly source: ViewSource
  /** 1-based rank when opened from search results or suggestions. */
  readonly position: number | undefined
  readonly query: string

  constructor(detail: { article: string; source: ViewSource; position?: number; query: string }) {
    super('signpost-article', { bubbles: true, composed: true })
    this.article = detail.article
    this.source = detail.source
    this.position = detail.position
    this.query = detail.query
  }

  get detail() {
    return { article: this.article, source: this.source, position: this.position, query: this.query }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-article': SignpostArticleEvent
  }
}
