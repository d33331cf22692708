import createDOMPurify, { type Config } from 'dompurify'
import { JSDOM } from 'jsdom'

/**
 * Build-time sanitization. The widget sanitizes again in the browser; doing it here as well keeps
 * unsafe markup out of the static files any other consumer might render.
 */
const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis)

const CONFIG: Config = {
  ADD_ATTR: ['target', 'data-signpost-article', 'data-signpost-anchor', 'loading', 'decoding'],
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option'],
  FORBID_ATTR: ['style'],
  ALLOW_DATA_ATTR: false,
}

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('target') === '_blank') node.setAttribute('rel', 'noopener noreferrer')
})

export interface SanitizeResult {
  html: string
  /** Elements (`<script>`) and attributes (`onerror`) that were removed, as written in messages. */
  removed: string[]
}

export function sanitize(html: string): SanitizeResult {
  const clean = purify.sanitize(html, CONFIG) as string
  const removed: string[] = []
  for (const r of purify.removed as Array<{ element?: Element; attribute?: Attr | null }>) {
    if (r.attribute) removed.push(r.attribute.name)
    else if (r.element && r.element.nodeType === 1) removed.push(`<${r.element.nodeName.toLowerCase()}>`)
  }
  return { html: clean, removed }
}
