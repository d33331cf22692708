import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml'
import type { Synonyms } from '@signpost/core'
import { FileDiagnostics } from './diagnostics.ts'

/**
 * Reads a writer's synonyms file: customer phrase → product phrases, e.g.
 * `stop paying: [cancel subscription]`. `synonyms.yml` serves the default locale,
 * `synonyms.<locale>.yml` any other.
 */
export function parseSynonyms(text: string, file: string): { synonyms: Synonyms; diagnostics: FileDiagnostics } {
  const diags = new FileDiagnostics(file)
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const at = (offset: number | undefined) => lines.linePos(offset ?? 0)
  const synonyms: Synonyms = {}
  for (const e of doc.errors) {
    const p = at(e.pos[0])
    diags.error(p.line, p.col, 'synonyms-syntax', `not valid YAML: ${e.message.split('\n')[0]}`)
  }
  if (doc.errors.length > 0 || doc.contents === null) return { synonyms, diagnostics: diags }
  if (!isMap(doc.contents)) {
    diags.error(1, 1, 'synonyms-shape', 'expected a map of customer phrases to lists of product phrases')
    return { synonyms, diagnostics: diags }
  }
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const p = at(pair.key?.range?.[0])
    const key = isScalar(pair.key) ? String(pair.key.value).trim() : ''
    const value = isSeq(pair.value) || isScalar(pair.value) ? pair.value.toJSON() : undefined
    const targets = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined
    if (key === '' || !targets || targets.some((t) => typeof t !== 'string' || t.trim() === '')) {
      diags.error(p.line, p.col, 'synonyms-value', `"${key}": expected a phrase or a list of phrases`)
      continue
    }
    synonyms[key] = targets.map((t: string) => t.trim())
  }
  return { synonyms, diagnostics: diags }
}
