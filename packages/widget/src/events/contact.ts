/**
 * Emitted when the customer asks to contact support, with what they searched and read; from the
 * built-in form (`contact-form`) also with what they wrote. Cancelable: call `preventDefault()` to
 * open your own form (or send the form's message yourself) instead of following `contact-url`.
 */
export class SignpostContactEvent extends Event {
  readonly query: string
  readonly article: string | undefined
  /** `email` for a mailto `contact-url`, otherwise `form`. */
  readonly channel: string
  /** The widget's session id, to attach to the support ticket. */
  readonly sessionId: string
  /** From the built-in form: the customer's email, subject and message. */
  readonly email: string | undefined
  readonly subject: string | undefined
  readonly message: string | undefined
  /** From the built-in form: ids of the articles the customer opened before writing, oldest first. */
  readonly articles: string[] | undefined

  constructor(detail: ContactDetail) {
    super('signpost-contact', { bubbles: true, composed: true, cancelable: true })
    this.query = detail.query
    this.article = detail.article
    this.channel = detail.channel
    this.sessionId = detail.sessionId
    this.email = detail.email
    this.subject = detail.subject
    this.message = detail.message
    this.articles = detail.articles
  }

  get detail(): ContactDetail {
    const { query, article, channel, sessionId, email, subject, message, articles } = this
    return { query, article, channel, sessionId, ...(email === undefined ? {} : { email, subject, message, articles }) }
  }
}

export interface ContactDetail {
  query: string
  article?: string
  channel: string
  sessionId: string
  email?: string
  subject?: string
  message?: string
  articles?: string[]
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-contact': SignpostContactEvent
  }
}
