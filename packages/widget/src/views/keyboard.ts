/**
 * Keyboard behaviour of the search field (WAI-ARIA APG combobox), in the views chunk that loads on
 * open: a plain function, so the key logic is testable without a DOM. The panel traps no focus: on
 * desktop it is a non-modal dialog beside the page; below 640 px the browser's modal dialog keeps
 * focus in.
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
