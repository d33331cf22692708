import { readFileSync } from 'node:fs'
import { type LearnedFile, type LearnedPair, LEARNED_FORMAT_VERSION } from '@signpost/core'

/** A learned file that cannot be used: the message names the file and the offending entry. */
export class LearnedFileError extends Error {
  override name = 'LearnedFileError'
  /** The file's path, and what is wrong with it, for a CLI to name it relative to where it runs. */
  readonly file: string
  readonly problem: string
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`)
    this.file = file
    this.problem = problem
  }
}

/** A learned file as read from disk, with where each pair stands in it for diagnostics. */
export interface LoadedLearned {
  /** As named to the writer (relative to the content root when it lies inside it). */
  name: string
  file: LearnedFile
  /** 1-based line of each pair in the file's text (1 when the file was given as an object). */
  lines: number[]
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0
const DAY = /^\d{4}-\d{2}-\d{2}$/

/**
 * Reads and checks a learned file (`signpost learn`'s output); throws `LearnedFileError` naming it.
 * `name` is how diagnostics name it (relative to the content root).
 */
export function readLearnedFile(path: string, name = path): LoadedLearned {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new LearnedFileError(path, `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new LearnedFileError(path, `not JSON (${(e as Error).message})`)
  }
  const file = checkLearned(data, path)
  return { name, file, lines: pairLines(text, file.pairs.length) }
}

/** A learned file given as an object (a test's, the bench's), checked like one read from disk. */
export function learnedObject(data: unknown, name = 'learned.json'): LoadedLearned {
  const file = checkLearned(data, name)
  return { name, file, lines: file.pairs.map(() => 1) }
}

/** Checks the shape of a parsed learned file; throws `LearnedFileError` naming the first problem. */
export function checkLearned(data: unknown, name: string): LearnedFile {
  const fail = (where: string, what: string): never => {
    throw new LearnedFileError(name, `${where} ${what}`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('the file', 'must be a JSON object with "format", "site" and "pairs"')
  const f = data as Record<string, unknown>
  if (f.format !== LEARNED_FORMAT_VERSION) fail('"format"', `is ${JSON.stringify(f.format)}; this signpost reads format ${LEARNED_FORMAT_VERSION} (re-export it with \`signpost learn\`)`)
  if (typeof f.site !== 'string') fail('"site"', 'must be a string')
  for (const key of ['from', 'to'] as const) {
    if (f[key] !== undefined && (typeof f[key] !== 'string' || !DAY.test(f[key] as string))) fail(`"${key}"`, 'must be a YYYY-MM-DD date')
  }
  if (!Array.isArray(f.pairs)) fail('"pairs"', 'must be a list')
  const pairs = (f.pairs as unknown[]).map((p, i): LearnedPair => {
    const at = `pairs[${i}]`
    if (typeof p !== 'object' || p === null) return fail(at, 'must be an object')
    const o = p as Record<string, unknown>
    if (typeof o.query !== 'string' || o.query.trim() === '') fail(`${at}.query`, 'must be a non-empty string')
    if (typeof o.article !== 'string' || o.article === '') fail(`${at}.article`, 'must be an article id')
    for (const k of ['sessions', 'helpful', 'contacts'] as const) if (!isCount(o[k])) fail(`${at}.${k}`, 'must be a whole number ≥ 0')
    if (o.locale !== undefined && typeof o.locale !== 'string') fail(`${at}.locale`, 'must be a locale tag')
    return o as unknown as LearnedPair
  })
  if (f.views !== undefined) {
    if (!Array.isArray(f.views)) fail('"views"', 'must be a list')
    ;(f.views as unknown[]).forEach((v, i) => {
      const o = v as Record<string, unknown> | null
      if (!o || typeof o.article !== 'string' || !isCount(o.sessions)) fail(`views[${i}]`, 'must be { "article": id, "sessions": count }')
    })
  }
  return { ...(f as unknown as LearnedFile), pairs }
}

/** Line of each pair's opening brace inside "pairs" (the export writes one pair per line or pretty-printed). */
function pairLines(text: string, count: number): number[] {
  const lines: number[] = []
  const start = text.indexOf('"pairs"')
  let line = 1
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10) line++
  let depth = 0
  for (let i = start; i < text.length && lines.length < count; i++) {
    const c = text[i]
    if (c === '\n') line++
    else if (c === '"') {
      // Skip strings: a brace inside a query is not structure.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
    } else if (c === '[' || c === '{') {
      if (c === '{' && depth === 1) lines.push(line)
      depth++
    } else if (c === ']' || c === '}') depth--
  }
  while (lines.length < count) lines.push(1)
  return lines
}
