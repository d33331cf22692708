/** Helpers for the widget's browser tests (not exported from the package). */
import type { EventInput } from '@signpost/core'
import type { SignpostHelp } from './signpost-help.ts'

export const KB = '/packages/widget/test/fixtures/dist/kb/manifest.json'
export const XSS_KB = '/packages/widget/test/fixtures/dist/xss/manifest.json'

export function shadow(el: SignpostHelp): ShadowRoot {
  return el.shadowRoot!
}

export function $(el: SignpostHelp, selector: string): HTMLElement | null {
  return el.shadowRoot!.querySelector<HTMLElement>(selector)
}

export function $$(el: SignpostHelp, selector: string): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>(selector)]
}

export function input(el: SignpostHelp): HTMLInputElement {
  return $(el, 'input[role="combobox"]') as HTMLInputElement
}

/** Resolves when `check` returns a truthy value (polling each frame), or fails naming `what`. */
export async function until<T>(check: () => T, what: string, timeout = 5000): Promise<NonNullable<T>> {
  const start = performance.now()
  for (;;) {
    const value = check()
    if (value) return value as NonNullable<T>
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => requestAnimationFrame(r))
  }
}

/** Titles of the options in the listbox, as shown. */
export function optionTitles(el: SignpostHelp): string[] {
  return $$(el, '[role="option"] .result-title').map((e) => e.textContent!.trim())
}

/** Types into the search field the way a browser does: sets the value and fires `input`. */
export function typeQuery(el: SignpostHelp, text: string): void {
  const field = input(el)
  field.value = text
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

/** An analytics sink that records what the widget tracks. */
export function recorder(): { events: EventInput[]; track(event: EventInput): void } {
  const events: EventInput[] = []
  return { events, track: (e) => events.push(e) }
}

/** Files fetched by the page so far whose URL contains `part`. */
export function fetched(part: string): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => n.includes(part))
}
