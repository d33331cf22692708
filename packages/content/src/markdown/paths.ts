/** Resolves `a/../b` segments of a relative path against a folder; both use forward slashes. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir === '' ? [] : dir.split('/')
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop()
    else if (seg !== '.' && seg !== '') parts.push(seg)
  }
  return parts.join('/')
}
