const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/** Decodes the entities marked and DOMPurify emit. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m
    }
    return ENTITIES[e.toLowerCase()] ?? m
  })
}

/**
 * Runs of whitespace (`\s`, spelled out) and single whitespace other than a space: what `/\s+/`
 * replaces with one space, without replacing each of the megabytes of single spaces by itself.
 */
const SPACES = /[\t-\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]{2,}|[\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g

/** Plain text of sanitized HTML, block elements separated by spaces, for the search index and snippets. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(pre|code)[^>]*>/gi, ' ')
      .replace(/<\/(p|div|li|h\d|tr|td|th|pre|blockquote|ul|ol|table)>/gi, ' ')
      .replace(/<br\s*\/?>/gi, ' ')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(SPACES, ' ')
    .trim()
}
