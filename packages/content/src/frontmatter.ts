import { routePatternWarning } from '@signpost/core'
import { isCollection, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, visit, type YAMLError } from 'yaml'
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
  /** Who keeps the article true: a person or a team, as the writers name them (`@kim`, `billing`). */
  owner?: string
  /** When it must be reviewed again (`YYYY-MM-DD`); `signpost check --stale` lists those past it. */
  reviewBy?: string
  /** 1-based line of the `review-by:` key. */
  reviewByLine?: number
  /**
   * Who may read it (`audience: [pro, internal]`): absent for a public article, which every
   * knowledge base holds; else it is built only into the knowledge bases of the audiences named.
   */
  audience?: string[]
  /** 1-based line of the `audience:` key. */
  audienceLine?: number
  /** 1-based line of the `title:` key (or of the frontmatter's start), for messages about it. */
  titleLine: number
  /**
   * The frontmatter has a syntax error, already reported: keys after it are lost, and saying they
   * are missing (a cascading "missing title") would point the writer at the wrong line.
   */
  broken?: boolean
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

/** A calendar day, `YYYY-MM-DD` (a time after it is allowed and dropped). */
const date = (key: 'updated' | 'reviewBy'): Rule => (v, fm) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.trim() : ''
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(s) || Number.isNaN(Date.parse(s))) return 'expected a date like 2026-01-31'
  fm[key] = s.slice(0, 10)
}

/** An audience's name: it names a folder of the build (`audiences/pro/`) and a widget attribute. */
export const AUDIENCE_NAME = /^[a-z][a-z0-9-]{0,39}$/

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
  updated: date('updated'),
  owner: (v, fm) => {
    if (typeof v !== 'string' || v.trim() === '') return 'expected a person or team, like "@kim" or "billing"'
    fm.owner = v.trim()
  },
  'review-by': date('reviewBy'),
  audience: (v, fm) => {
    const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined
    if (!items || items.length === 0 || items.some((i) => typeof i !== 'string' || !AUDIENCE_NAME.test(i))) {
      return 'expected a list of lowercase audience names, like [pro, internal]'
    }
    // Naming `public` makes the article public: every knowledge base holds it.
    fm.audience = items.includes('public') ? undefined : [...new Set(items as string[])].sort()
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
    fm.broken = true
    return { frontmatter: fm, body: '', bodyLine: 1 }
  }
  const yamlText = rest.slice(0, close.index)
  const afterClose = rest.slice(close.index + close[0].length).replace(/^\r?\n/, '')
  const bodyLine = 2 + lineCount(yamlText) + 1
  const entries: Entries | undefined = simpleEntries(yamlText) ?? yamlEntries(yamlText, diags)
  if (!entries) {
    fm.broken = true
    return { frontmatter: fm, body: afterClose, bodyLine }
  }
  if (entries.broken) fm.broken = true
  for (const { key, value, line, col } of entries) {
    const rule = RULES[key]
    if (!rule) {
      diags.warn(line, col, 'unknown-key', `unknown frontmatter key "${key}" (ignored)`)
      continue
    }
    if (key === 'title') fm.titleLine = line
    if (key === 'review-by') fm.reviewByLine = line
    if (key === 'audience') fm.audienceLine = line
    if (value === null || value === '') {
      if (key === 'title') diags.error(line, col, 'missing-title', 'frontmatter "title" is empty')
      // DocFX writes an empty `audience:`; said plainly, as the article is then public.
      else if (key === 'audience') diags.warn(line, col, 'empty-key', 'frontmatter "audience" has no value: the article is public')
      else diags.warn(line, col, 'empty-key', `frontmatter "${key}" has no value (ignored)`)
      continue
    }
    const problem = rule(value, fm)
    // Keys borrowed from other tools are read when they fit and never fail a build.
    if (problem && BORROWED.has(key)) diags.warn(line, col, 'frontmatter-value', `frontmatter "${key}": ${problem} (ignored)`)
    else if (problem) diags.error(line, col, 'frontmatter-value', `frontmatter "${key}": ${problem}`)
    if (key === 'routes') for (const w of fm.routes.map(routePatternWarning)) if (w) diags.warn(line, col, 'route-pattern', `frontmatter "routes": ${w}`)
  }
  return { frontmatter: fm, body: afterClose, bodyLine }
}

