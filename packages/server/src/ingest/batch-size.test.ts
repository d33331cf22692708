import { describe, expect, it } from 'vitest'
import { exceedsEvents } from './batch-size.ts'

describe('exceedsEvents', () => {
  it('counts the events of a bare array or of an envelope, ignoring commas and brackets in strings', () => {
    expect(exceedsEvents('[{},{},{}]', 3)).toBe(0)
    expect(exceedsEvents('[{},{},{}]', 2)).toBe(3)
    expect(exceedsEvents('{"sentAt":1,"events":[{"q":"a,b,[c]"},{"q":"\\\\\\",["}, 1, "x"]}', 3)).toBe(4)
    expect(exceedsEvents('{"sentAt":1,"events":[{"q":"a,b,[c]"},{"q":"\\\\\\",["}, 1, "x"]}', 4)).toBe(0)
    expect(exceedsEvents(' [ true , null , -1.5e3 ] ', 2)).toBe(3)
  })

  it('does not count what events hold, nor a malformed tail', () => {
    expect(exceedsEvents('[{"a":[1,2,3,4,5]}]', 1)).toBe(0)
    expect(exceedsEvents('[1,2', 5)).toBe(0)
  })

  it('stops at the first element over the limit', () => {
    expect(exceedsEvents(`[${Array(80_000).fill('{}').join(',')}]`, 1000)).toBe(1001)
  })
})
