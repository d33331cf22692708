/**
 * Types `<signpost-help>` in Vue templates (vue-tsc, Volar): its properties, and its events for
 * `@signpost-contact="…"`. Vue must still be told it is a custom element:
 * `compilerOptions.isCustomElement = (tag) => tag.startsWith('signpost-')`.
 *
 * @example
 * import '@signpost/widget'
 * import type {} from '@signpost/widget/vue'
 */
import type { DefineComponent } from 'vue'
import type { SignpostHelpEvents, SignpostHelpProps } from './props.js'

type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S
type EventProps = { [K in keyof SignpostHelpEvents as `on${Capitalize<Camel<K>>}`]?: (event: SignpostHelpEvents[K]) => void }

declare module 'vue' {
  interface GlobalComponents {
    'signpost-help': DefineComponent<SignpostHelpProps & EventProps>
  }
}
