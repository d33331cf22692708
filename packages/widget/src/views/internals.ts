import type { ArticleShard, ManifestArticle, ViewSource } from '@signpost/core'
import type { TemplateResult, html as litHtml, nothing as litNothing } from 'lit'
import type { HelpContext } from '../context/route.ts'
import type { ArticleEntry } from '../signpost-help.ts'
import type { SignpostStrings } from '../strings.ts'

/** The entry's Lit, handed to the views so the page loads one copy of it. */
export type Lit = { html: typeof litHtml; nothing: typeof litNothing }
export type View = TemplateResult | typeof litNothing | undefined

/** The element's state the views read and change: TS-private there, reached through this view of it. */
export interface Internals {
  readonly t: SignpostStrings
  current?: ArticleEntry
  shard?: ArticleShard
  /** The sanitized article body, in an element of its own so it survives the view being re-rendered. */
  articleNode?: HTMLElement
  feedback: 'none' | 'reason' | 'done'
  status: 'idle' | 'loading' | 'ready' | 'error'
  category: string
  readonly articles: ManifestArticle[]
  readonly context: HelpContext
  readonly loadedDir?: 'ltr' | 'rtl'
  openArticle(id: string, source: ViewSource, position?: number, fromBack?: boolean, section?: string): Promise<void>
  ensureLoaded(): Promise<void>
  flushSearch(): void
  back(): void
  rerun(): void
}
