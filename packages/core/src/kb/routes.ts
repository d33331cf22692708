/**
 * Matches a host path against an article's `routes` patterns. `*` matches one path segment,
 * `**` any number of segments; a trailing slash is ignored.
 */
export function routeMatches(pattern: string, path: string): boolean {
  const clean = (p: string) => p.split(/[?#]/, 1)[0]!.replace(/\/+$/, '') || '/'
  const pat = clean(pattern).split('/')
  const segs = clean(path).split('/')
  const walk = (i: number, j: number): boolean => {
    if (i === pat.length) return j === segs.length
    const p = pat[i]
    if (p === '**') {
      for (let k = j; k <= segs.length; k++) if (walk(i + 1, k)) return true
      return false
    }
    if (j === segs.length) return false
    if (p === '*' ? segs[j] === '' : p !== segs[j]) return false
    return walk(i + 1, j + 1)
  }
  return walk(0, 0)
}

/** How specific a matching pattern is: exact paths beat globs, longer beats shorter. */
export function routeSpecificity(pattern: string): number {
  const segments = pattern.split('/').filter(Boolean)
  return segments.reduce((s, seg) => s + (seg === '**' ? 0 : seg === '*' ? 1 : 3), 0)
}
