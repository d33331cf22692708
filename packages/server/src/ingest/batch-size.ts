/**
 * Whether a JSON batch holds more than `max` events, decided by scanning the text without parsing
 * it: a 240 KB body of 80,000 `{}` would otherwise allocate 80,000 objects (tens of ms of parse and
 * garbage collection) only to be refused. Counts the elements of arrays one or two levels deep:
 * the bare array of events, or the `events` array of `{ sentAt, events }`. Events themselves hold
 * no arrays, so a real batch is counted exactly; malformed text is left for `JSON.parse` to name.
 *
 * @example
 * exceedsEvents('[{},{},{}]', 2) // → 3 (more than 2); under the limit → 0
 */
export function exceedsEvents(text: string, max: number): number {
  // Per open container up to depth 2: is it an array, its element count, does a new element start next.
  const array = [false, false, false]
  const count = [0, 0, 0]
  const expecting = [false, false, false]
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 58 /* : */) continue
    if (c === 44 /* , */) {
      if (depth <= 2) expecting[depth] = true
      continue
    }
    if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--
      continue
    }
    // Anything else starts or continues a value: count it once, in an array we watch.
    if (depth >= 1 && depth <= 2 && array[depth] && expecting[depth]) {
      expecting[depth] = false
      if (++count[depth]! > max) return count[depth]!
    }
    if (c === 34 /* " */) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++
      if (depth <= 2) {
        array[depth] = c === 91
        count[depth] = 0
        expecting[depth] = true
      }
    }
  }
  return 0
}
