/**
 * Query and text normalization shared by the build, the CLI, the widget and the server, so a query
 * typed in the browser and the same query in a report are the same string.
 */

const COMBINING_MARKS = /\p{M}+/gu
const NOT_WORD = /[^\p{L}\p{N}]+/gu
const NOT_WORD_ASCII = /[^a-z0-9]+/g
const PLAIN_ASCII = /^[\x00-\x7f]*$/

/**
 * Unicode NFKC, lower case, diacritics removed, punctuation and runs of whitespace folded to one
 * space, trimmed. `"  Ｒéfund—POLICY? "` → `"refund policy"`.
 */
export function normalizeQuery(text: string): string {
  // Most text is plain ASCII, where the Unicode steps change nothing and cost the most.
  if (PLAIN_ASCII.test(text)) return text.toLowerCase().replace(NOT_WORD_ASCII, ' ').trim()
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .normalize('NFC')
    .replace(NOT_WORD, ' ')
    .trim()
}

/** Splits normalized text into words. */
export function words(text: string): string[] {
  const n = normalizeQuery(text)
  return n === '' ? [] : n.split(' ')
}
