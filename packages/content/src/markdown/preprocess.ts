import type { FileDiagnostics } from '../diagnostics.ts'
import { joinPath } from './paths.ts'

/**
 * Rewrites the dialects real help centers are written in (MDX, Docusaurus, DocFX, GitHub) into
 * plain CommonMark + HTML that marked renders, line by line, so warnings keep their line numbers.
 * Nothing here throws: what cannot be rendered is dropped with a warning naming file:line.
 */

export interface PreprocessContext {
  diags: FileDiagnostics
  /** 1-based line of the body's first line in the file. */
  firstLine: number
  /** Folder of the file being processed, relative to the content root (includes resolve against it). */
  dir: string
  /** Reads a DocFX include by content-root-relative path: its markdown, or undefined when missing. */
  include: (rel: string) => string | undefined
}

const CALLOUT_KINDS = new Set(['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'])
const FENCE = /^\s{0,3}(`{3,}|~{3,})/
/** A line that can close a code fence: fence characters alone (an info string makes it code). */
const FENCE_CLOSE = /^\s{0,3}(`{3,}|~{3,})\s*$/
const GITHUB_ALERT = /^\s{0,3}>\s*\[!(\w+)\]\s*(.*)$/
const DOCFX_BLOCKQUOTE_MARKER = /^\s{0,3}>\s*\[!(div|video)\b[^\]]*\]\s*$/i
const INCLUDE = /\[!INCLUDE\s*\[[^\]]*\]:?\(([^)]+)\)\]/gi
const MDX_MODULE_LINE = /^(import|export)\s/
const JSX_TAG_LINE = /^\s*<\/?[A-Z][\w.]*(\s[^>]*)?\/?>\s*$/
/** The first line of a JSX tag whose attributes go on over the next lines: `<CtaBox` alone. */
const JSX_TAG_START = /^\s*<([A-Z][\w.]*)(\s[^<>]*)?$/
/** The line that closes such a tag. */
const JSX_TAG_END = /\/?>\s*$/
/** Docusaurus' `<head>` (or `<Head>`): page metadata such as JSON-LD, which has no place in an article. */
const HEAD_OPEN = /^\s*<head>\s*$/i
const HEAD_CLOSE = /<\/head>\s*$/i
const HEAD_MAX_LINES = 300
/** How far a multi-line JSX tag may run; beyond, or past a blank line, it is not one. */
const JSX_TAG_MAX_LINES = 30
/**
 * A JSX component's tag inside a line (`**X-Forwarded-For** <Optional />`): PascalCase, which no
 * HTML tag is written in, with plain, quoted or `{…}` attributes. `\<Period>` is text, not a tag.
 */
