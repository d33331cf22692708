/** Emitted when the customer answers "Was this helpful?". */
export class SignpostFeedbackEvent extends Event {
  readonly article: string
  readonly helpful: boolean
  readonly reason: string | undefined

  constructor(detail: { article: string; helpful: boolean; reason?: string }) {
    super('signpost-feedback', { bubbles: true, composed: true })
    this.article = detail.article
    this.helpful = detail.helpful
    this.reason = detail.reason
  }

  get detail() {
    return { article: this.article, helpful: this.helpful, reason: this.reason }
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-feedback': SignpostFeedbackEvent
  }
}
