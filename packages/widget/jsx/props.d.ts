// What a framework may set on <signpost-help>, shared by react.d.ts and vue.d.ts.
import type { SignpostCloseEvent, SignpostHelp, SignpostOpenEvent } from '@signpost/widget'
import type { SignpostArticleEvent, SignpostContactEvent, SignpostFeedbackEvent, SignpostSearchEvent } from '@signpost/widget/events'

/** Properties (and their attributes) of `<signpost-help>`; every one is optional. */
export interface SignpostHelpProps {
  kb?: string
  /** An audience's knowledge base (`audiences/<name>/` beside `kb`'s manifest); not access control. */
  audience?: string
  locale?: string
  mode?: SignpostHelp['mode']
  theme?: SignpostHelp['theme']
  position?: SignpostHelp['position']
  preload?: boolean
  contactUrl?: string
  'contact-url'?: string
  strings?: SignpostHelp['strings']
  analytics?: SignpostHelp['analytics']
  open?: boolean
  /** CDN bundle only: where its built-in tracker sends events, and the site's public key. */
  'analytics-endpoint'?: string
  site?: string
}

/** Each DOM event `<signpost-help>` dispatches, by name. */
export interface SignpostHelpEvents {
  'signpost-open': SignpostOpenEvent
  'signpost-close': SignpostCloseEvent
  'signpost-search': SignpostSearchEvent
  'signpost-article': SignpostArticleEvent
  'signpost-feedback': SignpostFeedbackEvent
  'signpost-contact': SignpostContactEvent
}