/** A frontmatter key with its value as YAML reads it, and where the key is (line counted from the file's start). */
interface Entry {
  key: string
  value: unknown
  line: number
  col: number
}

/** Entries read before a syntax error are `broken`: the ones after it are missing. */
type Entries = Entry[] & { broken?: boolean }

/**
 * Parses with the YAML library; undefined (after reporting) when the frontmatter is not a map.
 * A syntax error is reported once, where the writer must look, and the keys before it are still
 * read (marked `broken`), so the title on line 2 is not "missing" because line 5 is wrong.
 */
export function yamlEntries(yamlText: string, diags: FileDiagnostics): Entries | undefined {
  const lines = new LineCounter()
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number | undefined): [number, number] => {
    const p = lines.linePos(offset ?? 0)
    return [p.line + 1, p.col]
  }
  const problems = doc.errors.length === 0 ? [] : syntaxProblems(doc.errors, doc, yamlText)
  let firstErrorLine = Number.POSITIVE_INFINITY
  const reportedLines = new Set<number>()
  for (const { offset, message } of problems) {
    const [line, col] = at(offset)
    // The library often reports one mistake several times on its line (a tab, then the nested
    // mapping it seems to start): the first is the cause.
    if (reportedLines.has(line)) continue
    reportedLines.add(line)
    firstErrorLine = Math.min(firstErrorLine, line)
    diags.error(line, col, 'frontmatter-syntax', `frontmatter is not valid YAML: ${message}`)
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    if (problems.length === 0) diags.error(2, 1, 'frontmatter-shape', 'frontmatter must be a map of keys to values')
    return undefined
  }
  const entries: Entries = []
  for (const pair of (doc.contents?.items ?? []) as Pair<Node, Node>[]) {
    const [line, col] = at(pair.key?.range?.[0])
    // Keys at or after a syntax error may hold what the writer meant for another key.
    if (line >= firstErrorLine) break
    const value = isScalar(pair.value) || isSeq(pair.value) || isMap(pair.value) ? pair.value.toJSON() : null
    entries.push({ key: isScalar(pair.key) ? String(pair.key.value) : '', value, line, col })
  }
  if (problems.length > 0) entries.broken = true
  return entries
}

const CLOSING: Record<string, string> = { '[': ']', '{': '}', '"': '"', "'": "'" }

/**
 * Each YAML error with the offset of its cause. An unclosed bracket or quote is reported by the
 * library where it gave up (the next key, or the end); the writer needs the bracket's own place.
 */
function syntaxProblems(errors: YAMLError[], doc: ReturnType<typeof parseDocument>, text: string): { offset: number; message: string }[] {
  const openers: { start: number; end: number; char: string }[] = []
  visit(doc, (_key, node) => {
    if (!(isScalar(node) || isCollection(node)) || !node.range) return
    const char = text[node.range[0]]!
    const closing = CLOSING[char]
    const last = text.slice(node.range[0] + 1, node.range[1]).trimEnd().slice(-1)
    if (closing && last !== closing) openers.push({ start: node.range[0], end: node.range[2], char })
  })
  return errors.map((e) => {
    const pos = Math.min(e.pos[0], text.trimEnd().length)
    const unclosed = openers.filter((o) => o.start < pos && pos <= o.end + 1).at(-1)
    if (!unclosed) return { offset: pos, message: e.message.split('\n')[0]! }
    const what = unclosed.char === '[' || unclosed.char === '{' ? `"${unclosed.char}"` : `quote ${unclosed.char}`
    return { offset: unclosed.start, message: `this ${what} is never closed with ${CLOSING[unclosed.char]}` }
  })
}

