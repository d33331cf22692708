/** Emitted when the panel opens (launcher, `open()` or `toggle()`). */
export class SignpostOpenEvent extends Event {
  constructor() {
    super('signpost-open', { bubbles: true, composed: true })
  }
}

/** Emitted when the panel closes (Escape, the close button, `close()`). */
export class SignpostCloseEvent extends Event {
  constructor() {
    super('signpost-close', { bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'signpost-open': SignpostOpenEvent
    'signpost-close': SignpostCloseEvent
  }
}
