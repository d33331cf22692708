/**
 * Matches a host path against an article's `routes` patterns. `*` matches one path segment,
 * `**` any number of segments; a trailing slash is ignored. Patterns are compiled once (see
 * `compileRoute`) and matched in time linear in the path, whatever the pattern.
 */
export function routeMatches(pattern: string, path: string): boolean {
  let matcher = compiled.get(pattern)
  if (!matcher) {
    // Manifests hold a few hundred patterns; the bound only guards a host that generates them.
    if (compiled.size > 5000) compiled.clear()
    matcher = compileRoute(pattern)
    compiled.set(pattern, matcher)
  }
  return matcher(path)
}

const compiled = new Map<string, (path: string) => boolean>()

const clean = (p: string) => p.split(/[?#]/, 1)[0]!.replace(/\/+$/, '') || '/'

/**
 * A route pattern as a matcher that tracks every pattern position the path could have reached so
 * far (a set, not a backtracking search): each path segment costs at most one step per pattern
 * segment. Backtracking took 9 s for `/**` ten times against a 26-segment URL.
 *
 * @example
 * const match = compileRoute('/settings/**')
 * match('/settings/team/roles') // → true
 */
export function compileRoute(pattern: string): (path: string) => boolean {
  // `**/**` matches what `**` matches.
  const pat = clean(pattern)
    .split('/')
    .filter((p, i, all) => !(p === '**' && all[i - 1] === '**'))
  const n = pat.length
  /** Adds position i, and those a `**` there lets the path skip to (it may match no segment). */
  const reach = (set: Uint8Array, i: number) => {
    set[i] = 1
    while (i < n && pat[i] === '**') set[++i] = 1
  }
  return (path) => {
    let at = new Uint8Array(n + 1)
    let next = new Uint8Array(n + 1)
    reach(at, 0)
    for (const seg of clean(path).split('/')) {
      next.fill(0)
      let any = false
      for (let i = 0; i < n; i++) {
        if (!at[i]) continue
        const p = pat[i]
        if (p === '**') {
          reach(next, i)
          any = true
        } else if (p === '*' ? seg !== '' : p === seg) {
          reach(next, i + 1)
          any = true
        }
      }
      if (!any) return false
      ;[at, next] = [next, at]
    }
    return at[n] === 1
  }
}

/**
 * Why a route pattern is suspicious, or undefined: several `**` in one pattern match the same
 * paths as one, cost more to match, and usually mean a typo. `signpost check` warns with it.
 */
export function routePatternWarning(pattern: string): string | undefined {
  const globs = pattern.split('/').filter((s) => s === '**').length
  if (globs > 2) return `route "${pattern.slice(0, 80)}" has ${globs} "**": one matches any number of segments already`
  if (pattern.split('/').length > 32) return `route "${pattern.slice(0, 80)}…" has more than 32 segments`
  return undefined
}

/** How specific a matching pattern is: exact paths beat globs, longer beats shorter. */
export function routeSpecificity(pattern: string): number {
  const segments = pattern.split('/').filter(Boolean)
  return segments.reduce((s, seg) => s + (seg === '**' ? 0 : seg === '*' ? 1 : 3), 0)
}
