/** Where the customer is in the host app: the widget suggests articles for it before typing. */
export interface HelpContext {
  /** Host route, e.g. `/billing/plan`. Defaults to `location.pathname`. */
  path?: string
  /** Extra tags: articles carrying one of them are suggested after route matches. */
  tags?: string[]
}

const LOCATION_CHANGE = 'signpost-locationchange'
let patched = false

/**
 * Calls `listener` whenever the host app changes route through the History API (pushState,
 * replaceState, back/forward). Returns the function that stops listening.
 */
export function onLocationChange(listener: () => void): () => void {
  if (!patched) {
    patched = true
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method]
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args)
        window.dispatchEvent(new Event(LOCATION_CHANGE))
        return result
      }
    }
  }
  window.addEventListener(LOCATION_CHANGE, listener)
  window.addEventListener('popstate', listener)
  return () => {
    window.removeEventListener(LOCATION_CHANGE, listener)
    window.removeEventListener('popstate', listener)
  }
}