const INLINE_JSX_TAG = /(?<!\\)<\/?([A-Z][a-z][\w.]*)(?:\s+[\w-]+(?:=(?:"[^"]*"|'[^']*'|\{[^{}]*\}))?)*\s*\/?>/g
const HAS_INLINE_JSX = /<\/?[A-Z][a-z]/
const DOCFX_IMAGE = /^\s*:::image\s+(.*?):::\s*$/
const DOCFX_IMAGE_END = /^\s*:::image-end:::\s*$/
/** Lines starting (after spaces) with a character some rewrite below starts with: fences, `>`, `:::`, tags, import/export. */
const MAYBE_SPECIAL = /^\s*[`~>:<ie]/
const DOCFX_LAYOUT = /^\s*:{3,}\s*(row|row-end|column|column-end|zone|zone-end|moniker|moniker-end)\b.*$/

export function preprocess(body: string, ctx: PreprocessContext, depth = 0): string {
  const lines = body.split(/\r?\n/)
  const out: string[] = []
  let fence: string | null = null
  let inComplexImage = false
  /** Open Docusaurus admonitions: how many colons opened each. */
  const admonitions: number[] = []
  let alert: { kind: string } | null = null

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!
    const lineNo = ctx.firstLine + i
    // A GitHub/DocFX alert is a blockquote whose first line is `[!KIND]`: it goes on while lines start with `>`.
    if (alert) {
      if (/^\s{0,3}>/.test(line)) line = line.replace(/^\s{0,3}>\s?/, '')
      else if (!fence) {
        out.push('', '</div>', '')
        alert = null
      }
    }
    if (fence) {
      const close = FENCE_CLOSE.exec(line)?.[1]
      // As in CommonMark: the opening fence's character, at least as many of them.
      if (close?.startsWith(fence)) fence = null
      out.push(line)
      continue
    }
    // Most lines are prose: none of the rewrites below can apply to them.
    if (!inComplexImage && !MAYBE_SPECIAL.test(line) && !line.includes('{') && !line.includes('[!') && !HAS_INLINE_JSX.test(line)) {
      out.push(line)
      continue
    }
    const fenceOpen = FENCE.exec(line)
    if (fenceOpen) {
      fence = fenceOpen[1]!
      out.push(line)
      continue
    }
    const alertStart: RegExpExecArray | null = alert ? null : GITHUB_ALERT.exec(line)
    if (alertStart && !DOCFX_BLOCKQUOTE_MARKER.test(line)) {
      const kind: string = alertStart[1]!.toLowerCase()
      if (CALLOUT_KINDS.has(kind)) {
        alert = { kind }
        const rest = alertStart[2] ?? ''
        out.push(`<div class="callout callout-${kind}" role="note">`, '', /\[!INCLUDE/i.test(rest) ? expandIncludes(rest, lineNo, ctx, depth) : rest)
        continue
      }
    }
    if (DOCFX_BLOCKQUOTE_MARKER.test(line)) {
      const video = /\[!video\s+([^\]\s]+)/i.exec(line)
      out.push(video ? `> [Video](${video[1]})` : '')
      continue
    }

    if (depth === 0 && MDX_MODULE_LINE.test(line) && !/^export\s+default\s/.test(line)) {
      // Multi-line imports run until a line ending the statement.
      let j = i
      while (j < lines.length - 1 && !/(;|['"])\s*$/.test(lines[j]!)) j++
      ctx.diags.warn(lineNo, 1, 'mdx', `MDX ${line.startsWith('import') ? 'import' : 'export'} dropped`)
      for (let k = i; k <= j; k++) out.push('')
      i = j
      continue
    }

    if (inComplexImage) {
      if (DOCFX_IMAGE_END.test(line)) inComplexImage = false
      out.push('')
      continue
    }
    const image = DOCFX_IMAGE.exec(line)
    if (image) {
      const attrs = attributes(image[1]!)
      if (attrs.type === 'complex') inComplexImage = true
      out.push(attrs.source ? `![${(attrs['alt-text'] ?? '').replace(/[[\]]/g, '')}](${attrs.source})` : '')
      continue
    }
    if (DOCFX_LAYOUT.test(line)) {
      out.push('')
      continue
    }

    const admonitionOpen = /^\s*(:{3,})([a-z]+)(?:\[(.*)\]|\s+(.*))?\s*$/.exec(line)
    if (admonitionOpen) {
      const kind = admonitionOpen[2]!
      const title = (admonitionOpen[3] ?? admonitionOpen[4] ?? '').trim()
      admonitions.push(admonitionOpen[1]!.length)
      if (!CALLOUT_KINDS.has(kind)) ctx.diags.warn(lineNo, 1, 'admonition', `unknown admonition ":::${kind}" shown as a note`)
      const cls = CALLOUT_KINDS.has(kind) ? kind : 'note'
      out.push(`<div class="callout callout-${cls}" role="note">`, '')
      if (title) out.push(`**${title}**`, '')
      continue
    }
    if (/^\s*:{3,}\s*$/.test(line) && admonitions.length > 0) {
      admonitions.pop()
      out.push('', '</div>', '')
      continue
    }

    if (HEAD_OPEN.test(line)) {
      let end = i + 1
      while (end < lines.length && end <= i + HEAD_MAX_LINES && !HEAD_CLOSE.test(lines[end]!)) end++
      if (end < lines.length && end <= i + HEAD_MAX_LINES) {
        ctx.diags.warn(lineNo, 1, 'mdx', 'MDX <head> (page metadata) dropped')
        for (; i < end; i++) out.push('')
        out.push('')
        continue
      }
    }
    if (JSX_TAG_LINE.test(line)) {
      ctx.diags.warn(lineNo, 1, 'jsx', `JSX component ${/<\/?([\w.]+)/.exec(line)![1]} dropped (its text is kept)`)
      out.push('')
      continue
    }
    const tagStart = JSX_TAG_START.exec(line)
    const tagEnd = tagStart ? multiLineTagEnd(lines, i) : -1
    if (tagStart && tagEnd > i) {
      ctx.diags.warn(lineNo, 1, 'jsx', `JSX component ${tagStart[1]} dropped (its text is kept)`)
      for (; i < tagEnd; i++) out.push('')
      out.push('')
      continue
    }
    if (HAS_INLINE_JSX.test(line)) line = dropInlineJsx(line, lineNo, ctx)
    if (line.includes('{')) line = rewriteJsxAttributes(line)
    if (/\[!INCLUDE/i.test(line)) line = expandIncludes(line, lineNo, ctx, depth)
    out.push(line)
  }
  if (alert) out.push('', '</div>')
  for (let k = 0; k < admonitions.length; k++) out.push('', '</div>')
  return out.join('\n')
}

/** The line closing a JSX tag opened alone on line `start`, or -1 when none does before a blank line. */
function multiLineTagEnd(lines: string[], start: number): number {
  for (let j = start + 1; j < lines.length && j <= start + JSX_TAG_MAX_LINES; j++) {
    const line = lines[j]!
    if (line.trim() === '' || line.includes('<')) return -1
    if (JSX_TAG_END.test(line)) return j
  }
  return -1
}

/** Drops JSX component tags inside a line, outside code spans, keeping the text between them. */
function dropInlineJsx(line: string, lineNo: number, ctx: PreprocessContext): string {
  const dropped = new Set<string>()
  const parts = line.split(/(`+[^`]*`+)/)
  let start = 0
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!
    // Odd parts are the code spans the split kept.
    if (k % 2 === 0) {
      const at = start
      parts[k] = part.replace(INLINE_JSX_TAG, (_tag, name: string, offset: number) => {
        if (!dropped.has(name)) ctx.diags.warn(lineNo, at + offset + 1, 'jsx', `JSX component ${name} dropped (its text is kept)`)
        dropped.add(name)
        return ''
      })
    }
    start += part.length
  }
  return parts.join('')
}

