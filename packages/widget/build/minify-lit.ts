// Shared by the CDN build (vite.config.ts) and the npm build (vite.lib.config.ts).
import MagicString from 'magic-string'
import type { Plugin } from 'vite'

/**
 * Collapses the indentation inside Lit html`` templates of our sources to one space: Lit ships
 * template text as written, and HTML treats a run of whitespace as one space anyway.
 */
export function minifyLitHtml(): Plugin {
  return {
    name: 'signpost-minify-lit-html',
    enforce: 'post',
    transform(code, id) {
      if (!id.includes('/packages/widget/src/') || !code.includes('html`')) return null
      const out = new MagicString(code)
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return
        if (Array.isArray(node)) {
          for (const child of node) visit(child)
          return
        }
        const n = node as { type?: string; tag?: { type: string; name?: string }; quasi?: { quasis: { start: number; end: number }[] } }
        if (n.type === 'TaggedTemplateExpression' && n.tag?.type === 'Identifier' && n.tag.name === 'html') {
          for (const q of n.quasi!.quasis) {
            const text = code.slice(q.start, q.end)
            const min = text.replace(/\n\s*/g, ' ')
            if (min !== text && q.end > q.start) out.overwrite(q.start, q.end, min)
          }
        }
        for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value)
      }
      visit(this.parse(code))
      return { code: out.toString(), map: out.generateMap({ hires: true }) }
    },
  }
}

/** Collapses the whitespace of the css`` blocks in *.styles.ts: Lit ships CSS as written. */
export function minifyLitCss(): Plugin {
  return {
    name: 'signpost-minify-lit-css',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null
      const out = new MagicString(code)
      for (const m of code.matchAll(/css`([^`]*)`/g)) {
        const min = m[1]!
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim()
        out.overwrite(m.index, m.index + m[0].length, `css\`${min}\``)
      }
      return { code: out.toString(), map: out.generateMap({ hires: true }) }
    },
  }
}
