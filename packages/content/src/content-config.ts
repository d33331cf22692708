import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair, type Node } from 'yaml'
import { type Diagnostic, FileDiagnostics } from './diagnostics.ts'
import { AUDIENCE_NAME } from './frontmatter.ts'
import type { RenderedArticle } from './article.ts'

/** The content folder's own settings: `signpost.yml` at its root, beside `synonyms.yml`. */
export interface ContentConfig {
  /** Every warning is an error: `build` writes nothing and `check` exits 1 (like `--strict`). Default false. */
  strict: boolean
  /**
   * The audiences articles may name (`audiences: [pro, internal]`): any other name in an article's
   * `audience` is an error, so a typo cannot build a knowledge base nobody reads. Default: any name.
   */
  audiences?: string[]
}

export const CONFIG_FILE = 'signpost.yml'

/** Reads `signpost.yml` when the folder has one; its problems are diagnostics like any content's. */
export function readContentConfig(root: string): { config: ContentConfig; diagnostics: Diagnostic[] } {
  const config: ContentConfig = { strict: false }
  const path = join(root, CONFIG_FILE)
  if (!existsSync(path)) return { config, diagnostics: [] }
  const diags = new FileDiagnostics(CONFIG_FILE)
  const lines = new LineCounter()
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lines, prettyErrors: false })
  const at = (offset = 0) => lines.linePos(offset)
  for (const e of doc.errors.slice(0, 1)) diags.error(at(e.pos[0]).line, at(e.pos[0]).col, 'config-syntax', `not valid YAML: ${e.message.split('\n')[0]}`)
  if (doc.errors.length === 0 && doc.contents !== null && !isMap(doc.contents)) diags.error(1, 1, 'config-shape', 'expected keys and values, like "strict: true"')
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { config, diagnostics: diags.list }
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const { line, col } = at(pair.key?.range?.[0])
    const value = isScalar(pair.value) ? pair.value.value : undefined
    if (key === 'strict') {
      if (typeof value === 'boolean') config.strict = value
      else diags.error(line, col, 'config-value', '"strict" is true or false')
    } else if (key === 'audiences') {
      const names = isSeq(pair.value) ? (pair.value.toJSON() as unknown[]) : undefined
      if (names?.every((n) => typeof n === 'string' && AUDIENCE_NAME.test(n))) config.audiences = names as string[]
      else diags.error(line, col, 'config-value', '"audiences" is a list of lowercase names, like [pro, internal]')
    } else diags.warn(line, col, 'unknown-key', `unknown setting "${key}" (ignored; known: strict, audiences)`)
  }
  return { config, diagnostics: diags.list }
}

/** Each article naming an audience the folder's `audiences` setting does not list, as an error at its line. */
export function undeclaredAudiences(articles: RenderedArticle[], config: ContentConfig): Diagnostic[] {
  const known = config.audiences
  if (!known) return []
  return articles.flatMap((a) =>
    (a.frontmatter.audience ?? [])
      .filter((name) => !known.includes(name))
      .map((name) => ({
        file: a.source.rel,
        line: a.frontmatter.audienceLine ?? 1,
        col: 1,
        severity: 'error' as const,
        code: 'unknown-audience',
        message: `audience "${name}" is not one of ${CONFIG_FILE}'s audiences (${known.join(', ') || 'none'})`,
      })),
  )
}

/** `--strict`: the same diagnostics, every warning counted as an error. */
export function strictDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' } : d))
}
