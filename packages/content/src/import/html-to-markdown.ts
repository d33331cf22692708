import TurndownService from 'turndown'
import { gfm } from 'turndown-plugin-gfm'

/**
 * HTML as help-center vendors store it → GitHub-flavoured markdown (tables, strikethrough, task
 * lists). `link` may rewrite each link's href (to the markdown file of an imported article);
 * images keep their URLs. What markdown cannot say (iframes, colspans) stays as raw HTML, which
 * the build sanitizes.
 */
export function createHtmlToMarkdown(link: (href: string) => string): (html: string) => string {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' })
  service.use(gfm)
  service.keep(['iframe', 'video'])
  // Turndown pads list markers to four columns (`-   item`); writers write `- item`.
  service.addRule('signpost-list-item', {
    filter: 'li',
    replacement: (content, node, options) => {
      const parent = node.parentNode as HTMLElement
      const index = Array.prototype.indexOf.call(parent.children, node)
      const prefix = parent.nodeName === 'OL' ? `${Number(parent.getAttribute('start') ?? 1) + index}. ` : `${options.bulletListMarker} `
      const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n(?!$)/gm, `\n${' '.repeat(prefix.length)}`)
      return prefix + body + (node.nextSibling && !body.endsWith('\n') ? '\n' : '')
    },
  })
  service.addRule('signpost-link', {
    filter: (node) => node.nodeName === 'A' && Boolean(node.getAttribute('href')),
    replacement: (content, node) => {
      const href = link((node as HTMLAnchorElement).getAttribute('href')!)
      const title = (node as HTMLAnchorElement).getAttribute('title')
      return `[${content}](${href.replace(/[()\s]/g, encodeURIComponent)}${title ? ` "${title.replace(/"/g, '\\"')}"` : ''})`
    },
  })
  return (html) => service.turndown(html).trim()
}
