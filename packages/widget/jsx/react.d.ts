/**
 * Types `<signpost-help>` in React 19 JSX: its properties, and its events as `on<event-name>`
 * props (React 19 adds a listener for `onsignpost-contact` as written).
 *
 * @example
 * import '@signpost/widget'
 * import type {} from '@signpost/widget/react'
 * <signpost-help kb="/kb/manifest.json" onsignpost-contact={(e) => openTicket(e.sessionId)} />
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react'
import type { SignpostHelp } from '@signpost/widget'
import type { SignpostHelpEvents, SignpostHelpProps } from './props.js'

type EventProps = { [K in keyof SignpostHelpEvents as `on${K}`]?: (event: SignpostHelpEvents[K]) => void }

export type SignpostHelpJsxProps = SignpostHelpProps & EventProps & DetailedHTMLProps<HTMLAttributes<SignpostHelp>, SignpostHelp>

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'signpost-help': SignpostHelpJsxProps
    }
  }
}