/** `src={useBaseUrl('img/a.png')}` → `src="img/a.png"`, `className=` → `class=`; other `{…}` attributes dropped. */
function rewriteJsxAttributes(line: string): string {
  if (!/<[a-zA-Z]/.test(line)) return line
  return line
    .replace(/(\s[\w-]+)=\{\s*useBaseUrl\(\s*(['"])(.*?)\2\s*\)\s*\}/g, (_m, name: string, _q, url: string) => `${name}="${url.replace(/^\//, '')}"`)
    .replace(/(\s[\w-]+)=\{\s*(['"])(.*?)\2\s*\}/g, '$1="$3"')
    .replace(/\s[\w-]+=\{[^{}]*\}/g, '')
    .replace(/\sclassName=/g, ' class=')
}

function expandIncludes(line: string, lineNo: number, ctx: PreprocessContext, depth: number): string {
  return line.replace(INCLUDE, (_m, rawPath: string) => {
    const path = rawPath.trim().replace(/^<|>$/g, '')
    if (depth >= 5) {
      ctx.diags.warn(lineNo, 1, 'include', `include "${path}" nested too deep (a cycle?), dropped`)
      return ''
    }
    const rel = joinPath(ctx.dir, path)
    const content = ctx.include(rel)
    if (content === undefined) {
      ctx.diags.warn(lineNo, line.indexOf(rawPath) + 1, 'broken-include', `include "${path}" not found, dropped`)
      return ''
    }
    const dir = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : ''
    const expanded = preprocess(content, { ...ctx, dir, firstLine: lineNo }, depth + 1).trim()
    // An include inside a sentence or list item stays on its line; a block include keeps its lines.
    return line.trim().startsWith('[!INCLUDE') && line.trim().endsWith(')]') ? expanded : expanded.replace(/\s*\n\s*/g, ' ')
  })
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of s.matchAll(/([\w-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!
  return out
}
