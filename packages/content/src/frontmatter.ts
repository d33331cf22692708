import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml'
import type { FileDiagnostics } from './diagnostics.ts'

/** Validated frontmatter: the content contract of DESIGN.md. */
export interface Frontmatter {
  title?: string
  summary?: string
  keywords: string[]
  tags: string[]
  category?: string
  routes: string[]
  order?: number
  draft: boolean
  aliases: string[]
  updated?: string
  locale?: string
  /** 1-based line of the `title:` key (or of the frontmatter's start), for messages about it. */
  titleLine: number
}

export interface ParsedSource {
  frontmatter: Frontmatter
  body: string
  /** 1-based line in the file where `body` starts. */
  bodyLine: number
}

type Rule = (value: unknown, fm: Frontmatter) => string | undefined

const text = (key: 'title' | 'summary' | 'category'): Rule => (v, fm) => {
  if (typeof v !== 'string' && typeof v !== 'number') return 'expected text'
  const s = String(v).trim()
  if (s === '') return 'must not be empty'
  fm[key] = s
}

/** A list of strings; a single string is one item, and `a, b` from DocFX keyword fields is split. */
const list = (key: 'keywords' | 'tags' | 'routes' | 'aliases', splitCommas = false): Rule => (v, fm) => {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? (splitCommas ? v.split(',') : [v]) : undefined
  if (!items || items.some((i) => typeof i !== 'string' && typeof i !== 'number')) return 'expected a list of text items'
  fm[key] = [...fm[key], ...items.map((i) => String(i).trim()).filter(Boolean)]
}

const RULES: Record<string, Rule> = {
  title: text('title'),
  summary: text('summary'),
  // Docusaurus and DocFX call the summary `description`; writers moving over keep their files.
  description: (v, fm) => (fm.summary ? undefined : text('summary')(v, fm)),
  keywords: list('keywords', true),
  'ms.search.keywords': list('keywords', true),
  tags: list('tags'),
  category: text('category'),
  routes: (v, fm) => list('routes')(v, fm) ?? (fm.routes.every((r) => r.startsWith('/')) ? undefined : 'routes are host paths starting with "/"'),
  order: (v, fm) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return 'expected a number'
    fm.order = v
  },
  draft: (v, fm) => {
    if (typeof v !== 'boolean') return 'expected true or false'
    fm.draft = v
  },
  aliases: list('aliases'),
  updated: (v, fm) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.trim() : ''
    if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(s) || Number.isNaN(Date.parse(s))) return 'expected a date like 2026-01-31'
    fm.updated = s.slice(0, 10)
  },
  locale: (v, fm) => {
    if (typeof v !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v)) return 'expected a locale like "en" or "pt-BR"'
    fm.locale = v
  },
}

const BORROWED = new Set(['description', 'ms.search.keywords'])

const FENCE = /^(?:\uFEFF)?---[ \t]*\r?\n/

/**
 * Splits a markdown file into frontmatter and body and checks the frontmatter against the content
 * contract. Problems are reported with file:line:col; unknown keys are warnings, never a crash.
 */
export function parseSource(source: string, diags: FileDiagnostics): ParsedSource {
  const fm: Frontmatter = { keywords: [], tags: [], routes: [], aliases: [], draft: false, titleLine: 1 }
  const open = FENCE.exec(source)
  if (!open) return { frontmatter: fm, body: source.replace(/^\uFEFF/, ''), bodyLine: 1 }
  const rest = source.slice(open[0].length)
  const close = /^---[ \t]*$/m.exec(rest)
  if (!close) {
    diags.error(1, 1, 'unclosed-frontmatter', 'frontmatter starts with "---" but has no closing "---" line')
    return { frontmatter: fm, body: '', bodyLine: 1 }
  }
  const yamlText = rest.slice(0, close.index)
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '')
  const bodyLine = 2 + lineCount(yamlText) + 1
  const lines = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number | undefined): [number, number] => {
    const p = lines.linePos(offset ?? 0)
    return [p.line + 1, p.col]
  }
  for (const e of doc.errors) {
    // An error found at the end of the block (an unclosed bracket) belongs to its last line.
    const [line, col] = at(Math.min(e.pos[0], yamlText.trimEnd().length))
    diags.error(line, col, 'frontmatter-syntax', `frontmatter is not valid YAML: ${e.message.split('\n')[0]}`)
  }
  if (doc.errors.length > 0) return { frontmatter: fm, body: afterClose, bodyLine }
  if (doc.contents !== null && !isMap(doc.contents)) {
    diags.error(2, 1, 'frontmatter-shape', 'frontmatter must be a map of keys to values')
    return { frontmatter: fm, body: afterClose, bodyLine }
  }
  for (const pair of (doc.contents?.items ?? []) as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    const [line, col] = at(pair.key?.range?.[0])
    const rule = RULES[key]
    if (!rule) {
      diags.warn(line, col, 'unknown-key', `unknown frontmatter key "${key}" (ignored)`)
      continue
    }
    const value = isScalar(pair.value) || isSeq(pair.value) || isMap(pair.value) ? pair.value.toJSON() : null
    if (key === 'title') fm.titleLine = line
    if (value === null || value === '') {
      if (key === 'title') diags.error(line, col, 'missing-title', 'frontmatter "title" is empty')
      else diags.warn(line, col, 'empty-key', `frontmatter "${key}" has no value (ignored)`)
      continue
    }
    const problem = rule(value, fm)
    // Keys borrowed from other tools are read when they fit and never fail a build.
    if (problem && BORROWED.has(key)) diags.warn(line, col, 'frontmatter-value', `frontmatter "${key}": ${problem} (ignored)`)
    else if (problem) diags.error(line, col, 'frontmatter-value', `frontmatter "${key}": ${problem}`)
  }
  return { frontmatter: fm, body: afterClose, bodyLine }
}

function lineCount(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++
  return n
}
