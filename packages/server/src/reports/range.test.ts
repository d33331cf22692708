import { describe, expect, it } from 'vitest'
import { parseRange } from './range.ts'

describe('parseRange', () => {
  it('refuses a day that does not exist instead of rolling it over', () => {
    expect(() => parseRange({ from: '2024-02-01', to: '2024-02-30' })).toThrow('to: expected a date as YYYY-MM-DD, got "2024-02-30"')
    expect(() => parseRange({ from: '2023-02-29', to: '2023-03-01' })).toThrow(/from: expected a date/)
    expect(parseRange({ from: '2024-02-29', to: '2024-02-29' }).from).toBe(Date.UTC(2024, 1, 29) / 86_400_000)
  })
})
