/**
 * Analytics event schema v1 (DESIGN.md, "Analytics contract"): what the widget hands to its
 * `analytics.track()`, what the tracker sends and what the server stores. Defined once, here.
 */

export const EVENT_SCHEMA_VERSION = 1

export const EVENT_TYPES = ['open', 'search', 'click', 'view', 'feedback', 'contact', 'contact-suggestions-shown', 'contact-deflected'] as const
export type EventType = (typeof EVENT_TYPES)[number]

export const VIEW_SOURCES = ['search', 'suggestion', 'link'] as const
export type ViewSource = (typeof VIEW_SOURCES)[number]

/** Fields every event carries. */
export interface BaseEvent {
  /** Random, made by the client: the dedupe key, reused on retry. */
  id: string
  type: EventType
  /** Client clock, ms since the epoch. */
  ts: number
  /** Random per browser tab, kept in sessionStorage; no cookies. */
  session: string
  /** Public site key. */
  site: string
  locale: string
  /** Host route, without query string or fragment. */
  path: string
}

export interface OpenEvent extends BaseEvent {
  type: 'open'
}

export interface SearchEvent extends BaseEvent {
  type: 'search'
  /** Normalized and scrubbed query. */
  query: string
  /** Number of results shown. */
  results: number
}

export interface ClickEvent extends BaseEvent {
  type: 'click'
  article: string
  /** 1-based rank of the clicked result. */
  position: number
  query: string
}

export interface ViewEvent extends BaseEvent {
  type: 'view'
  article: string
  source: ViewSource
}

export interface FeedbackEvent extends BaseEvent {
  type: 'feedback'
  article: string
  helpful: boolean
  reason?: string
  /**
   * True on the reason that follows a vote already sent (the widget records the vote the moment
   * it is given): it adds the reason to that vote and is not counted as a vote of its own.
   */
  followUp?: boolean
}

export interface ContactEvent extends BaseEvent {
  type: 'contact'
  /** `email`, `chat`, `form`, `phone`, …: how the customer reached support. */
  channel: string
  article?: string
  query?: string
}

/** The contact form suggested articles as the customer typed (reported once per distinct list). */
export interface ContactSuggestionsShownEvent extends BaseEvent {
  type: 'contact-suggestions-shown'
  /** Ids of the articles suggested, best first. */
  articles: string[]
  /** The form's subject, scrubbed like a query. */
  query?: string
}

/** The customer opened a suggestion of the contact form and left without sending: deflected at the point of contact. */
export interface ContactDeflectedEvent extends BaseEvent {
  type: 'contact-deflected'
  /** The suggestion opened last. */
  article: string
  query?: string
}

export type SignpostEvent =
  | OpenEvent
  | SearchEvent
  | ClickEvent
  | ViewEvent
  | FeedbackEvent
  | ContactEvent
  | ContactSuggestionsShownEvent
  | ContactDeflectedEvent

/** An event before the tracker stamps id, ts, session and site on it: what the widget emits. */
export type EventInput = SignpostEvent extends infer E
  ? E extends SignpostEvent
    ? Omit<E, 'id' | 'ts' | 'session' | 'site'> & Partial<Pick<E, 'id' | 'ts' | 'session' | 'site'>>
    : never
  : never

/** What the widget's `analytics` property takes: the tracker, or anything with `track()`. */
export interface AnalyticsSink {
  track(event: EventInput): void
}
