import { describe, expect, it } from 'vitest'
import { comboboxKey } from './keyboard.ts'

describe('comboboxKey (APG combobox)', () => {
  it('moves down and up through the options, wrapping', () => {
    expect(comboboxKey('ArrowDown', -1, 3, true)).toEqual({ active: 0 })
    expect(comboboxKey('ArrowDown', 2, 3, true)).toEqual({ active: 0 })
    expect(comboboxKey('ArrowUp', 0, 3, true)).toEqual({ active: 2 })
    expect(comboboxKey('ArrowUp', -1, 3, true)).toEqual({ active: 2 })
  })

  it('jumps with Home and End only once an option is active, leaving the caret alone otherwise', () => {
    expect(comboboxKey('End', 0, 3, true)).toEqual({ active: 2 })
    expect(comboboxKey('Home', 2, 3, true)).toEqual({ active: 0 })
    expect(comboboxKey('Home', -1, 3, true)).toBeUndefined()
  })

  it('opens the active option, or the first, with Enter', () => {
    expect(comboboxKey('Enter', 1, 3, true)).toEqual({ active: 1, choose: true })
    expect(comboboxKey('Enter', -1, 3, true)).toEqual({ active: 0, choose: true })
    expect(comboboxKey('Enter', -1, 0, true)).toEqual({ active: -1 })
  })

  it('clears the query with Escape, and lets Escape close the dialog once empty', () => {
    expect(comboboxKey('Escape', 1, 3, true)).toEqual({ active: -1, clear: true })
    expect(comboboxKey('Escape', -1, 3, false)).toBeUndefined()
  })

  it('ignores other keys', () => {
    expect(comboboxKey('a', 0, 3, true)).toBeUndefined()
  })
})
