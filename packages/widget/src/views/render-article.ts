/**
 * The article view's lazy chunk: DOMPurify and the HTML post-processing load with the first
 * article, never on the critical path. The build sanitized the HTML already; it is sanitized again
 * here because a knowledge base is fetched from a URL the widget cannot vouch for.
 */
import DOMPurify from 'dompurify'

/** Parses shard HTML into a sanitized fragment: no string ever reaches an HTML sink, so Trusted Types pages need no policy of ours. */
export function renderArticleHtml(html: string, base: string, externalLabel: string): DocumentFragment {
  // null when the markup has no body to sanitize (a <frameset>, say): show nothing rather than fail.
  const fragment: DocumentFragment = DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    ADD_ATTR: ['target', 'data-signpost-article', 'data-signpost-anchor', 'loading', 'decoding'],
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
  }) ?? document.createDocumentFragment()
  const origin = new URL(base).origin
  for (const a of fragment.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href')!
    if (a.hasAttribute('data-signpost-article') || href.startsWith('#')) {
      a.removeAttribute('target')
      continue
    }
    const url = new URL(href, base)
    a.setAttribute('href', url.href)
    if (url.origin !== origin || a.getAttribute('target') === '_blank') {
      a.setAttribute('target', '_blank')
      a.setAttribute('rel', 'noopener noreferrer')
      const hint = document.createElement('span')
      hint.className = 'visually-hidden'
      hint.textContent = ` ${externalLabel}`
      a.append(hint)
    }
  }
  for (const img of fragment.querySelectorAll('img')) {
    const src = img.getAttribute('src')
    if (src) img.setAttribute('src', new URL(src, base).href)
    img.setAttribute('loading', 'lazy')
    img.setAttribute('decoding', 'async')
    if (!img.hasAttribute('alt')) img.setAttribute('alt', '')
  }
  // Heading ids live in the widget's shadow root; prefix-free ids are fine there, but never let
  // shard ids collide with the widget's own.
  for (const el of fragment.querySelectorAll('[id]')) el.id = `a-${el.id}`
  return fragment
}
