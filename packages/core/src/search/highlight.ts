import { normalizeQuery } from '../text/normalize.ts'
import { stemmerFor } from '../text/stem.ts'

export interface TextSegment {
  text: string
  match: boolean
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu

/**
 * Splits text into segments, marking the words a search hit matched (by the word as written or by
 * its stem), for `<mark>` highlighting in titles and snippets.
 */
export function highlight(text: string, terms: readonly string[], locale: string): TextSegment[] {
  const wanted = new Set(terms)
  const stem = stemmerFor(locale)
  const segments: TextSegment[] = []
  let last = 0
  for (const m of text.matchAll(WORD)) {
    const word = normalizeQuery(m[0]).replace(/ /g, '')
    if (!wanted.has(word) && !wanted.has(stem(word))) continue
    if (m.index > last) segments.push({ text: text.slice(last, m.index), match: false })
    segments.push({ text: m[0], match: true })
    last = m.index + m[0].length
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false })
  return segments
}

/**
 * The passage of `text` (about `length` characters, cut at word boundaries) with the most matched
 * words, with an ellipsis where it was cut.
 */
export function snippet(text: string, terms: readonly string[], locale: string, length = 160): string {
  if (text.length <= length) return text
  const marks = highlight(text, terms, locale)
  const positions: number[] = []
  let offset = 0
  for (const s of marks) {
    if (s.match) positions.push(offset)
    offset += s.text.length
  }
  let best = 0
  let bestCount = -1
  for (const start of positions.length > 0 ? positions : [0]) {
    const from = Math.max(0, start - 30)
    const count = positions.filter((p) => p >= from && p < from + length).length
    if (count > bestCount) {
      best = from
      bestCount = count
    }
  }
  let from = best === 0 ? 0 : text.lastIndexOf(' ', best) + 1
  let to = Math.min(text.length, from + length)
  if (to < text.length) to = Math.max(from + 1, text.lastIndexOf(' ', to))
  if (to - from < length / 2) from = Math.max(0, to - length)
  let passage = text.slice(from, to).trim()
  // An ellipsis stands for the words cut: punctuation left beside it ("refund, …") reads as a typo.
  if (from > 0) passage = passage.replace(CUT_START, '')
  if (to < text.length) passage = passage.replace(CUT_END, '')
  return `${from > 0 ? '…' : ''}${passage}${to < text.length ? '…' : ''}`
}

const CUT_START = /^[\s,;:.!?)\]–—-]+/u
const CUT_END = /[\s,;:([–—-]+$/u
