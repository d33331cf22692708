/**
 * @signpost/widget: `<signpost-help>`. Importing this module registers the element.
 */
import { SignpostHelp } from './signpost-help.ts'

if (!customElements.get('signpost-help')) customElements.define('signpost-help', SignpostHelp)

export { SignpostHelp }
export * from './events/index.ts'
export { type SignpostStrings, en as englishStrings, es as spanishStrings } from './strings.ts'
export type { HelpContext } from './context/route.ts'
