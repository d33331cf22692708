/**
 * Emitted when the customer asks to contact support, with what they searched and read.
 * Cancelable: call `preventDefault()` to open your own form instead of following `contact-url`.
 */
export class SignpostContactEvent extends Event {
  readonly query: string
  readonly article: string | undefined
  /** `email` for a mailto `contact-url`, otherwise `form`. */
  readonly channel: string
  /** The widget's session id, to attach to the support ticket. */
  readonly sessionId: string

  constructor(detail: { query: string; article?: string; channel: string; sessionId: string }) {
    super('signpost-contact', { bubbles: true, composed: true, cancelable: true })
    this.query = detail.query
    this.article = detail.article
    this.channel = detail.channel
    this.sessionId = detail.sessionId
  }

  get detail() {
    return { query: this.query, article: this.article, channel: this.channel, sessionId: this.sessionId }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-contact': SignpostContactEvent
  }
}
