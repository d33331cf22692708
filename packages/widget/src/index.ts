/**
 * @signpost/widget: `<signpost-help>`. Importing this module registers the element.
 */
import { SignpostHelp } from './signpost-help.ts'

if (!customElements.get('signpost-help')) customElements.define('signpost-help', SignpostHelp)

export { SignpostHelp }
export { SignpostOpenEvent, SignpostCloseEvent } from './events/open.ts'
// These are created by the lazy views chunk; import the classes from '@signpost/widget/events'.
export type { SignpostSearchEvent } from './events/search.ts'
export type { SignpostArticleEvent } from './events/article.ts'
export type { SignpostFeedbackEvent } from './events/feedback.ts'
export type { SignpostContactEvent } from './events/contact.ts'
export type { SignpostStrings } from './strings.ts'
export type { HelpContext } from './context/route.ts'
