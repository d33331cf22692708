/**
 * Keyboard behaviour of the panel (WAI-ARIA APG combobox and dialog patterns), in the views chunk
 * that loads on open: plain functions, so the key logic is testable without a DOM.
 */

export interface ComboboxMove {
  /** The option to mark active (-1: none). */
  active: number
  /** Open the active option (the first one when none is active). */
  choose?: boolean
  /** Clear the query. */
  clear?: boolean
}

/**
 * What a key in the search field does, given the active option, the number of options and whether
 * there is a query; undefined when the key is not the combobox's (the browser handles it).
 */
export function comboboxKey(key: string, active: number, count: number, hasQuery: boolean): ComboboxMove | undefined {
  switch (key) {
    case 'ArrowDown':
      return { active: count > 0 ? (active + 1) % count : active }
    case 'ArrowUp':
      return { active: count > 0 ? (active <= 0 ? count - 1 : active - 1) : active }
    case 'Home':
    case 'End':
      // With no active option, Home and End move the caret in the field.
      return active < 0 || count === 0 ? undefined : { active: key === 'Home' ? 0 : count - 1 }
    case 'Enter':
      return count > 0 ? { active: Math.max(active, 0), choose: true } : { active }
    case 'Escape':
      // An empty field lets Escape through to the dialog, which closes.
      return !hasQuery && active < 0 ? undefined : { active: -1, clear: true }
  }
  return undefined
}

const FOCUSABLE = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])'

/** Keeps Tab inside the dialog, wrapping at both ends. */
export function trapTab(e: KeyboardEvent, dialog: HTMLElement, root: ShadowRoot): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0,
  )
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  const active = root.activeElement
  if (!first || !last) return
  if (e.shiftKey && (active === first || !dialog.contains(active))) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
    e.preventDefault()
    first.focus()
  }
}
