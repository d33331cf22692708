import { createRequire } from 'node:module'
import type { Config, DOMPurify } from 'dompurify'

/**
 * Build-time sanitization. The widget sanitizes again in the browser; doing it here as well keeps
 * unsafe markup out of the static files any other consumer might render.
 * jsdom takes a third of a second to load, so it is loaded on the first article that needs it.
 */
let purify: DOMPurify | undefined
/** The jsdom window behind `purify`: its XMLSerializer writes sanitized SVG back as XML. */
let purifyWindow: { XMLSerializer: new () => { serializeToString(node: unknown): string } } | undefined

function loadPurify(): DOMPurify {
  const require = createRequire(import.meta.url)
  const { JSDOM } = require('jsdom') as typeof import('jsdom')
  const createDOMPurify = require('dompurify') as (window: unknown) => DOMPurify
  const window = new JSDOM('').window
  purifyWindow = window as unknown as typeof purifyWindow
  const instance = createDOMPurify(window)
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('target') === '_blank') node.setAttribute('rel', 'noopener noreferrer')
  })
  return instance
}

const CONFIG: Config = {
  ADD_ATTR: ['target', 'data-signpost-article', 'data-signpost-anchor', 'loading', 'decoding'],
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
}

export interface SanitizeResult {
  html: string
  /** Elements (`<script>`) and attributes (`onerror`) that were removed, as written in messages. */
  removed: string[]
}

export function sanitize(html: string): SanitizeResult {
  purify ??= loadPurify()
  const clean = purify.sanitize(html, CONFIG) as string
  const removed: string[] = []
  for (const r of purify.removed as Array<{ element?: Element; attribute?: Attr | null }>) {
    if (r.attribute) removed.push(r.attribute.name)
    else if (r.element && r.element.nodeType === 1) removed.push(`<${r.element.nodeName.toLowerCase()}>`)
  }
  return { html: clean, removed }
}

export type SvgResult = { ok: true; data: Buffer; removed: string[] } | { ok: false; reason: string }

// `role` is how a diagram says it is an image to screen readers; the SVG profile forgets it.
const SVG_CONFIG: Config = { USE_PROFILES: { svg: true, svgFilters: true }, ADD_ATTR: ['role'], RETURN_DOM: true }

/**
 * Everything through which an SVG could run script or load something: such elements (also behind
 * a namespace prefix), event-handler attributes, links and URLs of any kind, animation (which can
 * rewrite a link), style sheets, DTDs (entities can hide markup) and comments. An SVG with none of these is only shapes and text, published
 * as written without loading jsdom (a third of a second per build thread); any other goes through
 * DOMPurify.
 */
const MAYBE_ACTIVE =
  /<(?:[\w.-]+:)?(?:script|foreignobject|iframe|embed|object|handler|listener|use|set|animate\w*|style|image|a)[\s/>]|<!|<\?xml-stylesheet|\bon[a-z]+\s*=|href|javascript:|data:|url\(|@import/i
const PLAIN_SVG = /^(?:\uFEFF)?\s*(?:<\?xml\s[^>]*\?>\s*)?<svg[\s>][\s\S]*<\/svg>\s*$/

/**
 * An SVG image as the build publishes it, through DOMPurify's SVG profile: an SVG opened on its
 * own runs its scripts on the knowledge base's origin (the app's own, when the KB is served under
 * `/kb/`), so `<script>`, event handlers, `javascript:` links and `<foreignObject>` go. What is
 * left is written back as XML. A file with no `<svg>` root is refused (`ok: false`).
 *
 * @example
 * sanitizeSvg(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))
 * // → { ok: true, data: <svg xmlns="http://www.w3.org/2000/svg"/>, removed: ['onload'] }
 */
export function sanitizeSvg(data: Buffer): SvgResult {
  const text = data.toString('utf8').replace(/^\uFEFF/, '')
  if (PLAIN_SVG.test(text) && !MAYBE_ACTIVE.test(text)) return { ok: true, data, removed: [] }
  purify ??= loadPurify()
  const body = purify.sanitize(text, SVG_CONFIG) as unknown as Element
  const removed: string[] = []
  for (const r of purify.removed as Array<{ element?: Element; attribute?: Attr | null }>) {
    if (r.attribute) removed.push(r.attribute.name)
    // DOMPurify reports the document wrapper it parsed the file into; that is none of the writer's.
    else if (r.element && r.element.nodeType === 1 && !/^(html|head|body)$/i.test(r.element.nodeName)) removed.push(`<${r.element.nodeName.toLowerCase()}>`)
  }
  const roots = [...body.children]
  const svg = roots.find((el) => el.localName === 'svg' && el.namespaceURI === 'http://www.w3.org/2000/svg')
  if (!svg || roots.length !== 1) return { ok: false, reason: 'not an SVG image (no single <svg> root element)' }
  const xml = new purifyWindow!.XMLSerializer().serializeToString(svg)
  return { ok: true, data: Buffer.from(xml), removed: [...new Set(removed)] }
}
