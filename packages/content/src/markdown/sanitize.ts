import { createRequire } from 'node:module'
import type { Config, DOMPurify } from 'dompurify'

/**
 * Build-time sanitization. The widget sanitizes again in the browser; doing it here as well keeps
 * unsafe markup out of the static files any other consumer might render.
 * jsdom takes a third of a second to load, so it is loaded on the first article that needs it.
 */
let purify: DOMPurify | undefined

function loadPurify(): DOMPurify {
  const require = createRequire(import.meta.url)
  const { JSDOM } = require('jsdom') as typeof import('jsdom')
  const createDOMPurify = require('dompurify') as (window: unknown) => DOMPurify
  const instance = createDOMPurify(new JSDOM('').window)
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