const SIMPLE_LINE = /^([A-Za-z_][\w.-]*(?: [\w.-]+)*):(?:[ \t]+(.*))?$/
/** Plain scalars YAML reads as something other than text (null, booleans, numbers), broadly. */
const NOT_TEXT = /^(?:~|null|true|false|yes|no|on|off|[-+]?(?:\.?\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|0[box][\da-f_]+|\.inf|\.nan))$/i
/** Characters that give a plain scalar's start a meaning (flow, block, tag, anchor, reserved). */
const INDICATOR = /^[-?:,[\]{}#&*!|>%@`]/

const SEQ_ITEM = /^( *)- (.*)$/
/** Nothing but spaces and maybe a comment. */
const BLANK = /^[ \t]*(#.*)?$/
/** Decimal integers YAML reads as the same number (no sign, no leading zero, exactly representable). */
const PLAIN_INT = /^(?:0|[1-9]\d{0,14})$/

/** A scalar value as YAML reads it, when that is plain: text, or a small whole number; undefined otherwise. */
function simpleScalar(raw: string): string | number | undefined {
  const v = raw.trimEnd()
  if (v.startsWith('"') || v.startsWith("'")) {
    const q = v[0]!
    if (v.length < 2 || !v.endsWith(q) || v.slice(1, -1).includes(q) || v.includes('\\')) return undefined
    return v.slice(1, -1)
  }
  // A `#` after a space starts a comment; anywhere else it is part of the text (`C#`).
  const comment = v.search(/[ \t]#/)
  const text = comment < 0 ? v : v.slice(0, comment).trimEnd()
  if (PLAIN_INT.test(text)) return Number(text)
  if (text === '' || INDICATOR.test(text) || NOT_TEXT.test(text) || text.includes('\t') || text.includes(': ') || text.endsWith(':')) return undefined
  return text
}

/**
 * The common frontmatter read without the YAML library, which costs a quarter of a millisecond
 * per file: `key: text` lines and lists of text items under a key. Anything else (numbers other
 * than small whole ones, booleans, comments, escapes, continued lines, duplicate keys, nesting)
 * returns undefined and goes to the library, so results are the same.
 */
export function simpleEntries(yamlText: string): Entry[] | undefined {
  const entries: Entry[] = []
  const keys = new Set<string>()
  const lines = yamlText.split('\n')
  /** The last key with nothing after its colon: list items may follow, all at one indent. */
  let open: { entry: Entry; indent: number } | undefined
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!
    // CRLF line ends; a CR anywhere else (even ending the block) is left to the library.
    const text = i < lines.length - 1 && raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (text.includes('\r')) return undefined
    if (BLANK.test(text)) continue
    const item = SEQ_ITEM.exec(text)
    if (item) {
      const indent = item[1]!.length
      if (!open || (Array.isArray(open.entry.value) && indent !== open.indent)) return undefined
      // An item may be one `key: text` pair (DocFX writes `- ai-seo-date: 06/16/2025`).
      const pair = SIMPLE_LINE.exec(item[2]!)
      const pairValue = pair && !NOT_TEXT.test(pair[1]!) && pair[2] !== undefined ? simpleScalar(pair[2]) : undefined
      const value = pair ? (pairValue === undefined ? undefined : { [pair[1]!]: pairValue }) : simpleScalar(item[2]!)
      if (value === undefined) return undefined
      open.indent = indent
      if (Array.isArray(open.entry.value)) open.entry.value.push(value)
      else open.entry.value = [value]
      continue
    }
    const m = SIMPLE_LINE.exec(text)
    if (!m || NOT_TEXT.test(m[1]!) || keys.has(m[1]!)) return undefined
    keys.add(m[1]!)
    const entry: Entry = { key: m[1]!, value: null, line: i + 2, col: 1 }
    open = undefined
    if (BLANK.test(m[2] ?? '')) open = { entry, indent: 0 }
    else {
      const value = simpleScalar(m[2]!)
      if (value === undefined) return undefined
      entry.value = value
    }
    entries.push(entry)
  }
  return entries
}

function lineCount(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++
  return n
}
